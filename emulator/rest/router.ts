/**
 * Everything under /services/data: the versions list (no session, no API call), then for a
 * versioned URL: retired (410) or unknown (404) version, session check (401), daily limit (403),
 * one API call counted, the resource. Every answer carries Sforce-Limit-Info. Composite
 * subrequests take the same routes from the version check on, inside the composite's one call.
 */
import { bearerToken, jsonReply, type EmulatorRequest, type Reply } from '../http';
import type { ApiUsageCounter } from '../limits';
import type { TokenStore } from '../oauth/tokens';
import type { Org } from '../org';
import { lockRowError, type RestCall } from './call';
import { createCollection, updateCollection } from './collections';
import { runComposite } from './composite';
import { describeGlobal, describeSObject, sobjectBasicInfo } from './describe';
import { apiError, errorsReply, notFound, sessionInvalid } from './errors';
import { nextQueryPage, runQuery } from './query';
import { createRecord, retrieveRecord } from './records';
import { upsertCollection, upsertRecord } from './upsert';
import { versionList, versionStatus } from './versions';

interface Route {
	method: string;
	/** Path after /services/data/vNN.0, with {placeholders}; also the key of apiUsage().byEndpoint. */
	pattern: string;
	handle(call: RestCall): Reply;
	/** Writes that take part in row locking (the UNABLE_TO_LOCK_ROW fault). */
	locks?: boolean;
	/** False for the resources Composite does not run as a subrequest (it lists sObject, query and Collections resources). */
	inComposite?: false;
}

export interface RestContext {
	org: Org;
	tokens: TokenStore;
	usage: ApiUsageCounter;
}

/** In match order: literal segments before placeholders. */
const ROUTES: Route[] = [
	{ method: 'GET', pattern: '', handle: resourcesDirectory, inComposite: false },
	{ method: 'GET', pattern: '/limits', handle: limits, inComposite: false },
	{ method: 'GET', pattern: '/sobjects', handle: describeGlobal },
	{ method: 'GET', pattern: '/sobjects/{Name}', handle: sobjectBasicInfo },
	{ method: 'POST', pattern: '/sobjects/{Name}', handle: createRecord, locks: true },
	{ method: 'GET', pattern: '/sobjects/{Name}/describe', handle: describeSObject },
	{ method: 'GET', pattern: '/sobjects/{Name}/{Id}', handle: retrieveRecord },
	{ method: 'PATCH', pattern: '/sobjects/{Name}/{Field}/{Value}', handle: upsertRecord, locks: true },
	{ method: 'POST', pattern: '/composite/sobjects', handle: createCollection, locks: true },
	{ method: 'PATCH', pattern: '/composite/sobjects', handle: updateCollection, locks: true },
	{ method: 'PATCH', pattern: '/composite/sobjects/{Name}/{Field}', handle: upsertCollection, locks: true },
	{ method: 'POST', pattern: '/composite', handle: (call) => runComposite(call, runSubrequest), locks: true, inComposite: false },
	{ method: 'GET', pattern: '/query', handle: runQuery },
	{ method: 'GET', pattern: '/query/{Locator}', handle: nextQueryPage },
];

export function isRestPath(path: string): boolean {
	return path === '/services/data' || path.startsWith('/services/data/');
}

/** `lockRecord`: a fault's per-record draw of row lock contention, for Collections writes. */
export function handleRest(context: RestContext, request: EmulatorRequest, lockRow: boolean, lockRecord?: () => boolean): Reply {
	const reply = route(context, request, lockRow, lockRecord);
	reply.headers['Sforce-Limit-Info'] = context.usage.header();
	return reply;
}

function route(context: RestContext, request: EmulatorRequest, lockRow: boolean, lockRecord?: () => boolean): Reply {
	const rest = request.path.slice('/services/data'.length).replace(/\/+$/, '');
	if (rest === '') return request.method === 'GET' ? jsonReply(200, versionList()) : methodNotAllowed(request.method, ['GET']);
	const versioned = versionedPath(request.path);
	if ('status' in versioned) return versioned;
	const userId = tokenUser(context.tokens, request);
	if (userId === undefined) return sessionInvalid();
	if (context.usage.exhausted()) return apiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
	const found = findRoute(request.method, versioned.resourcePath);
	context.usage.count(found.usageKey);
	if ('failure' in found) return found.failure;
	if (lockRow && !found.route.locks) return errorsReply(400, [lockRowError(userId)]);
	const call: RestCall = { request, version: versioned.version, params: found.params, org: context.org, userId, lockRow, lockRecord, usage: context.usage };
	return found.route.handle(call);
}

