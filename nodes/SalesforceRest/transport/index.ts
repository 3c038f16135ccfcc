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
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { shorten } from '../helpers/bounded';
import { describeFlaw, type SObjectDescribe, type SObjectSummary } from '../helpers/describe';
import { normalizeApiVersion } from '../helpers/instanceUrl';
import type { SalesforceProblem } from '../helpers/problem';
import { isTransientReadFailure, retryDelay } from '../helpers/retry';
import { userKeyOf, type Tenant } from '../helpers/tenant';
import { ApiBudget } from './apiBudget';
import { accessTokenOf, readCredentialView, secretsOf, signingContext } from './credentialView';
import { anotherProcessRefreshed } from './refreshRace';
import { problemFromResponse, problemFromThrown, toNodeApiError, type Delivery } from './errors';

export const CREDENTIAL_TYPE = 'salesforceRestOAuth2Api';

export type SalesforceContext = IExecuteFunctions | ILoadOptionsFunctions;

/** Where calls go, resolved once per execution (or per editor look-up). */
export interface SalesforceConnection {
	/** The origin of `instance_url`, e.g. `https://acme.my.salesforce.com`. */
	baseUrl: string;
	/** e.g. `v66.0`. */
	apiVersion: string;
	/** How long to wait for each answer. */
	timeoutMs: number;
	/** The org and user this execution's token belongs to, and its instance. */
	tenant: Tenant;
	/**
	 * Who is asking, where: the org, the user, the instance and the API version (the token itself when
	 * the token answer names no org and user). Describes shared between executions are keyed by it, so
	 * that two orgs or two users never share one, whatever credential they came through.
	 */
	identity: string;
	/** The access token this execution read from its credential: records share a call only with the same token (groupCommit). */
	accessToken?: string;
	/** The credential as this execution read it; n8n signs every call with it and refreshes its token in place. */
	credentials: ICredentialDataDecryptedObject;
	/** The execution's context as n8n's request helpers get it: its credential is `credentials` (credentialView.ts). */
	signer: SalesforceContext;
	/** What this execution spent of the org's API budget, and the rule that stops it. */
	budget: ApiBudget;
	/** Whether this execution stopped waiting for another process's refresh (refreshRace.ts). */
	refreshRace: { givenUp: boolean };
}

export interface ConnectionOptions {
	timeoutMs?: number;
	/** "Stop when fewer than N API calls remain"; 0 or absent: never. */
	keepInReserve?: number;
}

/**
 * Salesforce ends a non-query call after 10 minutes, but a lead create that has not answered in two
 * is better reported than waited for.
 */
export const DEFAULT_TIMEOUT_MS = 120_000;

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
	/** Upserts: whether the record was created (false: updated). */
	created?: boolean;
	/** Not Salesforce's: set on an upsert sent again after an unknown outcome (collections.ts idempotentSave). */
	createdSince?: number;
}

/** The credential read for this execution (or editor look-up): its instance, org, user and token. */
export async function openConnection(
	ctx: SalesforceContext,
	apiVersion: unknown,
	{ timeoutMs = DEFAULT_TIMEOUT_MS, keepInReserve = 0 }: ConnectionOptions = {},
): Promise<SalesforceConnection> {
	const version = normalizeApiVersion(apiVersion);
	if (!version.ok) throw new NodeOperationError(ctx.getNode(), version.message);
	const { tenant, credentials } = await readCredentialView(ctx);
	const accessToken = accessTokenOf(credentials);
	return {
		baseUrl: tenant.instance,
		apiVersion: version.value,
		timeoutMs,
		tenant,
		identity: `${userKeyOf(tenant, accessToken)} ${version.value}`,
		accessToken,
		credentials,
		signer: signingContext(ctx, credentials),
		budget: new ApiBudget(tenant, keepInReserve, accessToken),
		refreshRace: { givenUp: false },
	};
}


/** What no message may quote: the credential's secrets as they are now (n8n may have refreshed the token), and the token first read. */
function secretsOfConnection(connection: SalesforceConnection): string[] {
	const now = secretsOf(connection.credentials);
	return connection.accessToken === undefined ? now : [...now, connection.accessToken];
}

/**
 * A redirect is never followed: n8n would send the bearer token on to wherever it points (another
 * host, or plain http). Salesforce's data API does not redirect, so one is reported instead.
 */
function redirectProblem(statusCode: number, headers: IDataObject, connection: SalesforceConnection): SalesforceProblem {
	const location = typeof headers.location === 'string' ? headers.location : '';
	let target = 'an address it did not give';
	try {
		if (location !== '') target = new URL(location, connection.baseUrl).origin;
	} catch {
		target = 'an address that is not a URL';
	}
	return {
		httpStatus: statusCode,
		errorCode: 'REDIRECT_REFUSED',
		message: `${connection.baseUrl} answered with a redirect (HTTP ${statusCode}) to ${target}. The node does not follow redirects, so that the access token never leaves the Salesforce instance it was issued for; nothing was done. Check the credential's instance URL and any proxy between n8n and Salesforce`,
		fields: [],
	};
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
		disableFollowRedirect: true,
		timeout: connection.timeoutMs,
		...(request.body !== undefined && { body: request.body }),
	};
	const refusal = connection.budget.refusal();
	if (refusal !== undefined) return { ok: false, problem: refusal, delivery: 'not-sent' };
	let response: IN8nHttpFullResponse;
	try {
		// n8n signs the call with this execution's own read of the credential (credentialView.ts).
		response = (await ctx.helpers.httpRequestWithAuthentication.call(
			connection.signer,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		const thrown = problemFromThrown(error, secretsOfConnection(connection));
		if (thrown.delivery === 'answered') connection.budget.counted();
		// Refused with 401 and not processed, so even a create may go again once the tokens are good.
		if (thrown.problem.errorCode === 'invalid_grant' && (await anotherProcessRefreshed(ctx, connection))) {
			return await sendRequest<T>(ctx, connection, request);
		}
		return { ok: false, ...thrown };
	}
	connection.budget.counted();
	connection.budget.observe(response.headers?.['sforce-limit-info']);
	if (response.statusCode >= 400) {
		return { ok: false, problem: problemFromResponse(response.statusCode, response.body, secretsOfConnection(connection)), delivery: 'answered' };
	}
	if (response.statusCode >= 300 && response.statusCode !== 304) {
		return { ok: false, problem: redirectProblem(response.statusCode, response.headers, connection), delivery: 'answered' };
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
	const body = await salesforceRequest<unknown>(ctx, connection, {
		method: 'GET',
		path: `/sobjects/${encodeURIComponent(objectName)}/describe`,
	});
	const flaw = describeFlaw(body);
	if (flaw !== undefined) {
		const message = `The answer to the describe of ${shorten(objectName)} is not a Salesforce describe (${flaw}). Check that the credential's instance URL points at Salesforce`;
		throw toNodeApiError(ctx.getNode(), { errorCode: 'INVALID_DESCRIBE', message, fields: [] }, { message });
	}
	return body as SObjectDescribe;
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
