/** The OAuth web-server flow with PKCE, over plain HTTP (Node fetch). */
import { createHmac } from 'node:crypto';

import { ORG_ID, USER_ID } from '../../emulator';
import { call, emulator, stopAll, V } from './helpers';
import { authorizeUrl, clientCredentials, consent, pkcePair, REDIRECT_URI, submitConsent, tokenRequest } from './oauth-helpers';

afterEach(stopAll);

async function codeFor(em: Awaited<ReturnType<typeof emulator>>, scope = 'api refresh_token') {
	const pkce = pkcePair();
	const location = await consent(em, { scope, state: 'state-123', code_challenge: pkce.challenge, code_challenge_method: 'S256' });
	return { code: location.searchParams.get('code') as string, verifier: pkce.verifier, location };
}

function exchange(em: Awaited<ReturnType<typeof emulator>>, code: string, verifier?: string) {
	return tokenRequest(em, {
		grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, ...clientCredentials(em), ...(verifier === undefined ? {} : { code_verifier: verifier }),
	});
}

describe('authorization code + PKCE', () => {
	it('redirects Allow to the redirect URI with a code and the state', async () => {
		const em = await emulator();
		const { location } = await codeFor(em);
		expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
		expect(location.searchParams.get('state')).toBe('state-123');
		expect(location.searchParams.get('code')).toMatch(/^aPrx/);
	});

	it('exchanges the code for exactly Salesforce\'s token fields, no expires_in', async () => {
		const em = await emulator();
		const { code, verifier } = await codeFor(em);
		const answer = await exchange(em, code, verifier);
		expect(answer.status).toBe(200);
		const token = (await answer.json()) as Record<string, string>;
		expect(Object.keys(token)).toEqual(['access_token', 'refresh_token', 'signature', 'scope', 'instance_url', 'id', 'token_type', 'issued_at']);
		expect(token.scope).toBe('api refresh_token');
		expect(token.instance_url).toBe(em.url);
		expect(token.token_type).toBe('Bearer');
		expect(token.id).toBe(`${em.url}/id/${ORG_ID}/${USER_ID}`);
		expect(token.issued_at).toMatch(/^\d{13}$/);
		expect(token.signature).toBe(createHmac('sha256', em.app.clientSecret).update(token.id + token.issued_at).digest('base64'));
	});

	it('lets the access token call the REST API', async () => {
		const em = await emulator();
		const { code, verifier } = await codeFor(em);
		const token = (await (await exchange(em, code, verifier)).json()) as Record<string, string>;
		const answer = await fetch(`${token.instance_url}${V}/sobjects`, { headers: { Authorization: `Bearer ${token.access_token}` } });
		expect(answer.status).toBe(200);
	});

	it('answers a refresh with a new access token and no refresh token', async () => {
		const em = await emulator();
		const { code, verifier } = await codeFor(em);
		const first = (await (await exchange(em, code, verifier)).json()) as Record<string, string>;
		em.expireAccessTokens();
		const answer = await tokenRequest(em, { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...clientCredentials(em) });
		const refreshed = (await answer.json()) as Record<string, string>;
		expect(Object.keys(refreshed)).toEqual(['access_token', 'signature', 'scope', 'instance_url', 'id', 'token_type', 'issued_at']);
		expect(refreshed.access_token).not.toBe(first.access_token);
		const rest = await fetch(`${refreshed.instance_url}${V}/sobjects`, { headers: { Authorization: `Bearer ${refreshed.access_token}` } });
		expect(rest.status).toBe(200);
	});

	it('rotates refresh tokens when asked: the new one works, the old one is refused', async () => {
		const em = await emulator({ rotateRefreshTokens: true });
		const { code, verifier } = await codeFor(em);
		const first = (await (await exchange(em, code, verifier)).json()) as Record<string, string>;
		const rotated = (await (await tokenRequest(em, { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...clientCredentials(em) })).json()) as Record<string, string>;
		expect(rotated.refresh_token).toMatch(/^5Aep/);
		const reuse = await tokenRequest(em, { grant_type: 'refresh_token', refresh_token: first.refresh_token, ...clientCredentials(em) });
		expect(reuse.status).toBe(400);
		expect(await reuse.json()).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
		const next = await tokenRequest(em, { grant_type: 'refresh_token', refresh_token: rotated.refresh_token, ...clientCredentials(em) });
		expect(next.status).toBe(200);
	});

	it('authenticates the client with HTTP Basic', async () => {
		const em = await emulator();
		const { code, verifier } = await codeFor(em);
		const basic = Buffer.from(`${em.app.clientId}:${em.app.clientSecret}`).toString('base64');
		const answer = await tokenRequest(em, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, { Authorization: `Basic ${basic}` });
		expect(answer.status).toBe(200);
	});

	it('answers invalid_grant when the challenge was sent but no verifier', async () => {
		const em = await emulator();
		const { code } = await codeFor(em);
		const answer = await exchange(em, code);
		expect(answer.status).toBe(400);
		expect(await answer.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid code verifier' });
	});

	it('answers invalid_request for a wrong verifier', async () => {
		const em = await emulator();
		const { code } = await codeFor(em);
		const answer = await exchange(em, code, pkcePair().verifier);
		expect(answer.status).toBe(400);
		expect(await answer.json()).toEqual({ error: 'invalid_request', error_description: 'invalid code verifier' });
	});

	it('takes a code only once', async () => {
		const em = await emulator();
		const { code, verifier } = await codeFor(em);
		await exchange(em, code, verifier);
		const again = await exchange(em, code, verifier);
		expect(again.status).toBe(400);
		expect(await again.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });
	});

	it('refuses an expired code', async () => {
		const em = await emulator({ authCodeTtlS: 0.1 });
		const { code, verifier } = await codeFor(em);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(await (await exchange(em, code, verifier)).json()).toEqual({ error: 'invalid_grant', error_description: 'expired authorization code' });
	});

	it('refuses a wrong client secret with invalid_client', async () => {
		const em = await emulator();
		const { code, verifier } = await codeFor(em);
		const answer = await tokenRequest(em, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: em.app.clientId, client_secret: 'guess', code_verifier: verifier });
		expect(await answer.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
	});

	it('refuses a missing client secret by default', async () => {
		const em = await emulator();
		const { code, verifier } = await codeFor(em);
		const answer = await tokenRequest(em, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: em.app.clientId, code_verifier: verifier });
		expect(await answer.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
	});

	it('accepts PKCE without a client secret when the app does not require one', async () => {
		const em = await emulator({ requireClientSecret: false });
		const { code, verifier } = await codeFor(em);
		const answer = await tokenRequest(em, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: em.app.clientId, code_verifier: verifier });
		expect(answer.status).toBe(200);
	});

	it('refuses an unknown grant type', async () => {
		const em = await emulator();
		const answer = await tokenRequest(em, { grant_type: 'password', ...clientCredentials(em) });
		expect(await answer.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
	});

	it('gives no refresh token when the scope does not ask for one', async () => {
		const em = await emulator();
		const { code, verifier } = await codeFor(em, 'api');
		const token = (await (await exchange(em, code, verifier)).json()) as Record<string, string>;
		expect('refresh_token' in token).toBe(false);
		expect(token.scope).toBe('api');
	});

	it('treats offline_access as the refresh scope', async () => {
		const em = await emulator();
		const { code, verifier } = await codeFor(em, 'api offline_access');
		const token = (await (await exchange(em, code, verifier)).json()) as Record<string, string>;
		expect(token.refresh_token).toMatch(/^5Aep/);
	});
});

