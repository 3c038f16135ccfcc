/**
 * Debian packages a run needs (Redis and PostgreSQL for n8n's queue mode), installed with apt-get
 * when their programs are missing. Installing starts nothing: every run starts its own instances.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runLogged } from './processes';

export interface DebianPackage {
	/** The Debian package, e.g. `redis-server`. */
	name: string;
	/** True when the package's programs are already on this machine. */
	installed(): boolean;
}

export const REDIS_PACKAGE: DebianPackage = {
	name: 'redis-server',
	installed: () => existsSync('/usr/bin/redis-server') && existsSync('/usr/bin/redis-cli'),
};

export const POSTGRESQL_PACKAGE: DebianPackage = {
	name: 'postgresql',
	installed: () => postgresBinDir() !== undefined,
};

/** /usr/lib/postgresql/<newest version>/bin, where Debian puts initdb, postgres, createdb and psql. */
export function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root).filter((entry) => /^\d+$/.test(entry)).sort((a, b) => Number(b) - Number(a));
	const bin = versions.map((version) => join(root, version, 'bin')).find((dir) => existsSync(join(dir, 'postgres')) && existsSync(join(dir, 'initdb')));
	return bin;
}

/** Installs the packages that are missing (root only); the package lists are refreshed once if an install fails. */
export async function ensureDebianPackages(packages: DebianPackage[], say: (message: string) => void, logFile: string): Promise<void> {
	const missing = packages.filter((pkg) => !pkg.installed()).map((pkg) => pkg.name);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`missing Debian packages ${missing.join(', ')}: install them (apt-get install ${missing.join(' ')}) or run as root`);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () => runLogged('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env, logFile, timeoutMs: 300_000 });
	say(`installing ${missing.join(', ')} with apt-get (log: ${logFile})`);
	try {
		await install();
	} catch {
		say('apt-get install failed; refreshing the package lists and trying once more');
		await runLogged('apt-get', ['update'], { env, logFile, timeoutMs: 300_000 });
		await install();
	}
	const stillMissing = packages.filter((pkg) => !pkg.installed()).map((pkg) => pkg.name);
	if (stillMissing.length > 0) throw new Error(`apt-get installed ${missing.join(', ')} but ${stillMissing.join(', ')} is still missing (log: ${logFile})`);
}
