/**
 * What the fault runner (scripts/faults.ts, which owns the emulator) and its engine worker
 * (engine-worker.ts, which runs n8n's engine with the node) tell each other over the IPC channel.
 * The engine runs in a child process so that a node that blocks its event loop (a check that never
 * ends) can be stopped from outside and reported, instead of freezing the run.
 */
import type { StoredCredential } from '../../test/harness';

/** How an item came out of the node. */
export type OutcomeKind =
	/** `{id, success: true}` (Create or Update adds `created: true` or, for a lead it updated, `created: false`) */
	| 'created'
	/** the node says Salesforce may or may not have saved it (OUTCOME_UNKNOWN) */
	| 'unknown'
	/** `{error, errorCode, fields}` */
	| 'failed'
	/** no output item, or one that is neither of the above */
	| 'none';

/**
 * An input item as the runner knows it: its key (how its record is found: the LastName, unique to the
 * item, or for Create or Update the Email in lower case; prefixed with the org when there are several)
 * and whether it is a valid lead.
 */
export interface ItemIdentity {
	key: string;
	valid: boolean;
	/** Its execution, the tenant that execution's credential resolved (scenario.ts) and that tenant's org (0 when there is one). */
	execution: number;
	tenant: number;
	org: number;
	/** The LastName it sends, unique to the item (plain leads; by Email it is not the key). */
	lastName?: string;
	/** What is hostile about it (hostile items only). */
	about?: string;
}

export interface ItemOutcome extends ItemIdentity {
	kind: OutcomeKind;
	id?: string;
	/** Create or Update's `created`: false when it updated a lead that was there. */
	created?: boolean;
	errorCode?: string;
	/** Length of the output item's JSON: a message that echoes a 1 MB value shows here. */
	outputChars: number;
}

export interface ExecutionReport {
	execution: number;
	/** When it started, ms since the epoch. */
	startedAt: number;
	wallMs: number;
	/** Longest time the worker's event loop was blocked during the execution (the node's local checks, mostly). */
	blockedMs: number;
	items: ItemOutcome[];
	/** The execution stopped with an error instead of answering per item. */
	executionError?: string;
	/** Where a secret was found: "refresh token in the output of item 3", ... */
	tokensFound: string[];
	/** The tenant its items went to: what its credential's first read resolved (the tenant at its start if it never read it). */
	tenant: number;
	/** The tenants its credential reads resolved (n8n reads it again to sign every call), in order of first appearance. */
	readTenants: number[];
	/** When the credential was reconnected, on every report after it. */
	reconnectedAt?: number;
}

export interface RunRequest {
	type: 'run';
	scenario: string;
	/** One per tenant, each with the same id and name. */
	credentials: StoredCredential[];
	/** Execution numbers to run, in order (a restarted worker gets the ones never started). */
	executions: number[];
}

export type WorkerMessage =
	| { type: 'alive' }
	| { type: 'started'; execution: number; items: ItemIdentity[] }
	/** `credentials`: each tenant's, as the worker's executions left them (a refresh stores new tokens). */
	| { type: 'finished'; report: ExecutionReport; credentials: StoredCredential[] }
	| { type: 'done' }
	| { type: 'crashed'; message: string };
