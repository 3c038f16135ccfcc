/**
 * The engine side of the fault runner, in a child process (see protocol.ts): runs a scenario's
 * executions through n8n's engine, `concurrency` at a time, and reports each one's items, how long
 * the event loop was blocked and any secret found in its outputs and errors. A heartbeat every
 * 200 ms tells the runner the event loop still turns.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

import type { IDataObject } from 'n8n-workflow';

import { startEmulator } from '../../emulator';
import { connectedCredential, forgetSharedState, loadPackageTypes, pairedItemIndex, runWorkflow, type StoredCredential, type WorkflowResult } from '../../test/harness';
import { CredentialRow } from './credential-row';
import type { ExecutionReport, ItemIdentity, ItemOutcome, OutcomeKind, RunRequest, WorkerMessage } from './protocol';
import type { Scenario } from './scenario';
import { SCENARIOS } from './scenarios';
import { errorTexts, safeJson, SecretScanner } from './secrets';
import { itemsOf, NODE_NAME, workflowOf, type WorkloadItem } from './workload';

const HEARTBEAT_MS = 200;

function send(message: WorkerMessage): void {
	process.send?.(message);
}

function classify(json: IDataObject): { kind: OutcomeKind; id?: string; created?: boolean; errorCode?: string } {
	if (json.success === true && typeof json.id === 'string') return { kind: 'created', id: json.id, ...(typeof json.created === 'boolean' && { created: json.created }) };
	const errorCode = typeof json.errorCode === 'string' ? json.errorCode : undefined;
	const error = typeof json.error === 'string' ? json.error : undefined;
	// The node's code for "Salesforce may or may not have saved it", or its words for it under another code.
	if (errorCode === 'OUTCOME_UNKNOWN' || /may or may not have been saved|outcome is unknown/i.test(error ?? '')) return { kind: 'unknown', errorCode };
	if (error !== undefined || errorCode !== undefined) return { kind: 'failed', errorCode: errorCode ?? 'NO_CODE' };
	return { kind: 'none' };
}

/** Every error the run recorded: the execution's, and each task's of every node. */
function runErrors(result: WorkflowResult): unknown[] {
	const errors: unknown[] = result.error ? [result.error] : [];
	for (const tasks of Object.values(result.run.data.resultData.runData)) {
		for (const task of tasks) if (task.error) errors.push(task.error);
	}
	return errors;
}

class ScenarioRunner {
	private readonly scanner = new SecretScanner();
	private readonly blocked = monitorEventLoopDelay({ resolution: 10 });
	private readonly credential: CredentialRow;

	constructor(
		private readonly scenario: Scenario,
		credentials: StoredCredential[],
		executions: number[],
	) {
		this.credential = new CredentialRow(scenario, credentials, executions);
		for (const credential of credentials) this.scanner.addCredential(credential);
		this.blocked.enable();
	}

	async runAll(executions: number[]): Promise<void> {
		let next = 0;
		const lane = async () => {
			while (next < executions.length) await this.runOne(executions[next++]);
		};
		await Promise.all(Array.from({ length: this.scenario.shape.concurrency }, lane));
	}

	private async runOne(execution: number): Promise<void> {
		const use = this.credential.begin(execution);
		const items = itemsOf(this.scenario, execution, use.tenantAtStart);
		send({ type: 'started', execution, items: items.map(identityOf) });
		this.blocked.reset();
		const startedAt = Date.now();
		const started = performance.now();
		let result: WorkflowResult | undefined;
		let thrown: unknown;
		try {
			const input = items.map((item) => item.json as IDataObject);
			result = await runWorkflow({ workflow: workflowOf(this.scenario), input, credentials: [use.credential], onCredentialStore: use.watch });
		} catch (error) {
			thrown = error;
		}
		const wallMs = performance.now() - started;
		const blockedMs = this.blocked.max / 1e6;
		use.end(result);
		for (const update of result?.tokenUpdates ?? []) this.scanner.addTokenData(update.oauthTokenData as IDataObject);
		// Its items went where its credential's first read said (an execution that started just before a reconnection may read the new tenant).
		const tenant = use.readTenants[0] ?? use.tenantAtStart;
		const report = this.report(execution, itemsOf(this.scenario, execution, tenant), result, thrown);
		const { reconnectedAt } = this.credential;
		const timing = { startedAt, wallMs, blockedMs, tenant, readTenants: use.readTenants, ...(reconnectedAt !== undefined && { reconnectedAt }) };
		send({ type: 'finished', report: { ...report, ...timing }, credentials: this.credential.credentials() });
	}

