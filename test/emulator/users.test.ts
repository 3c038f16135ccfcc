/** Several users of one org: each logs in, gets its own tokens and identity. */
import { EMULATOR_USERNAME, USER_ID, type EmulatorHandle, type UserOption } from '../../emulator';
import { call, emulator, stopAll } from './helpers';
import { authorizeUrl, clientCredentials, formFields, REDIRECT_URI, tokenRequest } from './oauth-helpers';

afterEach(stopAll);

const SECOND = 'second.user@example.com';
const THIRD = 'third.user@example.com';
const SECOND_ID = '005Em0000000002IAA';

function twoUsers(): Promise<EmulatorHandle> {
	return emulator({ users: [{ username: SECOND }, { username: THIRD, password: 's3cret' }] });
}

function bearer(token: string): { headers: Record<string, string> } {
	return { headers: { Authorization: `Bearer ${token}` } };
}

describe('users option', () => {
	it('gives each added user the next user id of the org, found by username in any letter case', async () => {
		const em = await twoUsers();
		expect([em.userId(EMULATOR_USERNAME), em.userId(SECOND), em.userId('THIRD.User@example.com')]).toEqual([USER_ID, SECOND_ID, '005Em0000000003IAA']);
		expect(() => em.userId('nobody@example.com')).toThrow('The org has no user nobody@example.com');
	});

	it.each([
		[[{ username: SECOND }, { username: 'Second.User@example.com' }], 'users: Second.User@example.com is there twice (usernames are unique, in any letter case)'],
		[[{ username: EMULATOR_USERNAME }], `users: ${EMULATOR_USERNAME} is there twice (usernames are unique, in any letter case)`],
		[[{ username: 'second' }], 'users: a username looks like an email address (name@example.com), got "second"'],
		[[{ username: 'a b@example.com' }], 'users: a username looks like an email address (name@example.com), got "a b@example.com"'],
		[[{ username: `${'a'.repeat(70)}@example.com` }], 'users: a username has at most 80 characters, got one of 82'],
		[[{} as UserOption], 'users: every user needs a username, got undefined'],
		[[{ username: SECOND, password: '' }], `users: the password of ${SECOND} must be a non-empty string`],
	])('refuses users %j', async (users, message) => {
		await expect(emulator({ users })).rejects.toThrow(message);
	});
});

describe('a second user\'s tokens', () => {
	it('names that user in the identity URL of issueTokens({ user })', async () => {
		const em = await twoUsers();
		expect(em.issueTokens({ user: SECOND }).id).toBe(`${em.url}/id/${em.orgId}/${SECOND_ID}`);
		expect(() => em.issueTokens({ user: 'nobody@example.com' })).toThrow('The org has no user nobody@example.com');
	});

	it('answers userinfo with that user', async () => {
		const em = await twoUsers();
		const token = em.issueTokens({ user: SECOND });
		const answer = await call(em, 'GET', '/services/oauth2/userinfo', bearer(token.access_token));
		expect(answer.json).toEqual({
			sub: token.id, user_id: SECOND_ID, organization_id: em.orgId, preferred_username: SECOND, nickname: 'second.user', name: 'Emulator User 2',
			email: SECOND, email_verified: true, given_name: 'Emulator', family_name: 'User 2', zoneinfo: 'GMT',
			active: true, user_type: 'STANDARD', language: 'en_US', locale: 'en_US', utcOffset: 0,
			urls: {
				rest: `${em.url}/services/data/v{version}/`, sobjects: `${em.url}/services/data/v{version}/sobjects/`,
				query: `${em.url}/services/data/v{version}/query/`, profile: `${em.url}/${SECOND_ID}`,
			},
		});
	});

	it('answers its identity URL with that user, asserted', async () => {
		const em = await twoUsers();
		const token = em.issueTokens({ user: SECOND });
		const answer = await call(em, 'GET', new URL(token.id).pathname, bearer(token.access_token));
		expect(answer.json).toMatchObject({
			id: token.id, asserted_user: true, user_id: SECOND_ID, organization_id: em.orgId, username: SECOND, nick_name: 'second.user',
			display_name: 'Emulator User 2', email: SECOND, first_name: 'Emulator', last_name: 'User 2',
		});
	});

	it('keeps the user on refresh', async () => {
		const em = await twoUsers();
		const token = em.issueTokens({ user: SECOND });
		const answer = await tokenRequest(em, { grant_type: 'refresh_token', refresh_token: token.refresh_token as string, ...clientCredentials(em) });
		const refreshed = (await answer.json()) as { id: string; access_token: string };
		expect(refreshed.id).toBe(token.id);
		const userinfo = await call(em, 'GET', '/services/oauth2/userinfo', bearer(refreshed.access_token));
		expect(userinfo.json).toMatchObject({ user_id: SECOND_ID });
	});
});

