/**
 * Salesforce answers errors in several shapes: an array of `{message, errorCode, fields}` (REST
 * resources), `{success: false, errors: [{statusCode, message, fields}]}` (one Collections result),
 * `{error, error_description}` (OAuth), or an HTML page (some 5xx). They all become one
 * `SalesforceProblem`, then one readable NodeApiError. Decisions are made on codes, never on message
 * text: messages are in the org user's language.
 */
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { MESSAGE_LENGTH, shorten } from '../helpers/bounded';
import { guidanceFor } from '../helpers/guidance';
import type { Delivery, SalesforceProblem } from '../helpers/problem';

export type { Delivery } from '../helpers/problem';

type UnknownRecord = Record<string, unknown>;

function isRecord(value: unknown): value is UnknownRecord {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Salesforce sends a handful of errors per record, and of fields per error; more than this is not worth reading. */
const ENTRIES_READ = 20;

function asStrings(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value
		.slice(0, ENTRIES_READ)
		.filter((entry): entry is string => typeof entry === 'string')
		.map((entry) => shorten(entry));
}

/** Non-empty text, trimmed and bounded: whatever answered may have sent a megabyte. */
function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? shorten(value.trim(), MESSAGE_LENGTH) : undefined;
}

/** Record ids a duplicate rule matched. Single-record answers misspell the key `duplicateResut`. */
function duplicateIds(error: UnknownRecord): string[] {
	const result = error.duplicateResult ?? error.duplicateResut;
	if (!isRecord(result) || !Array.isArray(result.matchResults)) return [];
	const ids: string[] = [];
	for (const match of result.matchResults) {
		const records = isRecord(match) && Array.isArray(match.matchRecords) ? match.matchRecords : [];
		for (const entry of records) {
			const id = isRecord(entry) && isRecord(entry.record) ? text(entry.record.Id) : undefined;
			if (id && !ids.includes(id)) ids.push(id);
		}
	}
	return ids;
}

/**
 * Salesforce error objects: `errorCode` in REST answers, `statusCode` in Collections results. When
 * several come at once the first code leads and every message and field is kept.
 */
export function problemFromErrorList(errors: unknown[], httpStatus?: number): SalesforceProblem {
	const entries = errors.slice(0, ENTRIES_READ).filter(isRecord);
	const first = entries[0] ?? {};
	const messages = entries
		.map((entry) => text(entry.message))
		.filter((message): message is string => !!message);
	const fields = [...new Set(entries.flatMap((entry) => asStrings(entry.fields)))];
	const duplicates = [...new Set(entries.flatMap(duplicateIds))];
	return {
		...(httpStatus !== undefined && { httpStatus }),
		errorCode: text(first.errorCode) ?? text(first.statusCode) ?? 'UNKNOWN_ERROR',
		message: messages.join('; ') || 'Salesforce reported an error without a message',
		fields,
		...(duplicates.length > 0 && { duplicates }),
	};
}

/** How much of an HTML page is read for its text: the title or first lines are all a message needs. */
const HTML_READ_LENGTH = 65536;

/** The text between `<tag ...>` and `</tag>` (ASCII case-insensitive), found by scanning, or undefined. */
function elementText(html: string, lowerHtml: string, tag: string): string | undefined {
	const open = lowerHtml.indexOf(`<${tag}`);
	const openEnd = open < 0 ? -1 : lowerHtml.indexOf('>', open);
	const close = openEnd < 0 ? -1 : lowerHtml.indexOf(`</${tag}`, openEnd);
	return close < 0 ? undefined : html.slice(openEnd + 1, close);
}

/** The page without its tags, script and style contents, in one pass. */
function withoutTags(html: string): string {
	const lower = html.toLowerCase();
	let text = '';
	let position = 0;
	while (position < html.length) {
		const open = html.indexOf('<', position);
		if (open < 0) {
			text += html.slice(position);
			break;
		}
		text += `${html.slice(position, open)} `;
		const skipTo = lower.startsWith('<script', open) ? '</script' : lower.startsWith('<style', open) ? '</style' : undefined;
		const contentEnd = skipTo === undefined ? open : lower.indexOf(skipTo, open);
		const close = contentEnd < 0 ? -1 : html.indexOf('>', contentEnd);
		if (close < 0) break;
		position = close + 1;
	}
	return text;
}

