/**
 * Starts the real n8n server (from the e2e cache, on Node 24) on a loopback port with its own user
 * folder, and waits until it answers. The same serves a queue-mode worker (`command`: `worker`,
 * ready when its health server answers). The editor and every URL n8n prints say `localhost` because
 * n8n's auth cookie is bound to the host name the browser used.
 */
import type { N8nRuntime } from './n8n-runtime';
import { delay, logTail, startManaged, type ManagedProcess } from './processes';

export interface N8nServer {
	url: string;
	port: number;
	userFolder: string;
	process: ManagedProcess;
	logTail(lines?: number): string;
}

export interface N8nServerOptions {
	runtime: N8nRuntime;
	userFolder: string;
	port: number;
	logFile: string;
	env?: NodeJS.ProcessEnv;
	startTimeoutMs?: number;
	/** n8n's command and flags, default `start` (the main process); e.g. `worker --concurrency=4`. */
	command?: string[];
	/** What must answer 200 before the process counts as started, default `<url>/healthz/readiness`. */
	readinessUrl?: string;
}

export async function startN8n(options: N8nServerOptions): Promise<N8nServer> {
	const { runtime, userFolder, port, logFile } = options;
	const env: NodeJS.ProcessEnv = {
		...runtime.env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_HOST: 'localhost',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		...options.env,
	};
	const command = options.command ?? ['start'];
	const server = startManaged(`n8n ${command[0]}`, runtime.nodeBin, [runtime.n8nBin, ...command], { cwd: userFolder, env, logFile });
	const url = `http://localhost:${port}`;
	const readinessUrl = options.readinessUrl ?? `${url}/healthz/readiness`;
	const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
	for (;;) {
		if (server.child.exitCode !== null) {
			throw new Error(`n8n exited (${server.child.exitCode}) before answering; end of ${logFile}:\n${logTail(logFile)}`);
		}
		if (await answersOk(readinessUrl)) break;
		if (Date.now() > deadline) {
			await server.stop();
			throw new Error(`n8n did not answer ${readinessUrl} in time; end of ${logFile}:\n${logTail(logFile)}`);
		}
		await delay(500);
	}
	return { url, port, userFolder, process: server, logTail: (lines) => logTail(logFile, lines) };
}

async function answersOk(url: string): Promise<boolean> {
	try {
		const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
		return response.ok;
	} catch {
		return false;
	}
}
