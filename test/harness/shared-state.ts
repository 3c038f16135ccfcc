import path from 'node:path';

import { PACKAGE_ROOT } from './environment';

/**
 * The node keeps a describe cache shared by the executions of a process (as in n8n). Tests that start
 * an emulator of their own empty it first, so that no test meets a describe another test cached
 * (two emulators may get the same port one after the other).
 */
export function forgetSharedState(packageDir = PACKAGE_ROOT): void {
	const modulePath = path.join(packageDir, 'dist', 'nodes', 'SalesforceRest', 'transport', 'describeCache.js');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	(require(modulePath) as { clearObjectSchemas(): void }).clearObjectSchemas();
}
