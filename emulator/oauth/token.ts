/**
 * POST /services/oauth2/token (authorization_code and refresh_token grants) and /revoke, with
 * Salesforce's answers and error shapes. /userinfo and the identity URL are in identity.ts.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

import { emptyReply, jsonReply, parseForm, type EmulatorRequest, type Reply } from '../http';
import { identityBaseFor, type OAuthContext } from './context';

/** Token answers must never be cached. */
const NO_STORE = { 'Cache-Control': 'no-cache,must-revalidate,max-age=0,no-store,private', Pragma: 'no-cache' };

function oauthError(error: string, description: string, status = 400): Reply {
	return jsonReply(status, { error, error_description: description }, NO_STORE);
}

/** Salesforce reads token parameters from the form body, or the query string. */
function tokenParams(request: EmulatorRequest): Record<string, string> {
	const fromBody = request.contentType.includes('application/x-www-form-urlencoded') ? parseForm(request.rawBody) : {};
	return { ...request.query, ...fromBody };
}

/** Client credentials from HTTP Basic (RFC 6749 2.3.1: form-encoded id and secret) or the body. */
function clientCredentials(request: EmulatorRequest, params: Record<string, string>): { clientId?: string; clientSecret?: string } {
	const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? '');
	if (basic !== null) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon > 0) {
			const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
			return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)) };
		}
	}
	return { clientId: params.client_id, clientSecret: params.client_secret };
}

function sameSecret(given: string | undefined, expected: string): boolean {
	if (given === undefined) return false;
	const a = Buffer.from(given);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

export function handleToken(context: OAuthContext, request: EmulatorRequest): Reply {
	if (request.method !== 'POST') return oauthError('invalid_request', 'must use HTTP POST', 405);
	const params = tokenParams(request);
	const grantType = params.grant_type;
	if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
		return oauthError('unsupported_grant_type', 'grant type not supported');
	}
	const { clientId, clientSecret } = clientCredentials(request, params);
	if (clientId !== context.app.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
	const secretOptional = !context.requireClientSecret && (clientSecret === undefined || clientSecret === '');
	if (!secretOptional && !sameSecret(clientSecret, context.app.clientSecret)) return oauthError('invalid_client', 'invalid client credentials');
	const grant = {
		clientId,
		clientSecret: context.app.clientSecret,
		identityBase: identityBaseFor(request),
		instanceUrl: context.instanceUrl(),
	};
	if (grantType === 'refresh_token') {
		const answer = context.tokens.refresh(params.refresh_token ?? '', grant, context.rotateRefreshTokens);
		if (answer === undefined) return oauthError('invalid_grant', 'expired access/refresh token');
		return jsonReply(200, answer, NO_STORE);
	}
	const code = context.tokens.findCode(params.code ?? '');
	if (code === undefined || code.clientId !== clientId) return oauthError('invalid_grant', 'invalid authorization code');
	if (code.expiresAt <= Date.now()) {
		context.tokens.spendCode(params.code);
		return oauthError('invalid_grant', 'expired authorization code');
	}
	if (params.redirect_uri !== code.redirectUri) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
	if (code.codeChallenge !== undefined) {
		const verifier = params.code_verifier;
		if (verifier === undefined || verifier === '') return oauthError('invalid_grant', 'invalid code verifier');
		const challenge = createHash('sha256').update(verifier).digest('base64url');
		if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || challenge !== code.codeChallenge) {
			return oauthError('invalid_request', 'invalid code verifier');
		}
	}
	context.tokens.spendCode(params.code);
	return jsonReply(200, context.tokens.issue({ ...grant, scope: code.scope, userId: code.userId }), NO_STORE);
}

/** POST (form) or GET (query) with token=<access or refresh token>. */
export function handleRevoke(context: OAuthContext, request: EmulatorRequest): Reply {
	const params = request.method === 'POST' ? tokenParams(request) : request.query;
	const token = params.token;
	if (token === undefined || token === '') return oauthError('unsupported_token_type', 'this token type is not supported');
	if (!context.tokens.revoke(token)) return oauthError('invalid_token', 'invalid token');
	return emptyReply(200);
}
