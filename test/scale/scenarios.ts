/**
 * The scenarios of `npm run test:scale`, each on top of runScenario's common checks:
 *
 *   burst                the leads as fast as the webhook takes them
 *   token expiry         the access token is expired twice part way (after a third and two thirds of the creates)
 *   rotating tokens      the same with refresh-token rotation on: each refresh revokes the refresh
 *                        token it used, so two workers refreshing at once would break one of them
 *   slow token endpoint  the same with a token endpoint slower than the 10 s n8n waits for another
 *                        process's refresh (n8n-core's refresh lock), after which it refreshes on its own
 *   worker killed        worker-2 is SIGKILLed while executions run on it
 */
import type { Fault } from '../../emulator/types';
import { delay } from '../../scripts/e2e/processes';
import { startedOn, unfinishedOn, type ExecutionRecord } from './executions';
import { runScenario, seconds, type ScaleContext, type ScenarioOutcome } from './scenario';
import { WORKER_CONCURRENCY } from './stack';

export async function burstScenario(context: ScaleContext, leads: number): Promise<ScenarioOutcome> {
	return await runScenario(context, { name: 'burst', slug: 'burst', leads, ...deadlinesFor(leads) });
}

export interface TokenExpiryOptions {
	/** Each refresh revokes the refresh token it used (Salesforce's "rotate refresh tokens"). */
	rotate: boolean;
	/** How long the token endpoint takes to answer a refresh. */
	tokenEndpointLatencyMs?: number;
}

export async function tokenExpiryScenario(context: ScaleContext, leads: number, options: TokenExpiryOptions): Promise<ScenarioOutcome> {
	const { runner } = context;
	const emulator = context.stack.standIn!.emulator;
	const latency = options.tokenEndpointLatencyMs;
	const rotation = latency ? 'rotating' : 'rotating refresh tokens';
	const name = ['token expiry', options.rotate && rotation, latency && `token endpoint ${latency / 1000} s`].filter(Boolean).join(', ');
	emulator.setRefreshTokenRotation(options.rotate);
	// expireToken expires the token the call carries: the one every execution shares at that moment.
	const expiry = (after: number): Fault => ({ method: 'POST', path: '/composite/sobjects', after, expireToken: true });
	emulator.faults.add(expiry(Math.floor(leads / 3)));
	emulator.faults.add(expiry(Math.floor((2 * leads) / 3)));
	if (latency) emulator.faults.add({ method: 'POST', path: '/services/oauth2/token', latencyMs: latency, times: Infinity });
	try {
		const slug = latency ? 'slow-token' : options.rotate ? 'rotation' : 'expiry';
		const outcome = await runScenario(context, { name, slug, leads, ...deadlinesFor(leads) });
		const { report } = outcome;
		const unauthorized = Object.values(report.callsByProcess).reduce((total, calls) => total + calls.unauthorized, 0);
		runner.check(`${name}: the expired token was refused and refreshed`, unauthorized > 0 && report.refreshGrants > 0,
			`${unauthorized}×401, ${report.refreshGrants} refresh grants (${Object.entries(report.callsByProcess).map(([worker, calls]) => `${worker} ${calls.refreshGrants}`).join(', ')})`);
		if (latency === undefined) {
			runner.check(`${name}: no refresh grant refused`, report.refusedRefreshes.length === 0, report.refusedRefreshes.join(', '));
		} else {
			// Past n8n's 10 s lock wait the second worker refreshes on its own and is refused: n8n's doing,
			// not the node's. What the node must do then is recover with the other worker's tokens (no lead lost).
			runner.note(`refresh grants refused (n8n stopped waiting for the other worker's refresh): ${report.refusedRefreshes.join(', ') || 'none'}`);
		}
		noteWorkAfterRefusedRefresh(context, outcome);
		return outcome;
	} finally {
		emulator.faults.clear();
		emulator.setRefreshTokenRotation(false);
	}
}

/**
 * A refused refresh does not mean the stored credential is broken (the other worker stored new
 * tokens; the next scenario runs on them): say what the refused process did afterwards.
 */
