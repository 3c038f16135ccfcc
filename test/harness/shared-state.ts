import path from 'node:path';

import { PACKAGE_ROOT } from './environment';

function distModule<T>(packageDir: string, ...segments: string[]): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(path.join(packageDir, 'dist', 'nodes', 'SalesforceRest', ...segments)) as T;
}

/**
 * The node keeps state shared by the executions of a process (as in n8n): a describe cache and the
 * last API budget figure seen per org. Tests that start an emulator of their own empty both
 * first, so that no test meets a describe or a budget another test left (two emulators may get the
 * same port one after the other, and every test's credential has the same id).
 */
export function forgetSharedState(packageDir = PACKAGE_ROOT): void {
	distModule<{ clearObjectSchemas(): void }>(packageDir, 'transport', 'describeCache.js').clearObjectSchemas();
	distModule<{ forgetApiUsage(): void }>(packageDir, 'transport', 'apiBudget.js').forgetApiUsage();
}
