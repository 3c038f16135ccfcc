/**
 * What every scale scenario does: post its leads to the production webhook (one lead per request,
 * 50 in flight at most) while its own action runs (a token expiry, a worker killed), wait until n8n
 * has finished every execution, reconcile, and check what holds for all scenarios:
 *
 *   the webhook took every lead · every execution finished · no lead stored twice · no lead lost
 *   (or, where a worker is killed: every lead not stored is a failed execution) · each execution's
 *   output id is the stored record's · both workers ran executions · describes per worker bounded
 */
import type { RecordedRequest } from '../../emulator/types';
import { indent, type StepRunner } from '../e2e/steps';
import { lastExecutionId, readExecutions, waitForExecutions, type ExecutionRecord } from './executions';
import { makeLeads, postLeads, type PostedLead, type PublishedWorkflow } from './lead-intake';
import { reconcile, type ScenarioReport } from './reconcile';
import type { ScaleStack } from './stack';
import { callDetails } from './table';

export const IN_FLIGHT = 50;
/**
 * The example's Describe Lead node describes Lead once per execution (Object → Describe always asks
 * live); Create or Update takes it from the worker's describe cache, fetched once per worker and
 * cache lifetime (300 s), plus a few when executions meet a cold cache at once or an item is
 * checked again against a fresh describe.
 */
export const DESCRIBES_PER_EXECUTION_AT_MOST = 1;
export const CACHED_DESCRIBES_PER_WORKER_AT_MOST = 10;

export interface ScaleContext {
	runner: StepRunner;
	stack: ScaleStack;
	workflow: PublishedWorkflow;
}

export interface ScenarioSpec {
	name: string;
	/** Short, for the leads' emails (Salesforce's Email field holds 80 characters). */
	slug: string;
	leads: number;
	/** How long posting may take, and then how long n8n may take to finish the executions. */
	postingDeadlineMs: number;
	finishDeadlineMs: number;
	/** A worker is killed: leads may be lost, but each one not stored must show as a failed execution. */
	lossAllowed?: boolean;
	/** Runs while the leads are being posted (it is awaited before n8n's executions are read). */
	during?: (context: ScaleContext, afterId: number) => Promise<void>;
}

export interface ScenarioOutcome {
	report: ScenarioReport;
	posted: PostedLead[];
	executions: ExecutionRecord[];
	/** The emulator's requests during the scenario. */
	requests: RecordedRequest[];
}

export async function runScenario(context: ScaleContext, spec: ScenarioSpec): Promise<ScenarioOutcome> {
	const { runner, stack, workflow } = context;
	const emulator = stack.standIn!.emulator;
	const postgres = stack.postgres!;
	const afterId = await lastExecutionId(postgres);
	const requestsBefore = emulator.requests().length;
	const usageBefore = emulator.apiUsage().used;
	const cpuBefore = cpuByProcess(stack);
	const started = Date.now();
	const [posted] = await Promise.all([
		postLeads(workflow.webhookUrl, makeLeads(spec.slug, spec.leads), IN_FLIGHT, spec.postingDeadlineMs),
		spec.during?.(context, afterId),
	]);
	const accepted = posted.filter((entry) => entry.status === 200).length;
	runner.note(`${spec.name}: ${posted.length} leads posted in ${seconds(Date.now() - started)}, ${accepted} taken by the webhook; waiting for the executions`);
	const counts = await waitForExecutions(postgres, workflow.id, afterId, accepted, spec.finishDeadlineMs);
	runner.note(`${spec.name}: executions ${JSON.stringify(counts)} after ${seconds(Date.now() - started)}`);
	const cpuAfter = cpuByProcess(stack);
	const executions = await readExecutions(postgres, workflow.id, afterId, stack.workers);
	const requests = emulator.requests().slice(requestsBefore);
	const report = reconcile({
		name: spec.name,
		posted,
		records: emulator.records('Lead'),
		executions,
		requests,
		apiCalls: emulator.apiUsage().used - usageBefore,
		processes: stack.processes,
		cpuSeconds: Object.fromEntries(Object.entries(cpuAfter).map(([name, used]) => [name, Math.max(0, used - cpuBefore[name])])),
	});
	console.log(indent(callDetails(report), 11));
	checkCommon(runner, spec, report);
	return { report, posted, executions, requests };
}