describe('authorize page', () => {
	it('shows a page naming redirect_uri_mismatch for an unregistered redirect URI', async () => {
		const em = await emulator();
		const answer = await fetch(authorizeUrl(em, { redirect_uri: 'https://evil.example/cb' }), { redirect: 'manual' });
		expect(answer.status).toBe(400);
		expect(await answer.text()).toContain('error=redirect_uri_mismatch&amp;error_description=redirect_uri%20must%20match%20configuration');
	});

	it('shows a page naming invalid_client_id for an unknown client', async () => {
		const em = await emulator();
		const answer = await fetch(authorizeUrl(em, { client_id: 'someone-else' }), { redirect: 'manual' });
		expect(answer.status).toBe(400);
		expect(await answer.text()).toContain('error=invalid_client_id');
	});

	it('redirects Deny with error=access_denied and the state', async () => {
		const em = await emulator();
		const page = await fetch(authorizeUrl(em, { state: 's1' }), { redirect: 'manual' });
		const answer = await submitConsent(em, await page.text(), 'deny');
		const location = new URL(answer.headers.get('location') as string);
		expect(answer.status).toBe(302);
		expect(Object.fromEntries(location.searchParams)).toEqual({ error: 'access_denied', error_description: 'end-user denied authorization', state: 's1' });
	});

	it('redirects an unknown scope with error=invalid_scope', async () => {
		const em = await emulator();
		const answer = await fetch(authorizeUrl(em, { scope: 'api everything' }), { redirect: 'manual' });
		expect(new URL(answer.headers.get('location') as string).searchParams.get('error')).toBe('invalid_scope');
	});

	it('answers prompt=none without a session with error=login_required', async () => {
		const em = await emulator();
		const answer = await fetch(authorizeUrl(em, { prompt: 'none' }), { redirect: 'manual' });
		expect(new URL(answer.headers.get('location') as string).searchParams.get('error')).toBe('login_required');
	});

	it('skips the page for a user who already approved these scopes, unless prompt=consent', async () => {
		const em = await emulator();
		const page = await fetch(authorizeUrl(em, {}), { redirect: 'manual' });
		const allowed = await submitConsent(em, await page.text(), 'allow');
		const cookie = (allowed.headers.get('set-cookie') as string).split(';')[0];
		const silent = await fetch(authorizeUrl(em, {}), { redirect: 'manual', headers: { Cookie: cookie } });
		expect(silent.status).toBe(302);
		expect(new URL(silent.headers.get('location') as string).searchParams.get('code')).toMatch(/^aPrx/);
		const forced = await fetch(authorizeUrl(em, { prompt: 'consent' }), { redirect: 'manual', headers: { Cookie: cookie } });
		expect(forced.status).toBe(200);
	});

	it('shows the login again for a wrong password', async () => {
		const em = await emulator();
		const page = await fetch(authorizeUrl(em, {}), { redirect: 'manual' });
		const html = (await page.text()).replace('name="pw" value="emulator"', 'name="pw" value="wrong"');
		const answer = await submitConsent(em, html, 'allow');
		expect(answer.status).toBe(200);
		expect(await answer.text()).toContain('Please check your username and password.');
	});
});

