/**
 * Salesforce answers errors in several shapes: an array of `{message, errorCode, fields}` (REST
 * resources), `{success: false, errors: [{statusCode, message, fields}]}` (one Collections result),
 * `{error, error_description}` (OAuth), or an HTML page (some 5xx). They all become one
 * `SalesforceProblem`, then one readable NodeApiError. Decisions are made on codes, never on message
 * text: messages are in the org user's language.
 *
 * Every text taken from an answer or a thrown error is cut to a bound (helpers/bounded.ts) after any
 * credential in it is removed (helpers/secrets.ts): a proxy answering in Salesforce's place may echo
 * the request, bearer token included.
 */
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { answerText, boundedNames, listedNames, MESSAGE_LENGTH, PAGE_LENGTH, QUOTED_LENGTH } from '../helpers/bounded';
import { guidanceFor } from '../helpers/guidance';
import { looksLikeHtml, textOfHtml } from '../helpers/htmlText';
import type { Delivery, SalesforceProblem } from '../helpers/problem';

export type { Delivery } from '../helpers/problem';

type UnknownRecord = Record<string, unknown>;

/**
 * Strings to remove wherever they appear in what an answer says, besides anything shaped like a
 * credential (helpers/secrets.ts): the connection's own access token, say.
 */
export type Secrets = readonly string[];

function isRecord(value: unknown): value is UnknownRecord {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Salesforce sends a handful of errors per record, and of fields per error; more than this is not worth reading. */
const ENTRIES_READ = 20;

/** Non-empty text from an answer, trimmed, without credentials and cut to `max`: whatever answered may have sent a megabyte. */
function text(value: unknown, max: number, secrets: Secrets): string | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	return trimmed === '' ? undefined : answerText(trimmed, max, secrets);
}

/** A code, field name or record id from an answer. */
const name = (value: unknown, secrets: Secrets) => text(value, QUOTED_LENGTH, secrets);

function names(value: unknown, secrets: Secrets): string[] {
	if (!Array.isArray(value)) return [];
	return value
		.slice(0, ENTRIES_READ)
		.map((entry) => name(entry, secrets))
		.filter((entry): entry is string => entry !== undefined);
}

/** Record ids a duplicate rule matched. Single-record answers misspell the key `duplicateResut`. */
function duplicateIds(error: UnknownRecord, secrets: Secrets): string[] {
	const result = error.duplicateResult ?? error.duplicateResut;
	if (!isRecord(result) || !Array.isArray(result.matchResults)) return [];
	const ids: string[] = [];
	for (const match of result.matchResults.slice(0, ENTRIES_READ)) {
		const records = isRecord(match) && Array.isArray(match.matchRecords) ? match.matchRecords.slice(0, ENTRIES_READ) : [];
		for (const entry of records) {
			const id = isRecord(entry) && isRecord(entry.record) ? name(entry.record.Id, secrets) : undefined;
			if (id && !ids.includes(id)) ids.push(id);
		}
	}
	return ids;
}

/**
 * Salesforce error objects: `errorCode` in REST answers, `statusCode` in Collections results. When
 * several come at once the first code leads; their messages are kept together up to
 * MESSAGE_LENGTH, and the first LISTED_ENTRIES fields.
 */
export function problemFromErrorList(errors: unknown[], httpStatus?: number, secrets: Secrets = []): SalesforceProblem {
	const entries = errors.slice(0, ENTRIES_READ).filter(isRecord);
	const first = entries[0] ?? {};
	const messages = entries
		.map((entry) => (typeof entry.message === 'string' ? entry.message.trim() : ''))
		.filter((message) => message !== '');
	const fields = [...new Set(entries.flatMap((entry) => names(entry.fields, secrets)))];
	const duplicates = [...new Set(entries.flatMap((entry) => duplicateIds(entry, secrets)))];
	return {
		...(httpStatus !== undefined && { httpStatus }),
		errorCode: name(first.errorCode, secrets) ?? name(first.statusCode, secrets) ?? 'UNKNOWN_ERROR',
		message: text(messages.join('; '), MESSAGE_LENGTH, secrets) ?? 'Salesforce reported an error without a message',
		fields: boundedNames(fields),
		...(duplicates.length > 0 && { duplicates }),
	};
}

/**
 * Any error answer (status + body as received) → one problem. Salesforce's JSON errors keep their
 * messages (MESSAGE_LENGTH); any other body, a proxy's page say, is quoted briefly
 * (PAGE_LENGTH). Pass the connection's own tokens as `secrets`.
 */
export function problemFromResponse(httpStatus: number, body: unknown, secrets: Secrets = []): SalesforceProblem {
	if (Array.isArray(body) && body.some(isRecord)) return problemFromErrorList(body, httpStatus, secrets);
	if (isRecord(body)) {
		if (Array.isArray(body.errors) && body.errors.length > 0) return problemFromErrorList(body.errors, httpStatus, secrets);
		const oauthCode = name(body.error, secrets);
		if (oauthCode !== undefined) {
			const message = text(body.error_description, MESSAGE_LENGTH, secrets) ?? oauthCode;
			return { httpStatus, errorCode: oauthCode, message, fields: [] };
		}
		if (name(body.errorCode, secrets) ?? name(body.statusCode, secrets)) return problemFromErrorList([body], httpStatus, secrets);
	}
	let message = `Salesforce answered HTTP ${httpStatus} without details`;
	if (typeof body === 'string' && body.trim() !== '') {
		message = looksLikeHtml(body) ? textOfHtml(body, secrets) : (text(body, PAGE_LENGTH, secrets) as string);
	}
	return { httpStatus, errorCode: `HTTP_${httpStatus}`, message, fields: [] };
}

