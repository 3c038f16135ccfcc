/**
 * sObject Collections saves: at most 200 records in one call, one API call, one result per record in
 * the order sent. A create is never sent twice by this module: when the connection breaks mid-call
 * the outcome is `unknown` and the caller must say so. An update or an upsert by key lands on the
 * same record however often it is sent, so one whose outcome is unknown is sent once more.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { MAX_RECORDS_PER_COLLECTION } from '../helpers/batching';
import type { SalesforceRecord } from '../helpers/validation';
import { GroupCommit } from './groupCommit';
import { sendRequest, type SalesforceConnection, type SalesforceRequest, type SalesforceResponse, type SaveResult } from './index';

export interface SaveOptions {
	objectName: string;
	/** true: one failure rolls the whole call back. */
	allOrNone: boolean;
	/** Sforce-Auto-Assign and Sforce-Duplicate-Rule-Header, as the user chose them. */
	headers: Record<string, string>;
}

export interface CreateOptions extends SaveOptions {
	/** Whether these records may go in one call with other executions' records (group commit). */
	combine: boolean;
}

export type SaveResponse = SalesforceResponse<SaveResult[]>;

/** Salesforce answers one result per record; anything else cannot be matched to items. */
function checkedResults(response: SaveResponse, sent: number): SaveResponse {
	if (!response.ok || (Array.isArray(response.body) && response.body.length === sent)) return response;
	const got = Array.isArray(response.body) ? response.body.length : 'no';
	return {
		ok: false,
		problem: {
			httpStatus: 200,
			errorCode: 'UNEXPECTED_RESPONSE',
			message: `Salesforce answered the save of ${sent} records with ${got} results; which records were saved is unknown`,
			fields: [],
		},
		delivery: 'unknown',
	};
}

async function saveCollection(
	ctx: IExecuteFunctions,
	connection: SalesforceConnection,
	request: Omit<SalesforceRequest, 'body' | 'headers'>,
	records: Array<Record<string, unknown>>,
	options: SaveOptions,
): Promise<SaveResponse> {
	const body = { allOrNone: options.allOrNone, records: records.map((record) => ({ attributes: { type: options.objectName }, ...record })) };
	const response = await sendRequest<SaveResult[]>(ctx, connection, { ...request, headers: options.headers, body });
	return checkedResults(response, records.length);
}

/**
 * Salesforce's clock when a first attempt went out, from the `Date` of the answer to the second and how
 * long ago (on this machine's clock) the first was sent; undefined without a readable `Date`.
 */
function serverTimeOf(firstSentAt: number, answer: SaveResponse): number | undefined {
	const date = answer.ok && typeof answer.headers.date === 'string' ? Date.parse(answer.headers.date) : Number.NaN;
	return Number.isFinite(date) ? date - (Date.now() - firstSentAt) : undefined;
}

/**
 * Sends a save that cannot land twice (an update or upsert lands on the same records; Salesforce refuses a
 * second campaign membership of a lead), once more when its outcome is unknown. A record the second
 * answer says it updated (`created: false`) may have been created by the first attempt: it carries
 * `createdSince`, Salesforce's time when the first attempt went out, for the caller to tell.
 */
export async function idempotentSave(send: () => Promise<SaveResponse>): Promise<SaveResponse> {
	const firstSentAt = Date.now();
	const response = await send();
	if (response.ok || response.delivery !== 'unknown') return response;
	const again = await send();
	const since = serverTimeOf(firstSentAt, again);
	if (!again.ok || since === undefined) return again;
	const body = again.body.map((result) => (result.success && result.created === false ? { ...result, createdSince: since } : result));
	return { ...again, body };
}

const concurrentCreates = new GroupCommit<SalesforceRecord, SaveResponse>(MAX_RECORDS_PER_COLLECTION);

/**
 * Whether records keep their meaning in a call shared with other executions: one record means the
 * same with or without all-or-none, and records whose failures are reported one by one (continue on
 * fail) never needed it. An all-or-none run of several records must stay a call of its own.
 */
function combinable(records: SalesforceRecord[], options: CreateOptions): boolean {
	return options.combine && (records.length === 1 || !options.allOrNone);
}

/** One Collections create, shared with concurrent executions' records when that keeps its meaning. */
export async function createRecords(
	ctx: IExecuteFunctions,
	connection: SalesforceConnection,
	records: SalesforceRecord[],
	options: CreateOptions,
): Promise<SaveResponse> {
	const create = { method: 'POST', path: '/composite/sobjects' } as const;
	if (!combinable(records, options)) return await saveCollection(ctx, connection, create, records, options);
	const shared = { ...options, allOrNone: false };
	// Records share a call only with records of the same org, user, instance and access token: the call
	// goes with the token of the execution that sends it, so no record ever travels with another's.
	const key = [connection.identity, connection.accessToken, connection.timeoutMs, options.objectName, JSON.stringify(options.headers)].join(' ');
	// A call that carries only this submission is sent exactly as it would be alone.
	const send = async (all: SalesforceRecord[]) => await saveCollection(ctx, connection, create, all, all.length === records.length ? options : shared);
	// Each execution's own "Stop When Fewer API Calls Remain", checked as its records are about to go.
	const admit = (): SaveResponse | undefined => {
		const refusal = connection.budget.refusal();
		return refusal === undefined ? undefined : { ok: false, problem: refusal, delivery: 'not-sent' };
	};
	return await concurrentCreates.submit(key, records, send, admit);
}

/** One Collections update: each record carries the `id` of the record it changes. */
export async function updateRecords(
	ctx: IExecuteFunctions,
	connection: SalesforceConnection,
	records: Array<SalesforceRecord & { id: string }>,
	options: SaveOptions,
): Promise<SaveResponse> {
	return await idempotentSave(async () => await saveCollection(ctx, connection, { method: 'PATCH', path: '/composite/sobjects' }, records, options));
}

/** One Collections upsert by an external ID (or id-lookup) field: Salesforce creates or updates by its value. */
export async function upsertRecords(
	ctx: IExecuteFunctions,
	connection: SalesforceConnection,
	records: SalesforceRecord[],
	options: SaveOptions & { keyField: string },
): Promise<SaveResponse> {
	const path = `/composite/sobjects/${encodeURIComponent(options.objectName)}/${encodeURIComponent(options.keyField)}`;
	return await idempotentSave(async () => await saveCollection(ctx, connection, { method: 'PATCH', path }, records, options));
}
