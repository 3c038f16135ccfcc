/**
 * `npm run test:scale`: the package in n8n's queue mode under load.
 *
 *   n8n 2.41.1 + Node 24 (the e2e cache) → Redis + PostgreSQL (Debian's, throwaway) → the package
 *   installed into every n8n process's user folder → emulator over https for the Salesforce hosts
 *   → main (webhooks) → owner, credential connected through n8n's OAuth2 flow, lead-intake published
 *   → two workers → each worker runs the node → burst · token expiry · rotating refresh tokens
 *   · the same with a slow token endpoint · a worker killed → one table, then `N passed, M failed`.
 *
 * SCALE_LEADS (default 2000) sets the leads of the burst and of the two token-expiry scenarios; the
 * slow-token-endpoint and killed-worker ones post a quarter as many (what they show needs a few
 * hundred; the workers run about 13 leads a second on two shared cores).
 * Everything it starts is stopped in `finally` and on SIGINT/SIGTERM. Logs in .scale/.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultCacheDir, ensureN8nRuntime, type N8nRuntime } from '../../scripts/e2e/n8n-runtime';
import { exitWhenDone, indent, StepRunner, stopOnSignals } from '../e2e/steps';
import { connectCredential } from './connect-credential';
import { publishLeadIntake, type PublishedWorkflow } from './lead-intake';
import { N8nRestClient } from './n8n-rest';
import { type ScaleContext } from './scenario';
import { burstScenario, killedWorkerScenario, tokenExpiryScenario } from './scenarios';
import { ScaleStack, WORKER_CONCURRENCY } from './stack';
import { resultsTable } from './table';
import { verifyWorkersRunTheNode } from './warm-up';
import type { ScenarioReport } from './reconcile';

const REPO = resolve(__dirname, '..', '..');
const WORK_DIR = join(REPO, '.scale');
const LEADS = Number(process.env.SCALE_LEADS ?? 2000);
/** n8n-core waits 10 s for another process's token refresh, then refreshes on its own. */
const SLOW_TOKEN_ENDPOINT_MS = 12_000;

async function main(): Promise<boolean> {
	rmSync(WORK_DIR, { recursive: true, force: true });
	mkdirSync(WORK_DIR, { recursive: true });
	let runtime: N8nRuntime | undefined;
	const stack = new ScaleStack(() => runtime!, WORK_DIR, REPO);
	const runner = new StepRunner(async () => {
		for (const { logFile, server } of stack.processes) console.log(`    end of ${logFile}:\n${indent(server?.logTail(15) ?? '(not started)', 6)}`);
	});
	stopOnSignals(runner, 'n8n, the emulator, Redis and PostgreSQL', () => stack.stop());
	const reports: ScenarioReport[] = [];
	try {
		let workflow: PublishedWorkflow | undefined;
		await runner.step('n8n 2.41.1 and Node 24 ready in the e2e cache', async () => {
			runtime = await ensureN8nRuntime(process.env.E2E_CACHE_DIR ?? defaultCacheDir(), (message) => runner.note(message));
		});
		await runner.step('Redis and PostgreSQL (Debian\'s) running on ports of their own', async () => {
			await stack.startBackends((message) => runner.note(message));
			runner.note(`PostgreSQL on 127.0.0.1:${stack.postgres!.port}, Redis on 127.0.0.1:${stack.redis!.port}`);
		});
		await runner.step('emulator serves https for the Salesforce hosts', async () => {
			const standIn = await stack.startStandIn();
			runner.note(`emulator at ${standIn.emulator.url}; request log .scale/emulator.log`);
		});
		await runner.step('package built, packed and installed like a community node for main and both workers', async () => {
			const directories = await stack.installPackage();
			runner.note(directories.map((directory) => directory.slice(REPO.length + 1)).join(', '));
		});
		await runner.step('n8n main in queue mode answers /healthz/readiness', async () => {
			await stack.startMain();
			runner.note(`main at ${stack.mainUrl}`);
		});
		await runner.step('owner set up, credential connected through n8n\'s OAuth2 flow (PKCE), lead-intake published', async () => {
			const n8n = new N8nRestClient(stack.mainUrl);
			await n8n.setUpOwner({ email: 'owner@example.com', firstName: 'Ada', lastName: 'Owner', password: 'Scale-Passw0rd' });
			const credential = await connectCredential(n8n, stack.standIn!, 'Salesforce (scale)');
			workflow = await publishLeadIntake(n8n, REPO, credential);
			runner.note(`credential ${credential.id}, workflow ${workflow.id}, webhook ${workflow.webhookUrl}`);
		});
		await runner.step(`two workers (concurrency ${WORKER_CONCURRENCY} each) ready`, async () => {
			await stack.startWorkers();
		});
		const context = (): ScaleContext => ({ runner, stack, workflow: workflow! });
		await runner.step('each worker runs the node: warm-up leads created on both', async () => {
			await verifyWorkersRunTheNode(context());
		});
		await runner.step(`burst: ${LEADS} leads`, async () => {
			reports.push((await burstScenario(context(), LEADS)).report);
		});
		const quarter = Math.round(LEADS / 4);
		await runner.step(`token expiry during a burst of ${LEADS}`, async () => {
			reports.push((await tokenExpiryScenario(context(), LEADS, { rotate: false })).report);
		});
		await runner.step(`token expiry during a burst of ${LEADS}, rotating refresh tokens`, async () => {
			reports.push((await tokenExpiryScenario(context(), LEADS, { rotate: true })).report);
		});
		await runner.step(`token expiry during a burst of ${quarter}, rotating refresh tokens, token endpoint slower than n8n's refresh lock wait`, async () => {
			reports.push((await tokenExpiryScenario(context(), quarter, { rotate: true, tokenEndpointLatencyMs: SLOW_TOKEN_ENDPOINT_MS })).report);
		});
		await runner.step(`a worker killed during a burst of ${quarter}`, async () => {
			reports.push((await killedWorkerScenario(context(), quarter)).report);
		});
	} finally {
		await stack.stop();
	}
	if (reports.length > 0) {
		const table = resultsTable(reports);
		writeFileSync(join(WORK_DIR, 'results.md'), `${table}\n`);
		writeFileSync(join(WORK_DIR, 'results.json'), JSON.stringify(reports, null, 2));
		console.log(`\n${table}\n`);
	}
	console.log(`run time ${(runner.elapsedMs / 60_000).toFixed(1)} min; logs and results in .scale/`);
	console.log(runner.summary({ withTime: false }));
	return runner.ok;
}

exitWhenDone(main);
