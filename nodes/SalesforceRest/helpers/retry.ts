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

export function isTransientReadFailure(problem: SalesforceProblem, delivery: Delivery): boolean {
	if (delivery !== 'answered') return problem.errorCode !== 'REQUEST_NOT_SENT';
	if (TRANSIENT_ERROR_CODES.has(problem.errorCode)) return true;
	return problem.httpStatus !== undefined && TRANSIENT_STATUSES.has(problem.httpStatus);
}

/** The pause before attempt number `attempt + 1` (0-based retries), or undefined when it is time to give up. */
export function retryDelay(retriesSoFar: number): number | undefined {
	return RETRY_DELAYS_MS[retriesSoFar];
}

/**
 * Positions of a Collections answer to send again: the records refused for row lock contention,
 * which Salesforce did not save. With all-or-none a lock rolls the whole call back, so every record
 * goes again, unless another record failed for a reason of its own (then the batch fails anyway).
 * `failureCodes[i]` is the error code of record i, or undefined when it was saved.
 */
export function lockedPositions(failureCodes: ReadonlyArray<string | undefined>, allOrNone: boolean): number[] {
	const positions = failureCodes.flatMap((code, position) => (code === ROW_LOCK ? [position] : []));
	if (!allOrNone || positions.length === 0) return positions;
	const onlyLockedOrRolledBack = failureCodes.every((code) => code === ROW_LOCK || code === ROLLED_BACK);
	return onlyLockedOrRolledBack ? failureCodes.map((_, position) => position) : [];
}
