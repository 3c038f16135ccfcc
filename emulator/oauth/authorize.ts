/**
 * GET/POST /services/oauth2/authorize: the web-server flow's browser half. GET checks the client
 * and redirect URI, then shows the login-and-consent page (or, for a user who already approved
 * these scopes and no prompt asks otherwise, redirects straight back with a code). POST is that
 * page's form: Allow redirects with code and state, Deny with error=access_denied.
 */
import { htmlReply, parseForm, redirectReply, type EmulatorRequest, type Reply } from '../http';
import { authorizeErrorPageHtml, consentPageHtml } from './consent-page';
import type { OAuthContext } from './context';

/** Scopes a connected app can be given (the emulated app has all of them selected). */
export const KNOWN_SCOPES = ['api', 'refresh_token', 'offline_access', 'full', 'id', 'profile', 'email', 'address', 'phone', 'openid', 'web'];
/** Granted when the authorize request names no scope. */
export const DEFAULT_SCOPE = ['api', 'refresh_token'];
const PROMPTS = ['login', 'consent', 'select_account', 'none'];
const SESSION_COOKIE = 'emulator_sid';
/** The parameters the consent form carries through unchanged. */
const CARRIED = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'prompt', 'code_challenge', 'code_challenge_method'];

interface AuthorizeRequest {
	clientId: string;
	redirectUri: string;
	scope: string[];
	state?: string;
	prompt: string[];
	codeChallenge?: string;
}

type Checked = { request: AuthorizeRequest } | { reply: Reply };

export function handleAuthorize(context: OAuthContext, request: EmulatorRequest): Reply {
	if (request.method === 'GET') return showAuthorize(context, request);
	if (request.method === 'POST') return decide(context, request);
	return htmlReply(405, authorizeErrorPageHtml('invalid_request', `HTTP method ${request.method} not allowed`), { Allow: 'GET, POST' });
}

function showAuthorize(context: OAuthContext, request: EmulatorRequest): Reply {
	const checked = checkAuthorize(context, request.query);
	if ('reply' in checked) return checked.reply;
	const authorize = checked.request;
	const sessionId = sessionOf(request);
	const sessionUser = context.tokens.sessionUser(sessionId);
	const forceLogin = authorize.prompt.includes('login') || authorize.prompt.includes('select_account');
	const forceConsent = authorize.prompt.includes('consent');
	const approved = sessionUser !== undefined && context.tokens.approved(sessionId, authorize.clientId, authorize.scope);
	if (authorize.prompt.includes('none')) {
		if (sessionUser === undefined) return redirectWithError(authorize, 'login_required', 'user is not logged in');
		if (!approved) return redirectWithError(authorize, 'consent_required', 'user has not approved this app');
		return redirectWithCode(context, authorize, sessionUser);
	}
	if (approved && !forceLogin && !forceConsent) return redirectWithCode(context, authorize, sessionUser);
	const askLogin = sessionUser === undefined || forceLogin;
	return consentPage(context, request, authorize, askLogin ? undefined : sessionUser);
}

function decide(context: OAuthContext, request: EmulatorRequest): Reply {
	const form = parseForm(request.rawBody);
	const checked = checkAuthorize(context, form);
	if ('reply' in checked) return checked.reply;
	const authorize = checked.request;
	if (form.decision === 'deny') return redirectWithError(authorize, 'access_denied', 'end-user denied authorization');
	let sessionId = sessionOf(request);
	let userId = context.tokens.sessionUser(sessionId);
	if (form.decision !== 'allow') {
		return consentPage(context, request, authorize, form.username === undefined ? userId : undefined, 'Choose Allow or Deny.');
	}
	const headers: Record<string, string> = {};
	if (form.username !== undefined || userId === undefined) {
		const user = context.users.signIn(form.username, form.pw);
		if (user === undefined) {
			return consentPage(context, request, authorize, undefined, 'Please check your username and password. If you still can\'t log in, contact your Salesforce administrator.');
		}
		userId = user.id;
		sessionId = context.tokens.openSession(userId);
		headers['Set-Cookie'] = `${SESSION_COOKIE}=${sessionId}; Path=/; HttpOnly; SameSite=Lax`;
	}
	context.tokens.approve(sessionId as string, authorize.clientId, authorize.scope);
	return redirectWithCode(context, authorize, userId, headers);
}

