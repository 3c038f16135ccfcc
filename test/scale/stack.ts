/**
 * Everything `npm run test:scale` runs, started part by part (each part is one step of the run) and
 * stopped in reverse order by one `stop()`, whatever was reached:
 *
 *   PostgreSQL + Redis (Debian's, throwaway) → the emulator over https for the Salesforce hosts
 *   → n8n main (webhooks, REST) → two n8n workers
 *
 * Each n8n process connects to the emulator from a loopback address of its own (main 127.0.0.10,
 * workers 127.0.0.11 and .12), so every Salesforce call the emulator records says which process made it.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages, POSTGRESQL_PACKAGE, REDIS_PACKAGE } from '../../scripts/e2e/debian-packages';
import { freePort } from '../../scripts/e2e/free-port';
import { installLikeCommunityNode, packRepository } from '../../scripts/e2e/install-package';
import type { N8nRuntime } from '../../scripts/e2e/n8n-runtime';
import { startQueueMain, startQueueWorker, type QueueProcessOptions } from '../../scripts/e2e/n8n-queue';
import type { N8nServer } from '../../scripts/e2e/n8n-server';
import { startPostgres, type Postgres } from '../../scripts/e2e/postgres';
import { runLogged } from '../../scripts/e2e/processes';
import { startRedis, type Redis } from '../../scripts/e2e/redis';
import { startSalesforceStandIn, type SalesforceStandIn } from '../../scripts/e2e/salesforce-stand-in';

/** Two workers on two cores: 5 executions each at most (n8n warns below 5; each execution mostly waits on HTTP and the database). */
export const WORKER_CONCURRENCY = 5;

/**
 * Bull's lock on a running job: renewed every 5 s, lost after 20 s without renewal, checked every
 * 10 s (n8n's defaults: 10 s, 60 s, 30 s). Shorter so that a killed worker's executions are given up
 * within the run's time; n8n never re-queues them either way (maxStalledCount is 0).
 */
export const QUEUE_LOCK_SETTINGS = {
	QUEUE_WORKER_LOCK_DURATION: '20000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
	QUEUE_WORKER_STALLED_INTERVAL: '10000',
};

/**
 * An Enterprise org's daily API calls (100,000 + 1,000 a licence). The emulator's default is a
 * Developer Edition's 15,000, which this run's ~20,000 calls (three a lead: two describes and the
 * create) would spend part way through the third scenario.
 */
export const EMULATED_DAILY_API_LIMIT = 100_000;

export interface N8nProcess {
	name: string;
	/** The loopback address its Salesforce calls come from. */
	localAddress: string;
	userFolder: string;
	logFile: string;
	server?: N8nServer;
}

export class ScaleStack {
	readonly main: N8nProcess;
	readonly workers: N8nProcess[];
	postgres?: Postgres;
	redis?: Redis;
	standIn?: SalesforceStandIn;
	private readonly dataDir: string;
	private readonly encryptionKey = randomBytes(24).toString('base64url');
	private mainPort = 0;

	constructor(readonly runtime: () => N8nRuntime, readonly workDir: string, private readonly repo: string) {
		const n8nProcess = (name: string, localAddress: string): N8nProcess => ({ name, localAddress, userFolder: join(workDir, name), logFile: join(workDir, `${name}.log`) });
		this.main = n8nProcess('main', '127.0.0.10');
		this.workers = [n8nProcess('worker-1', '127.0.0.11'), n8nProcess('worker-2', '127.0.0.12')];
		// PostgreSQL runs as its own user: its folders live where that user can reach them.
		this.dataDir = mkdtempSync(join(tmpdir(), 'n8n-scale-'));
		chmodSync(this.dataDir, 0o755);
	}

	get processes(): N8nProcess[] {
		return [this.main, ...this.workers];
	}

	get mainUrl(): string {
		return `http://localhost:${this.mainPort}`;
	}

	async startBackends(say: (message: string) => void): Promise<void> {
		await ensureDebianPackages([REDIS_PACKAGE, POSTGRESQL_PACKAGE], say, join(this.workDir, 'apt-get.log'));
		this.postgres = await startPostgres(join(this.dataDir, 'postgres'), await freePort(), join(this.workDir, 'postgres.log'));
		this.redis = await startRedis(join(this.dataDir, 'redis'), await freePort(), join(this.workDir, 'redis.log'));
	}

	async startStandIn(): Promise<SalesforceStandIn> {
		this.mainPort = await freePort();
		this.standIn = await startSalesforceStandIn(this.workDir, this.mainUrl, { apiLimit: EMULATED_DAILY_API_LIMIT });
		return this.standIn;
	}

	/** Built and packed once, installed into every process's user folder the way "Install community node" does. */
	async installPackage(): Promise<string[]> {
		await runLogged('npm', ['run', 'build'], { cwd: this.repo, logFile: join(this.workDir, 'build.log'), timeoutMs: 300_000 });
		const { tarball } = packRepository(this.repo, join(this.workDir, 'pack'), join(this.workDir, 'pack.json'));
		const installed = [];
		for (const { name, userFolder } of this.processes) {
			mkdirSync(userFolder, { recursive: true });
			const { directory } = await installLikeCommunityNode(tarball, userFolder, this.runtime().env, join(this.workDir, `install-${name}.log`));
			installed.push(directory);
		}
		return installed;
	}

	async startMain(): Promise<N8nServer> {
		this.main.server = await startQueueMain({ ...this.processOptions(this.main), port: this.mainPort });
		return this.main.server;
	}

	async startWorkers(): Promise<void> {
		await Promise.all(this.workers.map(async (worker) => {
			worker.server = await startQueueWorker({ ...this.processOptions(worker), concurrency: WORKER_CONCURRENCY });
		}));
	}

	/** CPU time the process has used so far (user + system, from /proc), 0 once it is gone. */
	cpuSeconds(n8nProcess: N8nProcess): number {
		try {
			// Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks of 10 ms.
			const fields = readFileSync(`/proc/${n8nProcess.server?.process.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
			return (Number(fields[11]) + Number(fields[12])) / 100;
		} catch {
			return 0;
		}
	}

	/** SIGKILL to the worker's whole process group (the worker and its task runner), as when its container dies. */
	killWorker(worker: N8nProcess): void {
		const pid = worker.server?.process.child.pid;
		if (pid === undefined) throw new Error(`${worker.name} is not running`);
		process.kill(-pid, 'SIGKILL');
	}

	async stop(): Promise<void> {
		const quietly = (stopping: Promise<void> | undefined) => stopping?.catch((error: Error) => console.log(`    (while stopping: ${error.message})`));
		await Promise.all(this.workers.map((worker) => quietly(worker.server?.process.stop())));
		await quietly(this.main.server?.process.stop());
		await quietly(this.standIn?.emulator.stop());
		await quietly(this.redis?.stop());
		await quietly(this.postgres?.stop());
		rmSync(this.dataDir, { recursive: true, force: true });
	}

	private processOptions(n8nProcess: N8nProcess): QueueProcessOptions {
		if (!this.postgres || !this.redis || !this.standIn) throw new Error('start PostgreSQL, Redis and the emulator first');
		return {
			runtime: this.runtime(),
			backends: { postgres: this.postgres, redis: this.redis },
			encryptionKey: this.encryptionKey,
			userFolder: n8nProcess.userFolder,
			logFile: n8nProcess.logFile,
			env: { ...this.standIn.n8nEnv, E2E_SALESFORCE_LOCAL_ADDRESS: n8nProcess.localAddress, ...QUEUE_LOCK_SETTINGS },
		};
	}
}
