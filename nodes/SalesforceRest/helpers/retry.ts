/**
 * What may be asked again, and when. Pure.
 *
 * Reads are safe to repeat, so a busy or restarting Salesforce should not fail a whole run. A create
 * is repeated only for records Salesforce says it did not save because of row lock contention;
 * anything else about a create (a broken connection above all) is never repeated, because a
 * repeated create can duplicate a record.
 */
import type { Delivery, SalesforceProblem } from './problem';

/** Pauses before the second and third attempt: two retries, then the failure stands. */
export const RETRY_DELAYS_MS = [1000, 3000] as const;

/** Answers that say "not now" rather than "no": rate limiting, an internal error, maintenance, a gateway. */
const TRANSIENT_STATUSES = new Set([420, 429, 500, 502, 503, 504]);

/** Salesforce's own code for row lock contention: the same request usually passes a moment later. */
const ROW_LOCK = 'UNABLE_TO_LOCK_ROW';

const TRANSIENT_ERROR_CODES = new Set([ROW_LOCK, 'SERVER_UNAVAILABLE']);

/** With all-or-none, the records that did not fail themselves report this code. */
export const ROLLED_BACK = 'ALL_OR_NONE_OPERATION_ROLLED_BACK';

/**
 * Requests that never left because of the node's own decision (n8n refused to send it, or the API
 * reserve was reached): asking again cannot change the answer.
 */
const REFUSED_BEFORE_SENDING = new Set(['REQUEST_NOT_SENT', 'API_BUDGET_RESERVED']);

/**
 * Whether a save may be sent again although it failed as a whole: only when it surely never reached
 * Salesforce (the connection was refused, the host not found), never when the answer is unknown.
 */
export function neverReachedSalesforce(problem: SalesforceProblem, delivery: Delivery): boolean {
	return delivery === 'not-sent' && !REFUSED_BEFORE_SENDING.has(problem.errorCode);
}

export function isTransientReadFailure(problem: SalesforceProblem, delivery: Delivery): boolean {
	if (delivery !== 'answered') return !REFUSED_BEFORE_SENDING.has(problem.errorCode);
	if (TRANSIENT_ERROR_CODES.has(problem.errorCode)) return true;
	return problem.httpStatus !== undefined && TRANSIENT_STATUSES.has(problem.httpStatus);
}

/** The pause before attempt number `attempt + 1` (0-based retries), or undefined when it is time to give up. */
export function retryDelay(retriesSoFar: number): number | undefined {
	return RETRY_DELAYS_MS[retriesSoFar];
}

/** Salesforce's code for a record an org duplicate rule blocked. */
export const DUPLICATES_DETECTED = 'DUPLICATES_DETECTED';

export interface Resend {
	/** Positions of the records to send again. */
	positions: number[];
	/** Whether to pause first (row lock contention clears with time). */
	pause: boolean;
}

/**
 * Positions of a Collections answer to send again: the records refused for row lock contention,
 * which Salesforce did not save. With all-or-none nothing of the call was saved, so when every
 * failure is a lock, a rollback, or one the node settles another way (`settledElsewhere`: a duplicate
 * the user takes as the existing record, a key several records match), every other record goes
 * again; when any record failed for a reason of its own, the batch fails as it stands.
 * `failureCodes[i]` is record i's error code, undefined when saved.
 */
export function resendPositions(
	failureCodes: ReadonlyArray<string | undefined>,
	allOrNone: boolean,
	settledElsewhere: ReadonlySet<string> = new Set(),
): Resend {
	const locked = failureCodes.flatMap((code, position) => (code === ROW_LOCK ? [position] : []));
	if (!allOrNone) return { positions: locked, pause: locked.length > 0 };
	const duplicate = (code: string | undefined) => code !== undefined && settledElsewhere.has(code);
	const anyToSettle = failureCodes.some((code) => code === ROW_LOCK || duplicate(code));
	const onlySettleable = failureCodes.every((code) => code === ROW_LOCK || code === ROLLED_BACK || duplicate(code));
	if (!anyToSettle || !onlySettleable) return { positions: [], pause: false };
	return { positions: failureCodes.flatMap((code, position) => (duplicate(code) ? [] : [position])), pause: locked.length > 0 };
}