	private report(
		execution: number,
		items: WorkloadItem[],
		result: WorkflowResult | undefined,
		thrown: unknown,
	): Omit<ExecutionReport, 'startedAt' | 'wallMs' | 'blockedMs' | 'tenant' | 'readTenants' | 'reconnectedAt'> {
		const outcomes: ItemOutcome[] = items.map((item) => ({ ...identityOf(item), kind: 'none', outputChars: 0 }));
		const tokensFound: string[] = [];
		const outputs = result?.outputs[NODE_NAME] ?? [];
		outputs.forEach((output, position) => {
			const index = pairedItemIndex(output, position);
			const text = safeJson(output.json);
			for (const kind of this.scanner.found(text)) tokensFound.push(`${kind} in the output of item ${index}`);
			if (outcomes[index] === undefined) return;
			outcomes[index] = { ...outcomes[index], ...classify(output.json), outputChars: text.length };
		});
		const errors = result ? runErrors(result) : [thrown];
		for (const error of errors) {
			for (const text of errorTexts(error)) for (const kind of this.scanner.found(text)) tokensFound.push(`${kind} in an error of the execution`);
		}
		const executionError = thrown !== undefined ? `harness: ${errorTexts(thrown)[0]}` : result?.error ? errorTexts(result.error)[0] : undefined;
		return { execution, items: outcomes, tokensFound: [...new Set(tokensFound)], ...(executionError !== undefined && { executionError: executionError.slice(0, 500) }) };
	}
}

function identityOf({ key, valid, about, execution, tenant, org, lastName }: WorkloadItem): ItemIdentity {
	return { key, valid, execution, tenant, org, ...(about !== undefined && { about }), ...(lastName !== undefined && { lastName }) };
}

/**
 * One execution of the scenario's first valid items against a throwaway emulator, so that loading the
 * engine and compiling its code paths is not counted as the first real execution's checks.
 */
async function warmUp(scenario: Scenario): Promise<void> {
	await loadPackageTypes();
	const emulator = await startEmulator();
	try {
		// Valid items only: a slow hostile one would be paid again by every worker started.
		const input = itemsOf(scenario, 0).filter((item) => item.valid).map((item) => item.json as IDataObject);
		await runWorkflow({ workflow: workflowOf(scenario), input, credentials: [await connectedCredential(emulator)] });
	} finally {
		await emulator.stop();
		// The scenario's org is another org: nothing the node remembers of this one may carry over.
		forgetSharedState();
	}
}

process.on('message', (message: RunRequest) => {
	if (message.type !== 'run') return;
	const scenario = SCENARIOS.find((candidate) => candidate.name === message.scenario);
	if (!scenario) {
		send({ type: 'crashed', message: `No scenario named "${message.scenario}"` });
		return;
	}
	warmUp(scenario).then(() => new ScenarioRunner(scenario, message.credentials, message.executions).runAll(message.executions)).then(
		() => send({ type: 'done' }),
		(error: Error) => send({ type: 'crashed', message: error.stack ?? error.message }),
	);
});
// The runner going away ends the worker (it never outlives the run).
process.on('disconnect', () => process.exit(0));
setInterval(() => send({ type: 'alive' }), HEARTBEAT_MS);