/** Codes of failures where the request never left this machine, so nothing can have been saved. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);


function causeChain(error: unknown): UnknownRecord[] {
	const chain: UnknownRecord[] = [];
	let level: unknown = error;
	while (isRecord(level) && chain.length < 10 && !chain.includes(level)) {
		chain.push(level);
		level = level.cause;
	}
	return chain;
}

/**
 * What went wrong, from an error thrown by n8n's request helpers: an HTTP answer (axios keeps it on
 * `response`), a refresh n8n could not do (the OAuth body on `body`, or n8n's own "reconnect" error),
 * or a network failure (a `code` such as ECONNRESET).
 */
export function problemFromThrown(error: unknown, secrets: Secrets = []): { problem: SalesforceProblem; delivery: Delivery } {
	const chain = causeChain(error);
	for (const level of chain) {
		const response = level.response;
		if (isRecord(response) && typeof response.status === 'number') {
			return { problem: problemFromResponse(response.status, response.data, secrets), delivery: 'answered' };
		}
	}
	const messageOf = (level: UnknownRecord | undefined) => text(level?.message, MESSAGE_LENGTH, secrets);
	for (const level of chain) {
		const failure = level.failure;
		const oauthBody = level.body;
		if (isRecord(oauthBody) && name(oauthBody.error, secrets)) {
			return { problem: problemFromResponse(400, oauthBody, secrets), delivery: 'answered' };
		}
		if (isRecord(failure) && failure.cause === 'credential-invalid') {
			const message = messageOf(level) ?? 'The credential needs to be reconnected';
			return { problem: { httpStatus: 400, errorCode: 'invalid_grant', message, fields: [] }, delivery: 'answered' };
		}
	}
	const transport = chain.find(
		(level) => level.isAxiosError === true || /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(name(level.code, secrets) ?? ''),
	);
	const message = messageOf(transport) ?? messageOf(chain[0]) ?? 'The request to Salesforce failed';
	if (!transport) {
		// Thrown by n8n before anything was sent (credential not connected, URL refused, ...).
		return { problem: { errorCode: 'REQUEST_NOT_SENT', message, fields: [] }, delivery: 'not-sent' };
	}
	const code = name(transport.code, secrets) ?? 'NETWORK_ERROR';
	return {
		problem: { errorCode: code, message, fields: [] },
		delivery: NOT_SENT_CODES.has(code) ? 'not-sent' : 'unknown',
	};
}


function failureFor(problem: SalesforceProblem): NodeApiError['failure'] {
	if (problem.errorCode === 'invalid_grant' || problem.errorCode === 'INVALID_SESSION_ID') {
		return { cause: 'credential-invalid' };
	}
	if (problem.errorCode === 'REQUEST_LIMIT_EXCEEDED') return { cause: 'quota-exhausted' };
	if (problem.httpStatus === 503) return { cause: 'temporarily-unavailable' };
	return undefined;
}

/**
 * The one error the node throws for anything Salesforce refused. The problem itself stays readable on
 * the error (`errorResponse`, `context`) for whoever catches it.
 */
export function toNodeApiError(
	node: INode,
	problem: SalesforceProblem,
	options: { itemIndex?: number; message?: string } = {},
): NodeApiError {
	const fieldsNote = problem.fields.length > 0 ? ` (fields: ${listedNames(problem.fields)})` : '';
	const message = options.message ?? `Salesforce: ${problem.errorCode}: ${problem.message}${fieldsNote}`;
	const fields = boundedNames(problem.fields);
	const error = new NodeApiError(node, { ...problem, fields } as unknown as JsonObject, {
		message,
		description: guidanceFor(problem),
		...(problem.httpStatus !== undefined && { httpCode: String(problem.httpStatus) }),
		...(options.itemIndex !== undefined && { itemIndex: options.itemIndex }),
		failure: failureFor(problem),
	});
	// NodeApiError swaps any message that mentions a network code (ECONNRESET, ...) for a generic
	// "connection closed" text; ours already says what happened and what it means for the records.
	error.message = message;
	error.context.errorCode = problem.errorCode;
	error.context.fields = fields;
	if (problem.duplicates) error.context.duplicates = problem.duplicates;
	return error;
}

/** The problem a thrown error stands for: ours carry it, anything else is described by its message. */
export function problemOfError(error: unknown): SalesforceProblem {
	const response = (error as NodeApiError).errorResponse;
	if (response && typeof response.errorCode === 'string' && typeof response.message === 'string') {
		return response as unknown as SalesforceProblem;
	}
	const message = (error as Error)?.message ?? String(error);
	return { errorCode: 'NODE_ERROR', message: answerText(String(message), MESSAGE_LENGTH), fields: [] };
}

/** Errors leave the node as NodeApiError or NodeOperationError, never as anything else. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}

