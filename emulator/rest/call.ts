/** What a REST resource handler gets, and helpers every write resource uses. */
import type { EmulatorRequest, Reply } from '../http';
import type { ApiUsageCounter } from '../limits';
import type { Org } from '../org';
import { apiError, errorsReply, type SaveError } from './errors';
import { WriteBatch } from './save';

export interface RestCall {
	request: EmulatorRequest;
	/** API version of the URL without the 'v', e.g. '66.0'. */
	version: string;
	/** Values of the route's {placeholders}. */
	params: Record<string, string>;
	org: Org;
	/** The user whose access token authenticated the call (a composite's subrequests: the composite's). */
	userId: string;
	/** A fault asked this call to fail with row lock contention. */
	lockRow: boolean;
	/** A fault locks some records of this Collections write: asked once per record it would save. */
	lockRecord?: () => boolean;
	usage: ApiUsageCounter;
}

/** Writes take JSON (Salesforce also takes XML, which the emulator does not). No content type reads as JSON. */
export function unsupportedMediaType(request: EmulatorRequest): Reply | undefined {
	const mediaType = request.contentType.split(';')[0].trim().toLowerCase();
	if (mediaType === '' || mediaType === 'application/json') return undefined;
	return apiError(415, 'UNSUPPORTED_MEDIA_TYPE', `MediaType of '${mediaType}' is not supported by this resource`);
}

/** The write call's batch, or the 400 that fails the whole call (a Sforce-Auto-Assign that is no rule id). */
export function openBatch(call: RestCall): WriteBatch | Reply {
	const batch = WriteBatch.open(call.org, call.userId, call.request.headers, call.version);
	return batch instanceof WriteBatch ? batch : errorsReply(400, [batch]);
}

/** Row lock contention met by a call of `userId` (the message names the calling user). */
export function lockRowError(userId: string): SaveError {
	return { errorCode: 'UNABLE_TO_LOCK_ROW', message: `unable to obtain exclusive access to this record or 1 records: ${userId}`, fields: [] };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
