/**
 * One case with one node variant: the parent starts the emulators ("Salesforce"), a child process
 * runs the case in n8n's engine ("n8n"), then the parent counts the API calls and reconciles what
 * was stored with what the node's output said.
 */
import { fork } from 'node:child_process';
import path from 'node:path';

import { startEmulator, type EmulatorHandle } from '../../emulator';
import { leadCount, type BenchCase, type NodeVariant } from './cases';
import type { CaseMeasurement, CaseRequest, EmulatorConnection } from './protocol';
import { reconcile, type Reconciliation } from './reconcile';
import type { PairedRatios } from './rounds';

const CHILD_SCRIPT = path.join(__dirname, 'case-child.ts');
const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');
/** Far above any case: the daily limit must never be what stops a run. */
const API_LIMIT = 10_000_000;

export interface ApiCalls {
	describe: number;
	create: number;
	other: number;
	total: number;
	byEndpoint: Record<string, number>;
}

export interface CaseResult {
	benchCase: BenchCase;
	variant: NodeVariant;
	/** Absent when the run failed before measuring (see error). */
	measurement?: Omit<CaseMeasurement, 'outcomes'>;
	calls?: ApiCalls;
	reconciliation?: Reconciliation;
	/** Why the child gave no measurement. */
	error?: string;
	/** Several rounds: this variant's ratios to the anchor's run of the same round (rounds.ts). */
	paired?: PairedRatios;
}

export interface CaseSettings {
	latencyMs: number;
	n8nNodesBaseDir: string;
}

export async function runCase(benchCase: BenchCase, variant: NodeVariant, settings: CaseSettings): Promise<CaseResult> {
	const measured = await startEmulator({ latencyMs: settings.latencyMs, apiLimit: API_LIMIT });
	const warmUp = await startEmulator({ apiLimit: API_LIMIT });
	try {
		const request: CaseRequest = {
			caseId: benchCase.id,
			variantId: variant.id,
			measured: connectionTo(measured),
			warmUp: connectionTo(warmUp),
			n8nNodesBaseDir: settings.n8nNodesBaseDir,
		};
		const { outcomes, ...measurement } = await inChild(request);
		return {
			benchCase,
			variant,
			measurement,
			calls: apiCalls(measured.apiUsage().byEndpoint),
			reconciliation: reconcile(outcomes, measured.records('Lead'), leadCount(benchCase)),
		};
	} catch (error) {
		return { benchCase, variant, error: (error as Error).message };
	} finally {
		await Promise.all([measured.stop(), warmUp.stop()]);
	}
}

function connectionTo(emulator: EmulatorHandle): EmulatorConnection {
	return { address: { url: emulator.url, app: emulator.app }, tokens: emulator.issueTokens() };
}

/** A fresh Node process per case, so that memory and warm-up never carry over from another case. */
function inChild(request: CaseRequest): Promise<CaseMeasurement> {
	return new Promise((resolve, reject) => {
		const child = fork(CHILD_SCRIPT, [], {
			cwd: REPOSITORY_ROOT,
			execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-interval=200', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let answered = false;
		child.once('message', (measurement) => {
			answered = true;
			resolve(measurement as CaseMeasurement);
		});
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			if (!answered) reject(new Error(`the case's process ended (${signal ?? `exit code ${code}`}) without a measurement`));
		});
		child.send(request);
	});
}

/** Keys as the emulator counts them, e.g. 'GET /sobjects/{Name}/describe', 'POST /composite/sobjects'. */
function apiCalls(byEndpoint: Record<string, number>): ApiCalls {
	const calls: ApiCalls = { describe: 0, create: 0, other: 0, total: 0, byEndpoint };
	for (const [endpoint, count] of Object.entries(byEndpoint)) {
		const kind = endpoint.endsWith('/describe') || endpoint === 'GET /sobjects' ? 'describe' : endpoint === 'POST /sobjects/{Name}' || endpoint === 'POST /composite/sobjects' ? 'create' : 'other';
		calls[kind] += count;
		calls.total += count;
	}
	return calls;
}
