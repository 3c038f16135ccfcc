/**
 * One request's way through the emulator: recorded on arrival, faults looked up, answered by the
 * OAuth server or the REST API (or a fault), delayed, then written or dropped.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { faultReply, type FaultBook, type FaultPlan } from './faults';
import {
	bearerToken,
	bodyForRecord,
	flattenHeaders,
	hostKindOf,
	htmlReply,
	readBody,
	type EmulatorRequest,
	type Reply,
} from './http';
import { handleAuthorize } from './oauth/authorize';
import type { OAuthContext } from './oauth/context';
import { handleIdentity, handleUserInfo } from './oauth/identity';
import { handleRevoke, handleToken } from './oauth/token';
import { oversizedRequest } from './request-limits';
import { handleRest, isRestPath, type RestContext } from './rest/router';
import type { RecordedRequest } from './types';

export interface ServerState {
	oauth: OAuthContext;
	rest: RestContext;
	faults: FaultBook;
	recorded: RecordedRequest[];
	latencyMs: number;
	scheme: 'http' | 'https';
	log?: (line: string) => void;
	/** Set by the handle: a restart fault asks for one (see EmulatorHandle.restart). */
	restart?: (downMs: number) => void;
}

export function requestListener(state: ServerState) {
	return (message: IncomingMessage, response: ServerResponse): void => {
		serve(state, message, response).catch((error: Error) => {
			state.log?.(`emulator error: ${error.stack ?? error.message}`);
			if (!response.headersSent) {
				response.writeHead(500, { 'Content-Type': 'text/plain;charset=UTF-8' });
				response.end(`Emulator error: ${error.message}`);
			}
		});
	};
}

async function serve(state: ServerState, message: IncomingMessage, response: ServerResponse): Promise<void> {
	const started = Date.now();
	const request = await toEmulatorRequest(state, message);
	const recorded: RecordedRequest = {
		method: request.method,
		path: request.path,
		query: request.query,
		host: request.host,
		headers: request.headers,
		body: bodyForRecord(request.contentType, request.rawBody),
		status: 0,
		remoteAddress: message.socket.remoteAddress ?? '',
		receivedAt: started,
		...tokenOwner(state, request),
	};
	state.recorded.push(recorded);
	const finish = (status: number, note = '') => {
		recorded.status = status;
		state.log?.(`${request.method} ${request.path} ${status === 0 ? 'dropped' : status}${note} ${Date.now() - started}ms host=${request.host}`);
	};
	const oversized = oversizedRequest(message);
	if (oversized !== undefined) {
		if (isRestPath(request.path)) oversized.headers['Sforce-Limit-Info'] = state.rest.usage.header();
		response.writeHead(oversized.status, oversized.headers);
		response.end(oversized.body);
		return finish(oversized.status, ' (too large)');
	}
	const plan = state.faults.take(request.method, request.path);
	const delay = state.latencyMs + plan.latencyMs;
	if (plan.restartDownMs !== undefined) {
		// A process going away takes its connections along before doing anything.
		message.socket.destroy();
		finish(0, ' (emulator restarting)');
		return state.restart?.(plan.restartDownMs);
	}
	if (plan.drop === 'before') {
		if (delay > 0) await sleep(delay);
		message.socket.destroy();
		return finish(0, ' (before storing)');
	}
	if (plan.revokeTokens) {
		state.oauth.tokens.revokeAllRefreshTokens();
		state.oauth.tokens.expireAllAccessTokens();
	}
	if (plan.expireToken) expireBearer(state, request);
	let reply: Reply;
	if (plan.answer !== undefined) {
		reply = faultReply(plan.answer);
		if (isRestPath(request.path)) reply.headers['Sforce-Limit-Info'] = state.rest.usage.header();
	} else {
		reply = dispatch(state, request, plan);
	}
	if (delay > 0) await sleep(delay);
	if (plan.drop === 'after') {
		message.socket.destroy();
		return finish(0, ' (after storing)');
	}
	// A restart meanwhile closed the connection: the work is done, the answer cannot be sent.
	if (message.socket.destroyed) return finish(0, ' (connection closed while answering)');
	response.writeHead(reply.status, reply.headers);
	response.end(reply.body);
	finish(reply.status);
}

function dispatch(state: ServerState, request: EmulatorRequest, plan: FaultPlan): Reply {
	const { path } = request;
	if (isRestPath(path)) return handleRest(state.rest, request, plan.errorCode === 'UNABLE_TO_LOCK_ROW', plan.lockRecord);
	if (path === '/services/oauth2/authorize') return handleAuthorize(state.oauth, request);
	if (path === '/services/oauth2/token') return handleToken(state.oauth, request);
	if (path === '/services/oauth2/revoke') return handleRevoke(state.oauth, request);
	if (path === '/services/oauth2/userinfo') return handleUserInfo(state.oauth, request);
	const identity = /^\/id\/([a-zA-Z0-9]{15,18})\/([a-zA-Z0-9]{15,18})$/.exec(path);
	if (identity !== null) return handleIdentity(state.oauth, request, identity[1], identity[2]);
	return htmlReply(404, '<!DOCTYPE html><html><head><title>Page Not Found</title></head><body><h1>URL No Longer Exists</h1></body></html>');
}

function expireBearer(state: ServerState, request: EmulatorRequest): void {
	const token = bearerToken(request.headers);
	if (token !== undefined) state.oauth.tokens.expireAccessToken(token);
}

/** Whose access token the Authorization header carries, as this org sees it on arrival (RecordedRequest.tokenUser). */
function tokenOwner(state: ServerState, request: EmulatorRequest): Pick<RecordedRequest, 'tokenUser' | 'tokenIssuedTo'> {
	const token = bearerToken(request.headers);
	if (token === undefined) return {};
	const { tokens } = state.oauth;
	const issuedTo = tokens.issuedTo(token);
	if (issuedTo === undefined) return {};
	const valid = tokens.validAccessToken(token) !== undefined;
	return valid ? { tokenUser: issuedTo, tokenIssuedTo: issuedTo } : { tokenIssuedTo: issuedTo };
}

async function toEmulatorRequest(state: ServerState, message: IncomingMessage): Promise<EmulatorRequest> {
	const headers = flattenHeaders(message);
	const host = headers.host ?? '';
	const url = new URL(message.url ?? '/', `${state.scheme}://${host || 'localhost'}`);
	const query: Record<string, string> = {};
	for (const [name, value] of url.searchParams) query[name] = value;
	return {
		method: (message.method ?? 'GET').toUpperCase(),
		path: url.pathname,
		query,
		host,
		hostKind: hostKindOf(host),
		requestBaseUrl: `${state.scheme}://${host}`,
		headers,
		contentType: (headers['content-type'] ?? '').toLowerCase(),
		rawBody: await readBody(message),
	};
}
