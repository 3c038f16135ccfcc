/**
 * Packs this repository (`npm pack`, so only what `files` lists ships) and installs the tarball into
 * an n8n user folder the way n8n 2.41's "Install community node" does it
 * (CommunityPackagesService.downloadPackage in n8n/dist/modules/community-packages):
 *   - unpack the tarball into <user folder>/.n8n/nodes/node_modules/<package name>
 *   - drop devDependencies, peerDependencies and optionalDependencies from its package.json
 *   - `npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow
 *      --ignore-scripts=true --package-lock=false` inside the package folder
 *   - record the package in <user folder>/.n8n/nodes/package.json
 * On start n8n scans that node_modules folder for `n8n-nodes-*` packages and loads them with
 * LazyPackageDirectoryLoader, which is where a wrong package.json, a file missing from `files`, or a
 * codex/icon n8n cannot read shows up.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runLogged } from './processes';

/** `npm pack` of the repository: the tarball path and the files it holds. */
export function packRepository(repoDir: string, outDir: string, logFile: string): { tarball: string; files: string[] } {
	mkdirSync(outDir, { recursive: true });
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
	writeFileSync(logFile, output);
	const [packed] = JSON.parse(output) as Array<{ filename: string; files: Array<{ path: string }> }>;
	return { tarball: join(outDir, packed.filename), files: packed.files.map((file) => file.path) };
}

export async function installLikeCommunityNode(
	tarball: string,
	userFolder: string,
	env: NodeJS.ProcessEnv,
	logFile: string,
): Promise<{ name: string; version: string; directory: string }> {
	const nodesFolder = join(userFolder, '.n8n', 'nodes');
	const listing = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
	const { name, version } = JSON.parse(listing) as { name: string; version: string };
	const directory = join(nodesFolder, 'node_modules', name);
	mkdirSync(directory, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', directory, '--strip-components=1']);

	const packageJsonPath = join(directory, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...installed } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as Record<string, unknown>;
	writeFileSync(packageJsonPath, JSON.stringify(installed, null, 2));
	await runLogged('npm', ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'], {
		cwd: directory,
		env,
		logFile,
		timeoutMs: 300_000,
	});
	writeFileSync(join(nodesFolder, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [name]: version } }, null, 2));
	return { name, version, directory };
}