/**
 * One subrequest of a composite call, already authenticated and counted with it: the version
 * check and the route as for a call of its own, the composite's row-lock fault on the writes.
 */
function runSubrequest(composite: RestCall, request: EmulatorRequest): Reply {
	const versioned = versionedPath(request.path);
	if ('status' in versioned) return versioned;
	const found = findRoute(request.method, versioned.resourcePath);
	if ('failure' in found) return found.failure;
	if (found.route.inComposite === false) return notFound();
	const lockRow = composite.lockRow && found.route.locks === true;
	return found.route.handle({ ...composite, request, version: versioned.version, params: found.params, lockRow });
}

/** The version and resource of /services/data/vNN.0/..., or what Salesforce answers a retired (410) or unknown (404) version. */
function versionedPath(path: string): { version: string; resourcePath: string } | Reply {
	const [, versionSegment, ...segments] = path.slice('/services/data'.length).replace(/\/+$/, '').split('/');
	const status = versionStatus(versionSegment);
	if (status === 'retired') {
		return apiError(410, 'API_VERSION_RETIRED', `API version ${versionSegment.slice(1)} has been retired. Use a supported API version.`);
	}
	if (status === 'unknown') return notFound();
	return { version: versionSegment.slice(1), resourcePath: segments.length === 0 ? '' : `/${segments.join('/')}` };
}

type FoundRoute = { route: Route; params: Record<string, string>; usageKey: string } | { failure: Reply; usageKey: string };

/** The route for this method and resource, or 404 (no such resource) / 405 (another method); usageKey is how apiUsage() counts it. */
function findRoute(method: string, resourcePath: string): FoundRoute {
	const matching = ROUTES.map((candidate) => ({ route: candidate, params: match(candidate.pattern, resourcePath) })).filter((entry) => entry.params !== undefined);
	const found = matching.find((entry) => entry.route.method === method);
	if (found === undefined) {
		const failure = matching.length === 0 ? notFound() : methodNotAllowed(method, matching.map((entry) => entry.route.method));
		return { failure, usageKey: `${method} (no such resource)` };
	}
	return { route: found.route, params: found.params as Record<string, string>, usageKey: `${found.route.method} ${found.route.pattern || '/'}` };
}

/** The user of the call's access token, undefined when it has none that works here. */
function tokenUser(tokens: TokenStore, request: EmulatorRequest): string | undefined {
	const token = bearerToken(request.headers);
	return token === undefined ? undefined : tokens.validAccessToken(token)?.userId;
}

function match(pattern: string, path: string): Record<string, string> | undefined {
	const expected = pattern.split('/');
	const actual = path.split('/');
	if (expected.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < expected.length; i++) {
		const placeholder = /^\{(\w+)\}$/.exec(expected[i]);
		if (placeholder !== null) {
			if (actual[i] === '') return undefined;
			params[placeholder[1]] = decodeURIComponent(actual[i]);
		} else if (expected[i] !== actual[i]) {
			return undefined;
		}
	}
	return params;
}

function methodNotAllowed(method: string, allowed: string[]): Reply {
	const reply = apiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${[...new Set(allowed)].join(',')}`);
	reply.headers.Allow = [...new Set(allowed)].join(', ');
	return reply;
}

function resourcesDirectory(call: RestCall): Reply {
	const base = `/services/data/v${call.version}`;
	const names = ['sobjects', 'query', 'composite', 'limits'];
	return jsonReply(200, Object.fromEntries(names.map((name) => [name, `${base}/${name}`])));
}

function limits(call: RestCall): Reply {
	const { used, limit } = call.usage.snapshot();
	return jsonReply(200, { DailyApiRequests: { Max: limit, Remaining: Math.max(limit - used, 0) } });
}