/** Client and redirect URI first (errors shown as a page), then the rest (errors sent to the redirect URI). */
function checkAuthorize(context: OAuthContext, params: Record<string, string>): Checked {
	const { app } = context;
	if (params.client_id !== app.clientId) {
		return { reply: htmlReply(400, authorizeErrorPageHtml('invalid_client_id', 'client identifier invalid')) };
	}
	const redirectUri = params.redirect_uri ?? '';
	if (!app.redirectUris.includes(redirectUri)) {
		return { reply: htmlReply(400, authorizeErrorPageHtml('redirect_uri_mismatch', 'redirect_uri must match configuration')) };
	}
	const scope = params.scope === undefined || params.scope.trim() === '' ? DEFAULT_SCOPE : params.scope.trim().split(/\s+/);
	const prompt = params.prompt === undefined ? [] : params.prompt.trim().split(/\s+/);
	const request: AuthorizeRequest = { clientId: app.clientId, redirectUri, scope, state: params.state, prompt };
	if (params.response_type !== 'code') {
		return { reply: redirectWithError(request, 'unsupported_response_type', 'response type not supported') };
	}
	const unknownScope = scope.find((name) => !KNOWN_SCOPES.includes(name));
	if (unknownScope !== undefined) {
		return { reply: redirectWithError(request, 'invalid_scope', `the requested scope is not allowed: ${unknownScope}`) };
	}
	const unknownPrompt = prompt.find((name) => !PROMPTS.includes(name));
	if (unknownPrompt !== undefined) {
		return { reply: redirectWithError(request, 'invalid_request', `invalid prompt value: ${unknownPrompt}`) };
	}
	if (params.code_challenge !== undefined) {
		if ((params.code_challenge_method ?? 'S256') !== 'S256') {
			return { reply: redirectWithError(request, 'invalid_request', 'code_challenge_method must be S256') };
		}
		if (!/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge)) {
			return { reply: redirectWithError(request, 'invalid_request', 'invalid code_challenge: expected the base64url SHA-256 of the code verifier') };
		}
		request.codeChallenge = params.code_challenge;
	}
	return { request };
}

/** `sessionUser`: the logged-in user whose consent is asked; undefined asks for a login (pre-filled with the default user). */
function consentPage(context: OAuthContext, request: EmulatorRequest, authorize: AuthorizeRequest, sessionUser: string | undefined, error?: string): Reply {
	const params = request.method === 'GET' ? request.query : parseForm(request.rawBody);
	const hidden: Record<string, string> = {};
	for (const name of CARRIED) {
		if (params[name] !== undefined) hidden[name] = params[name];
	}
	const loginHostLabel = request.hostKind === 'sandbox' ? 'Salesforce (sandbox)' : request.hostKind === 'login' ? 'Salesforce' : request.host;
	const user = (sessionUser === undefined ? undefined : context.users.byId(sessionUser)) ?? context.users.defaultUser;
	const askLogin = sessionUser === undefined;
	const html = consentPageHtml({ hidden, clientId: authorize.clientId, scope: authorize.scope, askLogin, loginHostLabel, user, error });
	return htmlReply(200, html, { 'Cache-Control': 'no-store' });
}

function redirectWithCode(context: OAuthContext, authorize: AuthorizeRequest, userId: string, headers: Record<string, string> = {}): Reply {
	const code = context.tokens.createCode({
		clientId: authorize.clientId,
		userId,
		redirectUri: authorize.redirectUri,
		scope: authorize.scope,
		codeChallenge: authorize.codeChallenge,
	});
	return redirectReply(withQuery(authorize.redirectUri, { code, state: authorize.state }), headers);
}

function redirectWithError(authorize: AuthorizeRequest, error: string, description: string): Reply {
	return redirectReply(withQuery(authorize.redirectUri, { error, error_description: description, state: authorize.state }));
}

function withQuery(uri: string, params: Record<string, string | undefined>): string {
	const url = new URL(uri);
	for (const [name, value] of Object.entries(params)) {
		if (value !== undefined) url.searchParams.set(name, value);
	}
	return url.toString();
}

function sessionOf(request: EmulatorRequest): string | undefined {
	const cookies = request.headers.cookie ?? '';
	const match = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(cookies);
	return match?.[1];
}
