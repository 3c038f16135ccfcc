/**
 * The one place that speaks HTTP to Salesforce. Every call goes through n8n's
 * `httpRequestWithAuthentication`, so n8n attaches the bearer token and, when Salesforce answers 401,
 * refreshes it once with the refresh token, stores it and repeats the call.
 *
 * Error answers are read, not thrown by the HTTP client (`ignoreHttpStatusErrors`), except 401: that
 * one must reach n8n's OAuth2 code as an error, or the refresh would never happen.
 */
import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import type { SObjectDescribe, SObjectSummary } from '../helpers/describe';
import { normalizeApiVersion, resolveApiBaseUrl } from '../helpers/instanceUrl';
import type { SalesforceProblem } from '../helpers/problem';
import { isTransientReadFailure, retryDelay } from '../helpers/retry';
import type { SalesforceRecord } from '../helpers/validation';
import { problemFromResponse, problemFromThrown, toNodeApiError, type Delivery } from './errors';

export const CREDENTIAL_TYPE = 'salesforceRestOAuth2Api';

export type SalesforceContext = IExecuteFunctions | ILoadOptionsFunctions;

/** Where calls go, resolved once per execution (or per editor look-up). */
export interface SalesforceConnection {
	/** `instance_url`, e.g. `https://acme.my.salesforce.com`, without trailing slash. */
	baseUrl: string;
	/** e.g. `v66.0`. */
	apiVersion: string;
}

export interface SalesforceRequest {
	method: IHttpRequestMethods;
	/** Path below `/services/data/vNN.0`, e.g. `/sobjects/Lead/describe`. */
	path: string;
	body?: IDataObject;
	headers?: Record<string, string>;
}

export type SalesforceResponse<T> =
	| { ok: true; body: T; headers: IDataObject }
	| { ok: false; problem: SalesforceProblem; delivery: Delivery };

/** One saved or failed record of a Collections answer, in the order the records were sent. */
export interface SaveResult {
	id?: string;
	success: boolean;
	errors?: unknown[];
}

export async function openConnection(ctx: SalesforceContext, apiVersion: unknown): Promise<SalesforceConnection> {
	const version = normalizeApiVersion(apiVersion);
	if (!version.ok) throw new NodeOperationError(ctx.getNode(), version.message);
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const base = resolveApiBaseUrl(credentials);
	if (!base.ok) throw new NodeOperationError(ctx.getNode(), base.message);
	return { baseUrl: base.value, apiVersion: version.value };
}

/** Sends one request and reports the outcome instead of throwing, for callers that must account for every item. */
export async function sendRequest<T>(
	ctx: SalesforceContext,
	connection: SalesforceConnection,
	request: SalesforceRequest,
): Promise<SalesforceResponse<T>> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl}/services/data/${connection.apiVersion}${request.path}`,
		headers: { Accept: 'application/json', ...request.headers },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
		...(request.body !== undefined && { body: request.body }),
	};
	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		return { ok: false, ...problemFromThrown(error) };
	}
	if (response.statusCode >= 400) {
		return { ok: false, problem: problemFromResponse(response.statusCode, response.body), delivery: 'answered' };
	}
	return { ok: true, body: response.body as T, headers: response.headers };
}

/**
 * Sends one request that changes nothing (a GET), asking again after a pause when Salesforce is busy
 * or the connection broke (as jsforce does for reads); any failure that stands becomes the node's error.
 */
export async function salesforceRequest<T>(
	ctx: SalesforceContext,
	connection: SalesforceConnection,
	request: SalesforceRequest & { method: 'GET' },
): Promise<T> {
	for (let retries = 0; ; retries++) {
		const response = await sendRequest<T>(ctx, connection, request);
		if (response.ok) return response.body;
		const delay = retryDelay(retries);
		if (delay === undefined || !isTransientReadFailure(response.problem, response.delivery)) {
			throw toNodeApiError(ctx.getNode(), response.problem);
		}
		await sleep(delay);
	}
}

export async function describeSObject(
	ctx: SalesforceContext,
	connection: SalesforceConnection,
	objectName: string,
): Promise<SObjectDescribe> {
	return await salesforceRequest<SObjectDescribe>(ctx, connection, {
		method: 'GET',
		path: `/sobjects/${encodeURIComponent(objectName)}/describe`,
	});
}

export async function describeGlobal(
	ctx: SalesforceContext,
	connection: SalesforceConnection,
): Promise<SObjectSummary[]> {
	const body = await salesforceRequest<{ sobjects?: SObjectSummary[] }>(ctx, connection, {
		method: 'GET',
		path: '/sobjects',
	});
	return Array.isArray(body?.sobjects) ? body.sobjects : [];
}

export interface CreateOptions {
	objectName: string;
	/** true: one failure rolls the whole call back. */
	allOrNone: boolean;
	/** Sforce-Auto-Assign: whether the org's active assignment rule runs. */
	autoAssign: boolean;
	/** Save even when an org duplicate rule matches. */
	allowDuplicates: boolean;
}

/**
 * One sObject Collections create (`POST /composite/sobjects`, at most 200 records, one API call).
 * Never retried: a repeated create can duplicate records. When the connection breaks mid-call the
 * outcome is `unknown` and the caller must say so.
 */
export async function createRecords(
	ctx: IExecuteFunctions,
	connection: SalesforceConnection,
	records: SalesforceRecord[],
	options: CreateOptions,
): Promise<SalesforceResponse<SaveResult[]>> {
	const headers: Record<string, string> = { 'Sforce-Auto-Assign': options.autoAssign ? 'TRUE' : 'FALSE' };
	if (options.allowDuplicates) headers['Sforce-Duplicate-Rule-Header'] = 'allowSave=true';
	const response = await sendRequest<SaveResult[]>(
		ctx,
		connection,
		{
			method: 'POST',
			path: '/composite/sobjects',
			headers,
			body: {
				allOrNone: options.allOrNone,
				records: records.map((record) => ({ attributes: { type: options.objectName }, ...record })),
			},
		},
	);
	if (response.ok && (!Array.isArray(response.body) || response.body.length !== records.length)) {
		// Salesforce answers one result per record; anything else cannot be matched to items.
		return {
			ok: false,
			problem: {
				httpStatus: 200,
				errorCode: 'UNEXPECTED_RESPONSE',
				message: `Salesforce answered the create of ${records.length} records with ${Array.isArray(response.body) ? response.body.length : 'no'} results; which records were saved is unknown`,
				fields: [],
			},
			delivery: 'unknown',
		};
	}
	return response;
}

