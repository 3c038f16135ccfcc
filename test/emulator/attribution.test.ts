/**
 * Who did what: records are created and edited as the user whose token wrote them, and every
 * recorded request names the user of its token, so a test can tell which user (and org) did what.
 */
import { makeId, USER_ID, type EmulatorHandle } from '../../emulator';
import { call, emulator, lead, rest, restAs, stopAll, V } from './helpers';

afterEach(stopAll);

const SECOND = 'second.user@example.com';
const SECOND_ID = '005Em0000000002IAA';
const ADA = { LastName: 'Lovelace', Company: 'Engines', Email: 'ada@example.com' };
const COLLECTIONS = `${V}/composite/sobjects`;

function withSecondUser(options: Parameters<typeof emulator>[0] = {}): Promise<EmulatorHandle> {
	return emulator({ users: [{ username: SECOND }], ...options });
}

/** Who owns, created and last modified each stored Lead. */
function audit(em: EmulatorHandle): Array<Record<string, unknown>> {
	return em.records('Lead').map(({ OwnerId, CreatedById, LastModifiedById }) => ({ OwnerId, CreatedById, LastModifiedById }));
}

const bySecond = { OwnerId: SECOND_ID, CreatedById: SECOND_ID, LastModifiedById: SECOND_ID };
const byDefault = { OwnerId: USER_ID, CreatedById: USER_ID, LastModifiedById: USER_ID };

describe('creates', () => {
	it('stores a single create as the token\'s user: owner, created by, last modified by', async () => {
		const em = await withSecondUser();
		expect((await restAs(em, SECOND, 'POST', `${V}/sobjects/Lead`, ADA)).status).toBe(201);
		expect(audit(em)).toEqual([bySecond]);
	});

	it('stores each record of a Collections create as the token\'s user, and the default user\'s as the default user', async () => {
		const em = await withSecondUser();
		await restAs(em, SECOND, 'POST', COLLECTIONS, { records: [lead(ADA), lead({ LastName: 'Byron', Company: 'Poems' })] });
		await rest(em, 'POST', COLLECTIONS, { records: [lead({ LastName: 'Babbage', Company: 'Engines' })] });
		expect(audit(em)).toEqual([bySecond, bySecond, byDefault]);
	});

	it('lets the assignment rule give the owner, still created by the token\'s user', async () => {
		const ruleOwner = makeId('005', 42);
		const em = await withSecondUser({ assignmentRuleOwnerId: ruleOwner });
		await restAs(em, SECOND, 'POST', `${V}/sobjects/Lead`, ADA);
		expect(audit(em)).toEqual([{ ...bySecond, OwnerId: ruleOwner }]);
	});

	it('creates a campaign\'s member statuses as the user who created the campaign', async () => {
		const em = await withSecondUser();
		await restAs(em, SECOND, 'POST', `${V}/sobjects/Campaign`, { Name: 'Webinar' });
		const statuses = em.records('CampaignMemberStatus');
		expect(statuses.map(({ Label, CreatedById }) => ({ Label, CreatedById }))).toEqual([{ Label: 'Sent', CreatedById: SECOND_ID }, { Label: 'Responded', CreatedById: SECOND_ID }]);
	});
});

