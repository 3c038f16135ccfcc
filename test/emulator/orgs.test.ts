/** Distinct orgs: a second emulator with another `org` number shares no id and no token with the first. */
import { makeId, ORG_ID, orgIdOf, USER_ID, userIdOf } from '../../emulator';
import { call, emulator, lead, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const NEW_LEAD = { LastName: 'Lovelace', Company: 'Engines' };

describe('org 1 (the default)', () => {
	it('keeps its org id, user id, token prefix and identity URL', async () => {
		const em = await emulator();
		const token = em.issueTokens();
		expect([em.orgId, ORG_ID, USER_ID]).toEqual(['00DEm0000000001MAA', '00DEm0000000001MAA', '005Em0000000001IAA']);
		expect(token.access_token.startsWith('00DEm0000000001!')).toBe(true);
		expect(token.id).toBe(`${em.url}/id/00DEm0000000001MAA/005Em0000000001IAA`);
	});
});

describe('org 2', () => {
	it('has its own org id and default user id, which start its tokens and name its identity URL', async () => {
		const em = await emulator({ org: 2 });
		const token = em.issueTokens();
		expect([em.orgId, orgIdOf(2), userIdOf(2, 1)]).toEqual(['00DEm1000000002MAA', '00DEm1000000002MAA', '005Em1000000001IAA']);
		expect(token.access_token.startsWith('00DEm1000000002!')).toBe(true);
		expect(token.id).toBe(`${em.url}/id/00DEm1000000002MAA/005Em1000000001IAA`);
	});

	it('answers userinfo and its identity URL with its own org and user', async () => {
		const em = await emulator({ org: 2 });
		const token = em.issueTokens();
		const headers = { Authorization: `Bearer ${token.access_token}` };
		const userinfo = await call(em, 'GET', '/services/oauth2/userinfo', { headers });
		const identity = await call(em, 'GET', new URL(token.id).pathname, { headers });
		expect(userinfo.json).toMatchObject({ sub: token.id, user_id: '005Em1000000001IAA', organization_id: '00DEm1000000002MAA' });
		expect(identity.json).toMatchObject({ id: token.id, user_id: '005Em1000000001IAA', organization_id: '00DEm1000000002MAA' });
	});

	it('mints record ids org 1 never mints, through the API and insert()', async () => {
		const [one, two] = [await emulator(), await emulator({ org: 2 })];
		const created = await Promise.all([one, two].map((em) => rest(em, 'POST', `${V}/composite/sobjects`, { records: [lead(NEW_LEAD)] })));
		expect(created.map((answer) => answer.json)).toEqual([
			[{ id: '00QEm0000000001MAA', success: true, errors: [] }],
			[{ id: '00QEm1000000001MAA', success: true, errors: [] }],
		]);
		expect([one.insert('Lead', NEW_LEAD), two.insert('Lead', NEW_LEAD)]).toEqual([makeId('00Q', 2), makeId('00Q', 2, 2)]);
		expect(makeId('00Q', 2, 2)).toBe('00QEm1000000002MAA');
	});

	it('stores what its own default user creates as that user', async () => {
		const em = await emulator({ org: 2 });
		await rest(em, 'POST', `${V}/sobjects/Lead`, NEW_LEAD);
		em.insert('Lead', { LastName: 'Inserted', Company: 'Test' });
		const byOrg2User = { OwnerId: '005Em1000000001IAA', CreatedById: '005Em1000000001IAA', LastModifiedById: '005Em1000000001IAA' };
		expect(em.records('Lead')).toEqual([expect.objectContaining(byOrg2User), expect.objectContaining(byOrg2User)]);
	});
});

describe('tokens across orgs', () => {
	it('answers a token of org 2 with 401 INVALID_SESSION_ID in org 1 and records no user for it', async () => {
		const [one, two] = [await emulator(), await emulator({ org: 2 })];
		const tokenOfTwo = two.issueTokens().access_token;
		const answer = await call(one, 'POST', `${V}/sobjects/Lead`, { body: NEW_LEAD, headers: { Authorization: `Bearer ${tokenOfTwo}` } });
		expect([answer.status, answer.json]).toEqual([401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]]);
		expect(one.records('Lead')).toEqual([]);
		const recorded = one.requests().at(-1);
		expect([recorded?.tokenUser, recorded?.tokenIssuedTo]).toEqual([undefined, undefined]);
	});

	it('refuses a token of org 2 at org 1\'s userinfo and identity URL', async () => {
		const [one, two] = [await emulator(), await emulator({ org: 2 })];
		const token = two.issueTokens();
		const headers = { Authorization: `Bearer ${token.access_token}` };
		const answers = await Promise.all([call(one, 'GET', '/services/oauth2/userinfo', { headers }), call(one, 'GET', new URL(token.id).pathname, { headers })]);
		expect(answers.map((answer) => [answer.status, answer.text])).toEqual([[403, 'Bad_OAuth_Token'], [403, 'Bad_OAuth_Token']]);
	});

	it('refuses org 1\'s token at an identity URL naming org 2', async () => {
		const one = await emulator();
		const answer = await call(one, 'GET', `/id/${orgIdOf(2)}/${USER_ID}`, { headers: { Authorization: `Bearer ${one.issueTokens().access_token}` } });
		expect([answer.status, answer.text]).toEqual([403, 'Bad_OAuth_Token']);
	});
});

describe('the org option', () => {
	it.each([0, 63, 1.5, Number.NaN])('refuses org %s', async (org) => {
		await expect(emulator({ org })).rejects.toThrow(`org must be a whole number from 1 to 62, got ${org}`);
	});
});
