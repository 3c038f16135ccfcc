/**
 * Child processes for the end-to-end run: every long-lived process starts in its own process group
 * (detached) with its output in a log file, so the run can always stop the whole group, children
 * included, and print the log tail when something fails.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface ManagedProcess {
	name: string;
	child: ChildProcess;
	logFile: string;
	/** Resolves with the exit code (or signal name) once the process has ended. */
	exited: Promise<number | string>;
	stop(): Promise<void>;
}

export function startManaged(
	name: string,
	command: string,
	args: string[],
	options: SpawnOptions & { logFile: string | 'inherit' },
): ManagedProcess {
	const logFd = options.logFile === 'inherit' ? 'inherit' : openSync(options.logFile, 'a');
	const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', logFd, logFd] });
	if (typeof logFd === 'number') closeSync(logFd);
	const exited = new Promise<number | string>((resolve) => {
		child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
		child.once('error', (error) => resolve(`spawn error: ${error.message}`));
	});
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
		signalGroup(child.pid, 'SIGTERM');
		const ended = await Promise.race([exited.then(() => true), delay(10_000).then(() => false)]);
		// n8n waits for running executions on SIGTERM; a test has none left worth waiting for.
		if (!ended) signalGroup(child.pid, 'SIGKILL');
		await exited;
		// Children that outlived the leader (an npm wrapper's node, tsc --watch) share its group.
		signalGroup(child.pid, 'SIGKILL');
	};
	return { name, child, logFile: options.logFile, exited, stop };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// The group is already gone.
	}
}

/**
 * Runs a command to completion with its output appended to a log file; rejects on a non-zero exit,
 * or, with `timeoutMs`, when it has not ended by then (it is stopped first).
 */
export async function runLogged(
	command: string,
	args: string[],
	options: SpawnOptions & { logFile: string; timeoutMs?: number },
): Promise<void> {
	const managed = startManaged(command, command, args, options);
	const { timeoutMs } = options;
	const ended = timeoutMs === undefined
		? await managed.exited.then((code) => ({ code }))
		: await Promise.race([managed.exited.then((code) => ({ code })), delay(timeoutMs).then(() => undefined)]);
	if (ended === undefined) {
		await managed.stop();
		throw new Error(`${command} ${args.join(' ')} did not end within ${timeoutMs! / 1000} s; end of ${options.logFile}:\n${logTail(options.logFile)}`);
	}
	const { code } = ended;
	if (code !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${code}); end of ${options.logFile}:\n${logTail(options.logFile)}`);
	}
}

export function logTail(file: string, lines = 40): string {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return `(no log at ${file})`;
	}
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `ready` every 300 ms until it says yes, the process dies, or the time is up. */
export async function waitUntilReady(ready: () => Promise<boolean>, server: ManagedProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await ready())) {
		if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(`${server.name} exited before it was ready (log: ${server.logFile})`);
		if (Date.now() > deadline) throw new Error(`${server.name} was not ready within ${timeoutMs / 1000} s (log: ${server.logFile})`);
		await delay(300);
	}
}