describe('edits', () => {
	it('moves LastModifiedById to the token\'s user on a Collections update; owner and creator stay', async () => {
		const em = await withSecondUser();
		const id = em.insert('Lead', ADA);
		await restAs(em, SECOND, 'PATCH', COLLECTIONS, { records: [lead({ id, Company: 'Difference Engines' })] }, { 'Sforce-Auto-Assign': 'FALSE' });
		expect(audit(em)).toEqual([{ ...byDefault, LastModifiedById: SECOND_ID }]);
	});

	it('upserts one record as the token\'s user: created by one user, then modified by each in turn', async () => {
		const em = await withSecondUser();
		const upsertAs = (user: string | undefined, fields: object) => restAs(em, user, 'PATCH', `${V}/sobjects/Lead/Email/ada@example.com`, fields, { 'Sforce-Auto-Assign': 'FALSE' });
		await upsertAs(SECOND, { LastName: 'Lovelace', Company: 'Engines' });
		expect(audit(em)).toEqual([bySecond]);
		await upsertAs(undefined, { Company: 'Difference Engines' });
		expect(audit(em)).toEqual([{ ...bySecond, LastModifiedById: USER_ID }]);
		await upsertAs(SECOND, { Company: 'Analytical Engines' });
		expect(audit(em)).toEqual([bySecond]);
	});

	it('upserts a collection as the token\'s user: the created record and the updated one', async () => {
		const em = await withSecondUser();
		const existing = em.insert('Lead', { LastName: 'Old', Company: 'C', Necessidade__c: 'N-1' });
		await restAs(em, SECOND, 'PATCH', `${COLLECTIONS}/Lead/Necessidade__c`, {
			allOrNone: false,
			records: [lead({ Necessidade__c: 'N-1', LastName: 'Renamed' }), lead({ Necessidade__c: 'N-2', LastName: 'New', Company: 'C' })],
		}, { 'Sforce-Auto-Assign': 'FALSE' });
		expect(em.records('Lead')[0].Id).toBe(existing);
		expect(audit(em)).toEqual([{ ...byDefault, LastModifiedById: SECOND_ID }, bySecond]);
	});
});

describe('composite', () => {
	it('runs every subrequest as the composite\'s user', async () => {
		const em = await withSecondUser();
		const existing = em.insert('Lead', { LastName: 'Old', Company: 'C' });
		await restAs(em, SECOND, 'POST', `${V}/composite`, {
			allOrNone: true,
			compositeRequest: [
				{ method: 'POST', url: `${V}/sobjects/Lead`, referenceId: 'created', body: ADA },
				{ method: 'PATCH', url: COLLECTIONS, referenceId: 'edited', body: { records: [lead({ id: existing, Company: 'D' })] }, httpHeaders: { 'Sforce-Auto-Assign': 'FALSE' } },
			],
		});
		expect(audit(em)).toEqual([{ ...byDefault, LastModifiedById: SECOND_ID }, bySecond]);
	});
});

describe('records set up by a test', () => {
	it('gives insert() records the default user unless the test sets the fields', async () => {
		const em = await withSecondUser();
		em.insert('Lead', ADA);
		em.insert('Lead', { LastName: 'Byron', Company: 'Poems', OwnerId: SECOND_ID, CreatedById: SECOND_ID, LastModifiedById: SECOND_ID });
		expect(audit(em)).toEqual([byDefault, bySecond]);
	});
});

describe('row lock contention', () => {
	it('names the calling user in the message', async () => {
		const em = await withSecondUser();
		em.faults.add({ errorCode: 'UNABLE_TO_LOCK_ROW' });
		const answer = await restAs(em, SECOND, 'POST', `${V}/sobjects/Lead`, ADA);
		expect(answer.json).toEqual([{ message: `unable to obtain exclusive access to this record or 1 records: ${SECOND_ID}`, errorCode: 'UNABLE_TO_LOCK_ROW', fields: [] }]);
	});
});

describe('recorded requests', () => {
	it('name the user of the token each request carried, and none for a request without one', async () => {
		const em = await withSecondUser();
		await restAs(em, SECOND, 'GET', `${V}/sobjects`);
		await rest(em, 'GET', `${V}/sobjects`);
		await call(em, 'GET', '/services/data/');
		expect(em.requests().map(({ tokenUser, tokenIssuedTo }) => ({ tokenUser, tokenIssuedTo }))).toEqual([
			{ tokenUser: SECOND_ID, tokenIssuedTo: SECOND_ID },
			{ tokenUser: USER_ID, tokenIssuedTo: USER_ID },
			{ tokenUser: undefined, tokenIssuedTo: undefined },
		]);
	});

	it('keep who an expired token was issued to, without a user it works for', async () => {
		const em = await withSecondUser();
		const token = em.issueTokens({ user: SECOND });
		em.expireAccessTokens();
		const answer = await call(em, 'GET', `${V}/sobjects`, { headers: { Authorization: `Bearer ${token.access_token}` } });
		expect(answer.status).toBe(401);
		expect(em.requests().map(({ tokenUser, tokenIssuedTo }) => ({ tokenUser, tokenIssuedTo }))).toEqual([{ tokenUser: undefined, tokenIssuedTo: SECOND_ID }]);
	});
});
