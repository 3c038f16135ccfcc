/**
 * When a request that changes nothing (a describe) is worth asking again. Pure.
 *
 * Reads are safe to repeat, so a busy or restarting Salesforce should not fail a whole run; writes
 * never come here, because a repeated create can duplicate a record.
 */
import type { Delivery, SalesforceProblem } from './problem';

/** Pauses before the second and third attempt: two retries, then the failure stands. */
export const READ_RETRY_DELAYS_MS = [1000, 3000] as const;

/** Answers that say "not now" rather than "no": rate limiting, an internal error, maintenance, a gateway. */
const TRANSIENT_STATUSES = new Set([420, 429, 500, 502, 503, 504]);

/** Salesforce's own code for row lock contention: the same request usually passes a moment later. */
const TRANSIENT_ERROR_CODES = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE']);

export function isTransientReadFailure(problem: SalesforceProblem, delivery: Delivery): boolean {
	if (delivery !== 'answered') return problem.errorCode !== 'REQUEST_NOT_SENT';
	if (TRANSIENT_ERROR_CODES.has(problem.errorCode)) return true;
	return problem.httpStatus !== undefined && TRANSIENT_STATUSES.has(problem.httpStatus);
}

/** The pause before attempt number `attempt + 1` (0-based retries), or undefined when it is time to give up. */
export function readRetryDelay(retriesSoFar: number): number | undefined {
	return READ_RETRY_DELAYS_MS[retriesSoFar];
}
