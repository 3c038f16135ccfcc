import { PACKAGE_ROOT, useTemporaryUserFolder } from './environment';
import { PackageTypes } from './package-types';

const loaded = new Map<string, Promise<PackageTypes>>();

/**
 * A package's built node and credential types (by default this repository's), loaded once per
 * process: loading the engine and the types is the slow part of a run, and executions share
 * nothing else.
 */
export async function loadPackageTypes(packageDir = PACKAGE_ROOT): Promise<PackageTypes> {
	useTemporaryUserFolder();
	if (!loaded.has(packageDir)) loaded.set(packageDir, PackageTypes.load(packageDir));
	return await loaded.get(packageDir)!;
}
