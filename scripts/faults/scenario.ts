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

/**
 * Who the credential is connected as: an org (one emulator per org, numbered from 0) and one of its
 * users (by username; absent: the org's default user).
 */
export interface Tenant {
	org: number;
	user?: string;
}

/** One org of the run: its emulator, what it was asked, and what it held. */
export interface OrgFacts {
	emulator: EmulatorHandle;
	requests: RecordedRequest[];
	/** Its Leads after `arrange`, before the first execution. */
	before: Array<Record<string, unknown>>;
	/** Its Leads at the end, each with the key items are matched on. */
	leads: StoredLead[];
}

export interface TenantFacts {
	org: number;
	username: string;
	/** The user's id in its org (what `CreatedById` and a request's `tokenIssuedTo` say). */
	userId: string;
}

/** When an execution ran, by the worker's clock (ms since the epoch), and as whom. */
export interface ExecutionTiming {
	execution: number;
	tenant: number;
	startedAt: number;
	finishedAt: number;
	/** The tenants its credential reads resolved, in order of first appearance. */
	readTenants: number[];
}

export interface RunFacts {
	/** The first org's emulator and requests (the only org of most scenarios). */
	emulator: EmulatorHandle;
	requests: RecordedRequest[];
	outcomes: ItemOutcome[];
	orgs: OrgFacts[];
	tenants: TenantFacts[];
	/** Executions that finished. */
	executions: ExecutionTiming[];
	/** When the credential was reconnected, if it was. */
	reconnectedAt?: number;
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
	 * Who the one credential (one id and name throughout) is connected as: the executions take turns
	 * between these tenants (default: one org, its default user). n8n's one credential resolving to
	 * different orgs or users.
	 */
	tenants?: Tenant[];
	/**
	 * The credential starts connected as the first tenant and is reconnected as the second (its data
	 * replaced, as n8n's "Reconnect" does) `afterMs` after `execution` starts, the executions started
	 * before still running: every credential read after that, theirs too (n8n reads it again to sign
	 * each call), resolves the second.
	 */
	reconnect?: { execution: number; afterMs: number };
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

export const tenantsOf = (scenario: Scenario): Tenant[] => scenario.tenants ?? [{ org: 0 }];

export const orgCount = (scenario: Scenario): number => Math.max(...tenantsOf(scenario).map((tenant) => tenant.org)) + 1;

/** The usernames an org's emulator must have besides its default user. */
export const usersOfOrg = (scenario: Scenario, org: number): string[] =>
	tenantsOf(scenario).flatMap((tenant) => (tenant.org === org && tenant.user !== undefined ? [tenant.user] : []));

/**
 * The tenant an execution's credential is connected as when it starts, as executions take turns (a
 * lead posted twice goes to the same tenant both times). A reconnected credential is the first
 * tenant until the reconnection (credential-row.ts).
 */
export function tenantByTurn(scenario: Scenario, execution: number): number {
	if (scenario.reconnect !== undefined) return 0;
	return Math.floor(execution / (scenario.postedTwice ? 2 : 1)) % tenantsOf(scenario).length;
}

export const answered = (requests: RecordedRequest[], status: number, path: RegExp | string = DATA) =>
	requests.filter((request) => request.status === status && (typeof path === 'string' ? request.path.endsWith(path) : path.test(request.path))).length;

export const itemsWith = (outcomes: ItemOutcome[], kind: ItemOutcome['kind'], code?: string) =>
	outcomes.filter((outcome) => outcome.kind === kind && (code === undefined || outcome.errorCode === code)).length;
