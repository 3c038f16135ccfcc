/**
 * One benchmark case in a process of its own, started by scripts/bench.ts with
 * `--import tsx --expose-gc`: loads the engine and the node, warms up against its own emulator,
 * then runs the case against the measured emulator and sends back time, CPU, memory and what the
 * node's output said about every lead. The emulators run in the parent, so their work is not in
 * this process's CPU or memory: this process is "n8n", the parent is "Salesforce".
 */
import { forgetSharedState, loadPackageTypes, runWorkflow, builtInSalesforcePackage, webhookTo } from '../../test/harness';
import type { OtherPackage, WorkflowFile, WorkflowResult } from '../../test/harness';
import type { IDataObject } from 'n8n-workflow';

import { CASES, executionInput, findById, leadKey, VARIANTS, WARM_UP, WARM_UP_BATCH, type BenchCase, type NodeVariant } from './cases';
import type { CaseMeasurement, CaseRequest, EmulatorConnection, LeadOutcome } from './protocol';

const MB = 1024 * 1024;

interface CaseRun {
	benchCase: BenchCase;
	workflow: WorkflowFile;
	connection: EmulatorConnection;
	variant: NodeVariant;
	otherPackages: OtherPackage[];
}

interface Outcomes {
	outcomes: LeadOutcome[];
	executionErrors: string[];
}

/** Executions of the case, `concurrency` of them in flight at any time, as n8n takes webhook calls. */
async function runExecutions(run: CaseRun, inputs: IDataObject[][]): Promise<Outcomes> {
	const { benchCase, variant, connection, workflow, otherPackages } = run;
	const credential = variant.credential(connection.address, connection.tokens);
	const outcomes: LeadOutcome[] = [];
	const executionErrors: string[] = [];
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const execution = next++;
			const result = await runWorkflow({ workflow, input: inputs[execution], credentials: [credential], otherPackages });
			const firstLead = execution * benchCase.leadsPerExecution;
			outcomesOf(result, inputs[execution].length).forEach((outcome, offset) => {
				outcomes[firstLead + offset] = { key: leadKey(benchCase, firstLead + offset), ...outcome };
			});
			if (result.error) executionErrors.push(`execution ${execution}: ${result.error.message}`);
		}
	};
	await Promise.all(Array.from({ length: benchCase.concurrency }, worker));
	return { outcomes, executionErrors };
}

/** Per input item: the id its output item carries, or why it has none. */
function outcomesOf(result: WorkflowResult, itemCount: number): Array<Omit<LeadOutcome, 'key'>> {
	const outcomes: Array<Omit<LeadOutcome, 'key'>> = Array.from({ length: itemCount }, () => ({
		failure: result.error ? `execution failed: ${result.error.message}` : 'no output item',
	}));
	for (const [position, item] of (result.outputs.Salesforce ?? []).entries()) {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		const index = typeof paired === 'number' ? paired : (paired?.item ?? position);
		const { id, success, error } = item.json;
		outcomes[index] = success === true && typeof id === 'string' ? { id } : { failure: String(error ?? JSON.stringify(item.json)) };
	}
	return outcomes;
}

function inputsOf(benchCase: BenchCase): IDataObject[][] {
	return Array.from({ length: benchCase.executions }, (_, execution) => executionInput(benchCase, execution));
}

async function measureCase(request: CaseRequest): Promise<CaseMeasurement> {
	const variant = findById(VARIANTS, request.variantId, 'variant');
	const otherPackages = variant.fromN8nNodesBase ? [builtInSalesforcePackage(request.n8nNodesBaseDir)] : [];
	const workflow = webhookTo(variant.node);
	const runOf = (benchCase: BenchCase, connection: EmulatorConnection): CaseRun => ({ benchCase, workflow, connection, variant, otherPackages });

	await loadPackageTypes(undefined, otherPackages);
	for (const warmUp of [WARM_UP, WARM_UP_BATCH]) {
		const { executionErrors } = await runExecutions(runOf(warmUp, request.warmUp), inputsOf(warmUp));
		if (executionErrors.length > 0) throw new Error(`The warm-up failed: ${executionErrors[0]}`);
	}

	const benchCase = findById(CASES, request.caseId, 'case');
	const inputs = inputsOf(benchCase);
	// The measured org is another org (a credential of its own in n8n; here the same id): this node
	// starts it with nothing remembered, as it would a new credential.
	forgetSharedState();
	global.gc?.();
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const { outcomes, executionErrors } = await runExecutions(runOf(benchCase, request.measured), inputs);
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	return {
		wallMs,
		cpuMs: (cpu.user + cpu.system) / 1000,
		peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
		outcomes,
		executionErrors,
	};
}

process.once('message', (request: CaseRequest) => {
	measureCase(request)
		.then((measurement) => process.send!(measurement, undefined, {}, () => process.exit(0)))
		.catch((error: Error) => {
			console.error(error.stack ?? error.message);
			process.exit(1);
		});
});