function checkCommon(runner: StepRunner, spec: ScenarioSpec, report: ScenarioReport): void {
	const name = spec.name;
	const rejected = report.posted - report.accepted;
	runner.check(`${name}: the webhook took all ${report.posted} leads`, rejected === 0, `${rejected} not taken`);
	const finished = report.executionsByStatus;
	const unfinished = Object.entries(finished).filter(([status]) => ['new', 'running', 'waiting'].includes(status));
	runner.check(`${name}: one finished execution per lead taken`, unfinished.length === 0 && sum(Object.values(finished)) === report.accepted,
		`${sum(Object.values(finished))} executions for ${report.accepted} leads: ${JSON.stringify(finished)}`);
	runner.check(`${name}: no lead stored twice`, report.storedTwice === 0, `${report.storedTwice} stored twice`);
	if (spec.lossAllowed) {
		// A failed execution may have lost the lead's data: those leads are matched by count.
		const lostInSuccessfulExecution = report.lostLeads.filter(({ execution }) => execution?.status === 'success').length;
		const lostWithoutExecution = report.lostLeads.filter(({ execution }) => execution === undefined).length;
		const failedWithoutLead = report.executionsWithoutLead.filter((execution) => execution.status !== 'success').length;
		runner.check(`${name}: every lead not stored shows as a failed execution`, lostInSuccessfulExecution === 0 && lostWithoutExecution <= failedWithoutLead,
			`${report.lost} not stored: ${lostInSuccessfulExecution} in a successful execution, ${lostWithoutExecution} named by no execution, ${failedWithoutLead} failed executions name no lead`);
	} else {
		runner.check(`${name}: no lead lost`, report.lost === 0, lostDetails(report));
	}
	runner.check(`${name}: each execution's output id is the stored record's id`, report.idMismatches.length === 0, report.idMismatches.slice(0, 5).join('; '));
	const workerCalls = Object.entries(report.callsByProcess).filter(([processName]) => processName.startsWith('worker'));
	runner.check(`${name}: both workers ran executions`, workerCalls.every(([, calls]) => calls.executions > 0),
		workerCalls.map(([worker, calls]) => `${worker} ${calls.executions}`).join(', '));
	const overBudget = workerCalls.filter(([, calls]) => calls.describes > DESCRIBES_PER_EXECUTION_AT_MOST * calls.executions + CACHED_DESCRIBES_PER_WORKER_AT_MOST);
	runner.check(`${name}: describes per worker within ${DESCRIBES_PER_EXECUTION_AT_MOST} per execution (the Describe node) + ${CACHED_DESCRIBES_PER_WORKER_AT_MOST} (the cache)`, overBudget.length === 0,
		workerCalls.map(([worker, calls]) => `${worker} ${calls.describes} for ${calls.executions} executions`).join(', '));
}

function cpuByProcess(stack: ScaleStack): Record<string, number> {
	return Object.fromEntries(stack.processes.map((n8nProcess) => [n8nProcess.name, stack.cpuSeconds(n8nProcess)]));
}

/** The first lost leads with what n8n showed for each. */
function lostDetails(report: ScenarioReport): string {
	const shown = report.lostLeads.slice(0, 5).map(({ email, execution }) => {
		if (execution === undefined) return `${email}: no execution names it`;
		return `${email}: execution ${execution.id} ${execution.status} on ${execution.worker ?? '?'}, item ${execution.itemErrorCode ?? ''} ${execution.itemError ?? ''}${execution.executionError ? `, execution error ${execution.executionError}` : ''}`;
	});
	return `${report.lost} lost${shown.length ? `: ${shown.join('; ')}` : ''}`;
}

function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}
