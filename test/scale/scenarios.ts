/**
 * The four scenarios of `npm run test:scale`, each on top of runScenario's common checks:
 *
 *   burst           the leads as fast as the webhook takes them
 *   token expiry    the access token is expired twice part way (a third and two thirds of the creates)
 *   rotating tokens the same with refresh-token rotation on: each refresh revokes the refresh token
 *                   it used, so two workers refreshing at once would break one of them
 *   worker killed   worker-2 is SIGKILLed while executions run on it
 */
import type { Fault } from '../../emulator/types';
import { delay } from '../../scripts/e2e/processes';
import { startedOn, unfinishedOn, type ExecutionRecord } from './executions';
import { runScenario, seconds, type ScaleContext, type ScenarioOutcome } from './scenario';
import { WORKER_CONCURRENCY } from './stack';

export async function burstScenario(context: ScaleContext, leads: number): Promise<ScenarioOutcome> {
	return await runScenario(context, { name: 'burst', leads, ...deadlinesFor(leads) });
}

export async function tokenExpiryScenario(context: ScaleContext, leads: number, rotate: boolean): Promise<ScenarioOutcome> {
	const { runner } = context;
	const emulator = context.stack.standIn!.emulator;
	const name = rotate ? 'token expiry, rotating refresh tokens' : 'token expiry';
	emulator.setRefreshTokenRotation(rotate);
	// expireToken expires the token the call carries: the one every execution shares at that moment.
	const expiry = (after: number): Fault => ({ method: 'POST', path: '/composite/sobjects', after, expireToken: true });
	emulator.faults.add(expiry(Math.floor(leads / 3)));
	emulator.faults.add(expiry(Math.floor((2 * leads) / 3)));
	try {
		const outcome = await runScenario(context, { name, leads, ...deadlinesFor(leads) });
		const { report } = outcome;
		const unauthorized = Object.values(report.callsByProcess).reduce((total, calls) => total + calls.unauthorized, 0);
		runner.check(`${name}: the expired token was refused and refreshed`, unauthorized > 0 && report.refreshGrants > 0,
			`${unauthorized}×401, ${report.refreshGrants} refresh grants (${Object.entries(report.callsByProcess).map(([process, calls]) => `${process} ${calls.refreshGrants}`).join(', ')})`);
		runner.check(`${name}: no refresh grant refused`, report.refusedRefreshes.length === 0, report.refusedRefreshes.join(', '));
		return outcome;
	} finally {
		emulator.faults.clear();
		emulator.setRefreshTokenRotation(false);
	}
}

export async function killedWorkerScenario(context: ScaleContext, leads: number): Promise<ScenarioOutcome> {
	const { runner, stack } = context;
	const worker = stack.workers[1];
	const name = `${worker.name} killed`;
	let killedAt = 0;
	let runningAtKill: number[] = [];
	// Kill once the worker is in its stride: 20 executions started in this scenario and at least 2 running.
	const killWhenBusy = async (_: ScaleContext, afterId: number) => {
		const deadline = Date.now() + 120_000;
		while (Date.now() < deadline) {
			const started = startedOn(worker).filter((id) => id > afterId).length;
			runningAtKill = unfinishedOn(worker).filter((id) => id > afterId);
			if (started >= 20 && runningAtKill.length >= Math.min(2, WORKER_CONCURRENCY)) {
				stack.killWorker(worker);
				killedAt = Date.now();
				return;
			}
			await delay(100);
		}
	};
	const outcome = await runScenario(context, { name, leads, ...deadlinesFor(leads), finishDeadlineMs: 240_000, lossAllowed: true, during: killWhenBusy });
	runner.check(`${name}: SIGKILL while executions ran on it`, killedAt > 0 && runningAtKill.length > 0, `executions ${runningAtKill.join(', ') || 'none'} running`);
	const executions = await context.stack.postgres!.query(`SELECT id, status, "stoppedAt" FROM execution_entity WHERE id IN (${runningAtKill.join(',') || 0})`);
	const killed = executions.trim().split('\n').filter(Boolean).map((row) => {
		const [id, status, stoppedAt] = row.split('|');
		return { id: Number(id), status, stoppedAfterMs: stoppedAt ? Date.parse(stoppedAt) - killedAt : undefined };
	});
	const givenUp = killed.filter((execution) => execution.status === 'error' || execution.status === 'crashed');
	const times = givenUp.map((execution) => execution.stoppedAfterMs ?? 0);
	runner.check(`${name}: n8n ended each of its executions as failed, none ran again`,
		givenUp.length === runningAtKill.length && outcome.report.storedTwice === 0,
		`${killed.map((execution) => `${execution.id} ${execution.status}`).join(', ')}; ended ${times.length ? `${seconds(Math.min(...times))}–${seconds(Math.max(...times))}` : 'never'} after the kill`);
	describeKilledLeads(context, outcome, killed.map((execution) => execution.id));
	return outcome;
}

/** What the user sees for the leads of the killed executions: the message, and whether each lead is in Salesforce. */
function describeKilledLeads(context: ScaleContext, outcome: ScenarioOutcome, killedIds: number[]): void {
	const { report } = outcome;
	const records = context.stack.standIn!.emulator.records('Lead');
	const storedEmails = new Set(records.map((record) => String(record.Email)));
	const unnamed = report.leadsWithoutExecution;
	const stored = unnamed.filter((email) => storedEmails.has(email)).length;
	const messages = new Set(report.executionsWithoutLead.filter((execution: ExecutionRecord) => killedIds.includes(execution.id)).map((execution) => execution.executionError ?? '(no message)'));
	context.runner.note(`killed executions keep no node data: ${unnamed.length} leads named by no execution, ${stored} of them stored in Salesforce, ${unnamed.length - stored} not; n8n says: ${[...messages].join(' | ')}`);
}

/** Posting may take a minute per 1,000 leads; n8n as long again plus a minute to finish them. */
function deadlinesFor(leads: number): { postingDeadlineMs: number; finishDeadlineMs: number } {
	const perThousand = Math.ceil(leads / 1000) * 60_000;
	return { postingDeadlineMs: perThousand, finishDeadlineMs: perThousand + 60_000 };
}
