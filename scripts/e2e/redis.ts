/**
 * A throwaway Redis for one run: a loopback port of its own, nothing saved to disk (no RDB snapshot,
 * no append-only file), its working folder deleted when it stops.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { runLogged, startManaged, waitUntilReady, type ManagedProcess } from './processes';

const run = promisify(execFile);

export interface Redis {
	host: string;
	port: number;
	process: ManagedProcess;
	stop(): Promise<void>;
}

export async function startRedis(folder: string, port: number, logFile: string): Promise<Redis> {
	mkdirSync(folder, { recursive: true });
	const server = startManaged('redis-server', '/usr/bin/redis-server', [
		'--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder,
	], { logFile });
	const cli = ['-h', '127.0.0.1', '-p', String(port)];
	const stop = async () => {
		await runLogged('/usr/bin/redis-cli', [...cli, 'shutdown', 'nosave'], { logFile, timeoutMs: 10_000 }).catch(() => undefined);
		await server.stop();
		rmSync(folder, { recursive: true, force: true });
	};
	try {
		await waitUntilReady(() => run('/usr/bin/redis-cli', [...cli, 'ping'], { timeout: 2_000 }).then(({ stdout }) => stdout.trim() === 'PONG', () => false), server, 30_000);
	} catch (error) {
		await stop();
		throw error;
	}
	return { host: '127.0.0.1', port, process: server, stop };
}