/** The readable part of an HTML error page: its title, else its text, shortened. */
export function textOfHtml(page: string): string {
	const html = page.slice(0, HTML_READ_LENGTH);
	const title = elementText(html, html.toLowerCase(), 'title');
	const plain = withoutTags(title !== undefined && title.trim() !== '' ? title : html)
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/** Any error answer (status + body as received) → one problem. */
export function problemFromResponse(httpStatus: number, body: unknown): SalesforceProblem {
	if (Array.isArray(body) && body.some(isRecord)) return problemFromErrorList(body, httpStatus);
	if (isRecord(body)) {
		if (Array.isArray(body.errors) && body.errors.length > 0) return problemFromErrorList(body.errors, httpStatus);
		if (text(body.error)) {
			return {
				httpStatus,
				errorCode: text(body.error) as string,
				message: text(body.error_description) ?? (text(body.error) as string),
				fields: [],
			};
		}
		if (text(body.errorCode) ?? text(body.statusCode)) return problemFromErrorList([body], httpStatus);
	}
	let message = `Salesforce answered HTTP ${httpStatus} without details`;
	if (typeof body === 'string' && body.trim() !== '') {
		const start = body.slice(0, HTML_READ_LENGTH);
		message = /<\s*(html|!doctype|body|title)/i.test(start) ? textOfHtml(body) : shorten(body.trim(), 500);
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
export function problemFromThrown(error: unknown): { problem: SalesforceProblem; delivery: Delivery } {
	const chain = causeChain(error);
	for (const level of chain) {
		const response = level.response;
		if (isRecord(response) && typeof response.status === 'number') {
			return { problem: problemFromResponse(response.status, response.data), delivery: 'answered' };
		}
	}
	for (const level of chain) {
		const failure = level.failure;
		const oauthBody = level.body;
		if (isRecord(oauthBody) && text(oauthBody.error)) {
			return { problem: problemFromResponse(400, oauthBody), delivery: 'answered' };
		}
		if (isRecord(failure) && failure.cause === 'credential-invalid') {
			const message = text(level.message) ?? 'The credential needs to be reconnected';
			return { problem: { httpStatus: 400, errorCode: 'invalid_grant', message, fields: [] }, delivery: 'answered' };
		}
	}
	const transport = chain.find(
		(level) => level.isAxiosError === true || /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(text(level.code) ?? ''),
	);
	const message = text(transport?.message) ?? text(chain[0]?.message) ?? 'The request to Salesforce failed';
	if (!transport) {
		// Thrown by n8n before anything was sent (credential not connected, URL refused, ...).
		return { problem: { errorCode: 'REQUEST_NOT_SENT', message, fields: [] }, delivery: 'not-sent' };
	}
	const code = text(transport.code) ?? 'NETWORK_ERROR';
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
	const fieldsNote = problem.fields.length > 0 ? ` (fields: ${problem.fields.join(', ')})` : '';
	const message = options.message ?? `Salesforce: ${problem.errorCode}: ${problem.message}${fieldsNote}`;
	const error = new NodeApiError(node, { ...problem } as unknown as JsonObject, {
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
	error.context.fields = problem.fields;
	if (problem.duplicates) error.context.duplicates = problem.duplicates;
	return error;
}

/** The problem a thrown error stands for: ours carry it, anything else is described by its message. */
export function problemOfError(error: unknown): SalesforceProblem {
	const response = (error as NodeApiError).errorResponse;
	if (response && typeof response.errorCode === 'string' && typeof response.message === 'string') {
		return response as unknown as SalesforceProblem;
	}
	return { errorCode: 'NODE_ERROR', message: (error as Error)?.message ?? String(error), fields: [] };
}

/** Errors leave the node as NodeApiError or NodeOperationError, never as anything else. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}

