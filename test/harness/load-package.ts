import { PACKAGE_ROOT, useTemporaryUserFolder } from './environment';
import type { OtherPackage } from './other-packages';
import { PackageTypes } from './package-types';

const loaded = new Map<string, Promise<PackageTypes>>();

/**
 * A package's built node and credential types (by default this repository's), with the chosen
 * types of other packages, loaded once per process: loading the engine and the types is the slow
 * part of a run, and executions share nothing else.
 */
export async function loadPackageTypes(packageDir = PACKAGE_ROOT, otherPackages: OtherPackage[] = []): Promise<PackageTypes> {
	useTemporaryUserFolder();
	const key = JSON.stringify([packageDir, otherPackages]);
	if (!loaded.has(key)) loaded.set(key, PackageTypes.load(packageDir, otherPackages));
	return await loaded.get(key)!;
}