function noteWorkAfterRefusedRefresh(context: ScaleContext, { requests }: ScenarioOutcome): void {
	for (const { name, localAddress } of context.stack.processes) {
		const own = requests.filter((request) => request.remoteAddress === localAddress);
		const refused = own.filter((request) => request.path === '/services/oauth2/token' && request.status === 400);
		if (refused.length === 0) continue;
		const firstRefusal = Math.min(...refused.map((request) => request.receivedAt));
		const creates = own.filter((request) => request.receivedAt > firstRefusal && request.path.endsWith('/composite/sobjects') && request.status === 200).length;
		context.runner.note(`${name}: ${refused.length} refresh grants refused (invalid_grant); after the first refusal it created ${creates} leads`);
	}
}

export async function killedWorkerScenario(context: ScaleContext, leads: number): Promise<ScenarioOutcome> {
	const { runner, stack } = context;
	const [survivor, victim] = stack.workers;
	const name = `${victim.name} killed`;
	let killedAt = 0;
	let runningAtKill: number[] = [];
	// Kill once the worker is in its stride: 20 executions started in this scenario and at least 2 running.
	const killWhenBusy = async (_: ScaleContext, afterId: number) => {
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			const started = startedOn(victim).filter((id) => id > afterId).length;
			runningAtKill = unfinishedOn(victim).filter((id) => id > afterId);
			if (started >= 20 && runningAtKill.length >= Math.min(2, WORKER_CONCURRENCY)) {
				stack.killWorker(victim);
				killedAt = Date.now();
				return;
			}
			await delay(100);
		}
	};
	const outcome = await runScenario(context, { name, slug: 'killed-worker', leads, ...deadlinesFor(leads), lossAllowed: true, during: killWhenBusy });
	runner.check(`${name}: SIGKILL while executions ran on it`, killedAt > 0 && runningAtKill.length > 0, `executions ${runningAtKill.join(', ') || 'none'} running by its log`);
	// The kill cuts its log short, both ways (an execution taken but not logged yet, one finished but
	// its line not written): the executions n8n failed tell what was on it.
	const failed = outcome.executions.filter((execution) => execution.status !== 'success');
	const givenUp = failed.filter((execution) => ['error', 'crashed'].includes(execution.status) && execution.worker !== survivor.name);
	const ranTwice = startedOn(survivor).filter((id) => startedOn(victim).includes(id));
	const times = givenUp.map((execution) => (execution.stoppedAt ?? killedAt) - killedAt);
	runner.check(`${name}: n8n failed the executions it had, none ran again`,
		givenUp.length > 0 && givenUp.length === failed.length && ranTwice.length === 0,
		`${failed.length} failed (${listed(failed.map((execution) => `${execution.id} ${execution.status}`))}), ended ${times.length ? `${seconds(Math.min(...times))}–${seconds(Math.max(...times))}` : 'never'} after the kill; started on both workers: ${listed(ranTwice.map(String)) || 'none'}`);
	describeKilledLeads(context, outcome, givenUp);
	return outcome;
}

/** What the user sees for the leads of the killed executions: the message, and whether each lead is in Salesforce. */
function describeKilledLeads(context: ScaleContext, outcome: ScenarioOutcome, givenUp: ExecutionRecord[]): void {
	const storedEmails = new Set(context.stack.standIn!.emulator.records('Lead').map((record) => String(record.Email)));
	const unnamed = outcome.report.leadsWithoutExecution;
	const stored = unnamed.filter((email) => storedEmails.has(email)).length;
	const messages = new Set(givenUp.map((execution) => execution.executionError ?? '(no message)'));
	context.runner.note(`${givenUp.length} failed executions keep no node data; ${unnamed.length} leads are named by no execution: ${stored} of them are in Salesforce, ${unnamed.length - stored} are not. n8n says: ${[...messages].join(' | ')}`);
}

/** The first ten, then how many more. */
function listed(items: string[]): string {
	return items.length > 10 ? `${items.slice(0, 10).join(', ')} and ${items.length - 10} more` : items.join(', ');
}

/**
 * Posting may take a minute per 1,000 leads (the webhook takes 30-40 a second here); the workers
 * then get 250 ms a lead plus a minute (they run 7-12 a second on two busy cores).
 */
function deadlinesFor(leads: number): { postingDeadlineMs: number; finishDeadlineMs: number } {
	return { postingDeadlineMs: Math.ceil(leads / 1000) * 60_000, finishDeadlineMs: leads * 250 + 60_000 };
}
