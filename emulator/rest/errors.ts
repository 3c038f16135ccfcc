/**
 * Salesforce's REST error shapes. Request-level errors are a JSON array of
 * `{message, errorCode, fields?}`; a record's save errors inside a Collections answer use
 * `statusCode` instead of `errorCode` and always carry `fields`.
 */
import { jsonReply, type Reply } from '../http';

/** One reason a record (or the whole request) was refused. */
export interface SaveError {
	errorCode: string;
	message: string;
	/** Absent for request-level errors that name no field (INVALID_FIELD, JSON_PARSER_ERROR, ...). */
	fields?: string[];
	/** DUPLICATES_DETECTED only: the duplicate rule's report. */
	duplicateResult?: Record<string, unknown>;
}

export function apiError(status: number, errorCode: string, message: string, fields?: string[]): Reply {
	return errorsReply(status, [{ errorCode, message, fields }]);
}

/** The body of a failed single-record call (sObject Rows resources): an array, message first. */
export function errorsReply(status: number, errors: SaveError[]): Reply {
	return jsonReply(status, errors.map(singleCallEntry));
}

function singleCallEntry(error: SaveError): Record<string, unknown> {
	if (error.duplicateResult !== undefined) {
		// Salesforce misspells this key in single-record answers (captured in v50 and v51 answers).
		return { duplicateResut: error.duplicateResult, errorCode: error.errorCode, message: error.message };
	}
	return { message: error.message, errorCode: error.errorCode, ...(error.fields === undefined ? {} : { fields: error.fields }) };
}

/**
 * An entry of the `errors` array of a Collections result. A duplicate rule's report is left out:
 * Salesforce gives Collections only the code and message, no match ids.
 */
export function collectionsErrorEntry(error: SaveError): Record<string, unknown> {
	return { statusCode: error.errorCode, message: error.message, fields: error.fields ?? [] };
}

export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';

export function notFound(): Reply {
	return apiError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
}

export function sessionInvalid(): Reply {
	return apiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
}
