/**
 * A throwaway PostgreSQL for one run: its own data folder, a loopback port, trust authentication for
 * the one user `n8n`, and a database `n8n`. Everything is deleted when it stops.
 *
 * PostgreSQL refuses to run as root, so as root its programs run as the `postgres` user that
 * Debian's package creates (the data folder is made theirs). Durability is switched off (fsync,
 * synchronous commit): the data lives for minutes and a crash loses nothing anyone needs.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { postgresBinDir } from './debian-packages';
import { runLogged, startManaged, waitUntilReady, type ManagedProcess } from './processes';

const run = promisify(execFile);

export interface Postgres {
	host: string;
	port: number;
	database: string;
	user: string;
	process: ManagedProcess;
	/** Runs one SQL statement with psql; the rows as psql's unaligned output (one line a row, `|` between columns). */
	query(sql: string): Promise<string>;
	stop(): Promise<void>;
}

export async function startPostgres(folder: string, port: number, logFile: string): Promise<Postgres> {
	const bin = postgresBinDir();
	if (bin === undefined) throw new Error('PostgreSQL is not installed (/usr/lib/postgresql/*/bin)');
	const dataDir = join(folder, 'data');
	const socketDir = join(folder, 'socket');
	mkdirSync(dataDir, { recursive: true });
	mkdirSync(socketDir, { recursive: true });
	chmodSync(folder, 0o755);
	chmodSync(dataDir, 0o700);
	const asOwner = ownerOf([folder, dataDir, socketDir]);
	const user = 'n8n';
	const database = 'n8n';
	await runLogged(...asOwner(join(bin, 'initdb'), ['-D', dataDir, '-A', 'trust', '-U', user, '--no-sync', '-E', 'UTF8']), { logFile, timeoutMs: 120_000 });
	const server = startManaged('postgres', ...asOwner(join(bin, 'postgres'), [
		'-D', dataDir, '-p', String(port), '-k', socketDir,
		'-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
	]), { logFile });
	const connection = ['-h', '127.0.0.1', '-p', String(port), '-U', user];
	const stop = async () => {
		await runLogged(...asOwner(join(bin, 'pg_ctl'), ['-D', dataDir, 'stop', '-m', 'fast', '-t', '20']), { logFile, timeoutMs: 30_000 }).catch(() => undefined);
		await server.stop();
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		await waitUntilReady(() => run(join(bin, 'pg_isready'), connection).then(() => true, () => false), server, 60_000);
		await runLogged(join(bin, 'createdb'), [...connection, database], { logFile, timeoutMs: 30_000 });
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		host: '127.0.0.1',
		port,
		database,
		user,
		process: server,
		query: async (sql) => {
			const { stdout } = await run(join(bin, 'psql'), [...connection, '-d', database, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql], { maxBuffer: 1 << 30, timeout: 120_000 });
			return stdout;
		},
		stop,
	};
}

/** Command and arguments that run a program as the owner of the data: `postgres` when we are root, else ourselves. */
function ownerOf(paths: string[]): (program: string, args: string[]) => [string, string[]] {
	if (process.getuid?.() !== 0) return (program, args) => [program, args];
	const { uid, gid } = postgresUser();
	for (const path of paths) chownSync(path, uid, gid);
	return (program, args) => ['runuser', ['-u', 'postgres', '--', program, ...args]];
}

function postgresUser(): { uid: number; gid: number } {
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	return { uid: id('-u'), gid: id('-g') };
}
