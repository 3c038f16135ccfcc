/**
 * n8n in queue mode: one main process (editor, REST API, webhooks; it puts executions on a Redis
 * queue) and workers (`n8n worker`) that run them, all sharing one PostgreSQL and one encryption key.
 * Each process has its own user folder (where it finds community packages), its own task-runner
 * broker port, and each worker its own health server on loopback, which tells when it is ready.
 */
import { freePort } from './free-port';
import type { N8nRuntime } from './n8n-runtime';
import { startN8n, type N8nServer } from './n8n-server';

export interface QueueBackends {
	postgres: { host: string; port: number; database: string; user: string };
	redis: { host: string; port: number };
}

export interface QueueProcessOptions {
	runtime: N8nRuntime;
	backends: QueueBackends;
	/** The same for every process: credentials saved by one are decrypted by the others. */
	encryptionKey: string;
	userFolder: string;
	logFile: string;
	/** Added last (the Salesforce stand-in's preload, queue settings under test). */
	env?: NodeJS.ProcessEnv;
}

/** What every process of one queue-mode n8n shares. */
function sharedEnv({ backends, encryptionKey }: QueueProcessOptions): NodeJS.ProcessEnv {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: backends.postgres.host,
		DB_POSTGRESDB_PORT: String(backends.postgres.port),
		DB_POSTGRESDB_DATABASE: backends.postgres.database,
		DB_POSTGRESDB_USER: backends.postgres.user,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: backends.redis.host,
		QUEUE_BULL_REDIS_PORT: String(backends.redis.port),
		N8N_ENCRYPTION_KEY: encryptionKey,
		// A test reads every execution afterwards: none may be pruned in between.
		EXECUTIONS_DATA_PRUNE: 'false',
		// Stopping at the end of a run should not wait 30 s for executions nobody waits for.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
}

/** The main process: editor and webhooks on localhost:<port>; ready when /healthz/readiness answers (migrations done). */
export async function startQueueMain(options: QueueProcessOptions & { port: number }): Promise<N8nServer> {
	return await startN8n({
		runtime: options.runtime,
		userFolder: options.userFolder,
		port: options.port,
		logFile: options.logFile,
		env: { ...sharedEnv(options), N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...options.env },
	});
}

/** One worker taking at most `concurrency` executions at a time; ready when its health server says so. */
export async function startQueueWorker(options: QueueProcessOptions & { concurrency: number }): Promise<N8nServer> {
	const healthPort = await freePort();
	return await startN8n({
		runtime: options.runtime,
		userFolder: options.userFolder,
		port: healthPort,
		logFile: options.logFile,
		command: ['worker', `--concurrency=${options.concurrency}`],
		readinessUrl: `http://127.0.0.1:${healthPort}/healthz/readiness`,
		env: {
			...sharedEnv(options),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...options.env,
		},
	});
}