describe('hosts', () => {
	it.each([
		['login.salesforce.com', 'https://login.salesforce.com'],
		['test.salesforce.com', 'https://test.salesforce.com'],
		['acme--uat.sandbox.my.salesforce.com', 'https://test.salesforce.com'],
		['acme.my.salesforce.com', 'https://login.salesforce.com'],
	])('answers a token asked on %s with an identity URL on %s and records the host', async (host, identityBase) => {
		const em = await emulator();
		const { code, verifier } = await codeFor(em);
		const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier, ...clientCredentials(em) }).toString();
		const answer = await call(em, 'POST', '/services/oauth2/token', { body, headers: { Host: host, 'Content-Type': 'application/x-www-form-urlencoded' } });
		expect((answer.json as { id: string }).id).toBe(`${identityBase}/id/${ORG_ID}/${USER_ID}`);
		expect(em.requests().at(-1)?.host).toBe(host);
	});

	it('puts the configured instance URL in token answers', async () => {
		const em = await emulator({ instanceUrl: 'https://acme.my.salesforce.com' });
		expect(em.issueTokens().instance_url).toBe('https://acme.my.salesforce.com');
	});
});

describe('revoke and userinfo', () => {
	it('revokes a refresh token: refreshing with it and its access tokens stop working', async () => {
		const em = await emulator();
		const token = em.issueTokens();
		const revoke = await fetch(new URL('/services/oauth2/revoke', em.url), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: token.refresh_token as string }) });
		expect(revoke.status).toBe(200);
		const refresh = await tokenRequest(em, { grant_type: 'refresh_token', refresh_token: token.refresh_token as string, ...clientCredentials(em) });
		expect(await refresh.json()).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
		const rest = await call(em, 'GET', `${V}/sobjects`, { headers: { Authorization: `Bearer ${token.access_token}` } });
		expect(rest.status).toBe(401);
	});

	it('answers userinfo for a valid token and Bad_OAuth_Token otherwise', async () => {
		const em = await emulator();
		const token = em.issueTokens();
		const good = await call(em, 'GET', '/services/oauth2/userinfo', { headers: { Authorization: `Bearer ${token.access_token}` } });
		expect(good.json).toMatchObject({ user_id: USER_ID, organization_id: ORG_ID, preferred_username: 'emulator.user@example.com' });
		const bad = await call(em, 'GET', '/services/oauth2/userinfo', { headers: { Authorization: 'Bearer nope' } });
		expect([bad.status, bad.text]).toEqual([403, 'Bad_OAuth_Token']);
	});
});
