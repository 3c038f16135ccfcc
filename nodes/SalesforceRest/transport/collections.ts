/**
 * sObject Collections saves: at most 200 records in one call, one API call, one result per record in
 * the order sent. A create is never sent twice by this module: when the connection breaks mid-call
 * the outcome is `unknown` and the caller must say so.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { MAX_RECORDS_PER_COLLECTION } from '../helpers/batching';
import type { SalesforceRecord } from '../helpers/validation';
import { GroupCommit } from './groupCommit';
import { sendRequest, type SalesforceConnection, type SalesforceResponse, type SaveResult } from './index';

export interface CreateOptions {
	objectName: string;
	/** true: one failure rolls the whole call back. */
	allOrNone: boolean;
	/** Sforce-Auto-Assign: whether the org's active assignment rule runs. */
	autoAssign: boolean;
	/** Save even when an org duplicate rule matches. */
	allowDuplicates: boolean;
	/** Whether these records may go in one call with other executions' records (group commit). */
	combine: boolean;
}

export type SaveResponse = SalesforceResponse<SaveResult[]>;

function saveHeaders(options: CreateOptions): Record<string, string> {
	const headers: Record<string, string> = { 'Sforce-Auto-Assign': options.autoAssign ? 'TRUE' : 'FALSE' };
	if (options.allowDuplicates) headers['Sforce-Duplicate-Rule-Header'] = 'allowSave=true';
	return headers;
}

/** Salesforce answers one result per record; anything else cannot be matched to items. */
function checkedResults(response: SaveResponse, sent: number): SaveResponse {
	if (!response.ok || (Array.isArray(response.body) && response.body.length === sent)) return response;
	const got = Array.isArray(response.body) ? response.body.length : 'no';
	return {
		ok: false,
		problem: {
			httpStatus: 200,
			errorCode: 'UNEXPECTED_RESPONSE',
			message: `Salesforce answered the create of ${sent} records with ${got} results; which records were saved is unknown`,
			fields: [],
		},
		delivery: 'unknown',
	};
}

async function postCollection(
	ctx: IExecuteFunctions,
	connection: SalesforceConnection,
	records: SalesforceRecord[],
	options: CreateOptions,
): Promise<SaveResponse> {
	const response = await sendRequest<SaveResult[]>(ctx, connection, {
		method: 'POST',
		path: '/composite/sobjects',
		headers: saveHeaders(options),
		body: {
			allOrNone: options.allOrNone,
			records: records.map((record) => ({ attributes: { type: options.objectName }, ...record })),
		},
	});
	return checkedResults(response, records.length);
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
	if (!combinable(records, options)) return await postCollection(ctx, connection, records, options);
	const shared = { ...options, allOrNone: false };
	const key = [connection.identity, connection.timeoutMs, options.objectName, JSON.stringify(saveHeaders(options))].join(' ');
	// A call that carries only this submission is sent exactly as it would be alone.
	const send = async (all: SalesforceRecord[]) => await postCollection(ctx, connection, all, all.length === records.length ? options : shared);
	return await concurrentCreates.submit(key, records, send);
}