describe('another user\'s identity URL', () => {
	it('shows another user of the org to a token with the api scope, not asserted', async () => {
		const em = await twoUsers();
		const answer = await call(em, 'GET', `/id/${em.orgId}/${SECOND_ID}`, bearer(em.issueTokens({ scope: 'api' }).access_token));
		expect(answer.json).toMatchObject({ asserted_user: false, user_id: SECOND_ID, username: SECOND });
	});

	it('refuses it to a token without the api or full scope, and a user the org does not have to any token', async () => {
		const em = await twoUsers();
		const idOnly = await call(em, 'GET', `/id/${em.orgId}/${SECOND_ID}`, bearer(em.issueTokens({ scope: 'id refresh_token' }).access_token));
		const unknown = await call(em, 'GET', `/id/${em.orgId}/005Em0000000009IAA`, bearer(em.issueTokens().access_token));
		expect([idOnly.status, idOnly.text, unknown.status, unknown.text]).toEqual([403, 'Bad_OAuth_Token', 403, 'Bad_OAuth_Token']);
	});
});

describe('logging in as another user on the consent page', () => {
	/** Opens the authorize page, fills the login fields, clicks Allow; answers the redirect and the session cookie. */
	async function logIn(em: EmulatorHandle, username: string, pw: string): Promise<{ status: number; location: URL | undefined; cookie: string | undefined; page: string }> {
		const page = await fetch(authorizeUrl(em, { scope: 'api refresh_token' }), { redirect: 'manual' });
		const form = new URLSearchParams({ ...formFields(await page.text()), username, pw, decision: 'allow' });
		const answer = await fetch(new URL('/services/oauth2/authorize', em.url), {
			method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form,
		});
		const location = answer.headers.get('location');
		return { status: answer.status, location: location === null ? undefined : new URL(location), cookie: answer.headers.get('set-cookie')?.split(';')[0], page: await answer.text() };
	}

	async function tokensFor(em: EmulatorHandle, location: URL | undefined): Promise<{ id: string }> {
		const answer = await tokenRequest(em, { grant_type: 'authorization_code', code: location?.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI, ...clientCredentials(em) });
		return (await answer.json()) as { id: string };
	}

	it('gives a code whose tokens are that user\'s', async () => {
		const em = await twoUsers();
		const { location } = await logIn(em, THIRD, 's3cret');
		expect((await tokensFor(em, location)).id).toBe(`${em.url}/id/${em.orgId}/${em.userId(THIRD)}`);
	});

	it('refuses a username with another user\'s password', async () => {
		const em = await twoUsers();
		const answer = await logIn(em, THIRD, 'emulator');
		expect([answer.status, answer.location]).toEqual([200, undefined]);
		expect(answer.page).toContain('Please check your username and password.');
	});

	it('remembers who logged in: the session\'s next authorize gives that user\'s code without a page', async () => {
		const em = await twoUsers();
		const { cookie } = await logIn(em, SECOND, 'emulator');
		const again = await fetch(authorizeUrl(em, { scope: 'api refresh_token' }), { redirect: 'manual', headers: { Cookie: cookie as string } });
		expect(again.status).toBe(302);
		expect((await tokensFor(em, new URL(again.headers.get('location') as string))).id).toBe(`${em.url}/id/${em.orgId}/${SECOND_ID}`);
	});

	it('asks the session\'s user, by username, on the consent page', async () => {
		const em = await twoUsers();
		const { cookie } = await logIn(em, SECOND, 'emulator');
		const page = await fetch(authorizeUrl(em, { scope: 'api refresh_token', prompt: 'consent' }), { headers: { Cookie: cookie as string } });
		const html = await page.text();
		expect(html).toContain(`Do you want to allow access for ${SECOND}?`);
		expect(html).not.toContain('id="username"');
	});
});
