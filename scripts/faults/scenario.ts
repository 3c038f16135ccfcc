/**
 * What a fault scenario is (scenarios.ts lists them): what goes wrong, how the run is shaped so that it
 * goes wrong several times, what it sends, and how the runner sees that it did.
 */
import type { EmulatorHandle, EmulatorOptions, RecordedRequest } from '../../emulator';
import type { ItemOutcome } from './protocol';
import type { StoredLead } from './reconcile';

export interface ExecutionShape {
	executions: number;
	itemsPerExecution: number;
	/** The Batch Size option (1-200). */
	batchSize: number;
	/** Executions running at once, as webhook calls arriving together. */
	concurrency: number;
	/** The `timeout` option, in seconds (absent: the node's default). */
	timeoutS?: number;
}

/** What the runner saw of the fault, to check that the scenario tested what it says. */
export interface Evidence {
	count: number;
	text: string;
}

/** One org of the run: its emulator, what it was asked, and what it held and issued. */
export interface OrgFacts {
	emulator: EmulatorHandle;
	requests: RecordedRequest[];
	/** Its Leads after `arrange`, before the first execution. */
	before: Array<Record<string, unknown>>;
	/** Its Leads at the end, each with the key items are matched on. */
	leads: StoredLead[];
	/** Every access token its credential had in the run: as connected, and each one a refresh brought. */
	accessTokens: string[];
}

/** When an execution ran, by the worker's clock (ms since the epoch). */
export interface ExecutionTiming {
	execution: number;
	org: number;
	startedAt: number;
	finishedAt: number;
}

export interface RunFacts {
	/** The first org's emulator and requests (the only org of most scenarios). */
	emulator: EmulatorHandle;
	requests: RecordedRequest[];
	outcomes: ItemOutcome[];
	orgs: OrgFacts[];
	/** Executions that finished. */
	executions: ExecutionTiming[];
}

export interface ExtraCheck {
	name: string;
	/** A failure text, or undefined when it holds. */
	failure(facts: RunFacts): string | undefined;
}

export interface Scenario {
	name: string;
	/** What goes wrong, in a few words. */
	fault: string;
	/** Plain webhook leads mapped field by field, or hostile items mapped automatically. */
	items: 'leads' | 'hostile';
	/** Lead → Create (default), or Lead → Create or Update matching on Email (plain leads only). */
	operation?: 'create' | 'upsertByEmail';
	/**
	 * Each execution's leads are posted again by the next execution, started with it, their Email in
	 * other letter case: a form submitted twice, a webhook delivered twice.
	 */
	postedTwice?: boolean;
	/**
	 * Orgs (one emulator each) the executions take turns in (default 1). Every org's credential has the
	 * same id and name: n8n's one credential resolving to different orgs.
	 */
	orgs?: number;
	shape: ExecutionShape;
	emulatorOptions?: EmulatorOptions;
	/** Adds the scenario's faults (and records) to each org's fresh emulator. */
	arrange?(emulator: EmulatorHandle, org: number): void;
	evidence(facts: RunFacts): Evidence;
	/** The fault must have happened at least this often, or the row proves nothing. */
	minimumEvidence: number;
	/** Checks of this scenario's own. */
	extraChecks?: ExtraCheck[];
	/** The whole scenario stops after this long (default DEFAULT_BUDGET_MS). */
	budgetMs?: number;
}

export const DEFAULT_BUDGET_MS = 120_000;

/** Data API calls (not OAuth, not the unversioned versions list). */
export const DATA = /^\/services\/data\/v/;
export const CREATE = '/composite/sobjects';

/** 2,000 leads in executions of `itemsPerExecution`. */
export const plainShape = (itemsPerExecution: number, batchSize: number, concurrency = 1): ExecutionShape => ({
	executions: 2000 / itemsPerExecution,
	itemsPerExecution,
	batchSize,
	concurrency,
});

export const orgCount = (scenario: Scenario): number => scenario.orgs ?? 1;

/** The org an execution runs in: executions take turns, a lead posted twice in the same org both times. */
export function orgOfExecution(scenario: Scenario, execution: number): number {
	return Math.floor(execution / (scenario.postedTwice ? 2 : 1)) % orgCount(scenario);
}

export const answered = (requests: RecordedRequest[], status: number, path: RegExp | string = DATA) =>
	requests.filter((request) => request.status === status && (typeof path === 'string' ? request.path.endsWith(path) : path.test(request.path))).length;

export const itemsWith = (outcomes: ItemOutcome[], kind: ItemOutcome['kind'], code?: string) =>
	outcomes.filter((outcome) => outcome.kind === kind && (code === undefined || outcome.errorCode === code)).length;
