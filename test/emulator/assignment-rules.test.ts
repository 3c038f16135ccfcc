/** Lead assignment rules: the AssignmentRule records, Sforce-Auto-Assign on create and on edit. */
import { makeId, USER_ID } from '../../emulator';
import { emulator, lead, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const ADA = { LastName: 'Lovelace', Company: 'Engines', Email: 'ada@example.com' };
const QUEUE_OWNER = makeId('005', 42);
const WEST_OWNER = makeId('005', 43);
const RULES = [
	{ name: 'Round robin', active: true, ownerId: QUEUE_OWNER },
	{ name: 'West coast', active: false, ownerId: WEST_OWNER },
];
const query = (soql: string) => `${V}/query?q=${encodeURIComponent(soql)}`;

async function orgWithRules() {
	const em = await emulator({ assignmentRules: RULES });
	const [roundRobin, westCoast] = em.records('AssignmentRule').map((rule) => rule.Id as string);
	return { em, roundRobin, westCoast };
}

describe('assignment rules', () => {
	it('lists the Lead rules through SOQL with 01Q ids', async () => {
		const { em, roundRobin, westCoast } = await orgWithRules();
		const answer = await rest(em, 'GET', query('SELECT Id, Name, Active FROM AssignmentRule WHERE SobjectType = \'Lead\''));
		const url = (id: string) => `/services/data/v66.0/sobjects/AssignmentRule/${id}`;
		expect(answer.json).toEqual({
			totalSize: 2,
			done: true,
			records: [
				{ attributes: { type: 'AssignmentRule', url: url(roundRobin) }, Id: roundRobin, Name: 'Round robin', Active: true },
				{ attributes: { type: 'AssignmentRule', url: url(westCoast) }, Id: westCoast, Name: 'West coast', Active: false },
			],
		});
		expect(roundRobin).toBe(makeId('01Q', 1));
	});

	it('finds rules by a part of their name with LIKE', async () => {
		const { em, westCoast } = await orgWithRules();
		const answer = await rest(em, 'GET', query('SELECT Id FROM AssignmentRule WHERE SobjectType = \'Lead\' AND Name LIKE \'%coast%\''));
		expect((answer.json as { records: Array<{ Id: string }> }).records.map((r) => r.Id)).toEqual([westCoast]);
	});

	it('refuses to create an AssignmentRule through the API', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/AssignmentRule`, { Name: 'Mine' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'entity type cannot be inserted: Assignment Rule', errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', fields: [] }]);
	});

	it('gives new Leads the active rule\'s owner when Sforce-Auto-Assign is absent', async () => {
		const { em } = await orgWithRules();
		await rest(em, 'POST', `${V}/sobjects/Lead`, ADA);
		expect(em.records('Lead')[0].OwnerId).toBe(QUEUE_OWNER);
	});

	it('keeps the API user as owner when Sforce-Auto-Assign is FALSE, in any letter case', async () => {
		const { em } = await orgWithRules();
		await rest(em, 'POST', `${V}/composite/sobjects`, { records: [lead(ADA)] }, { 'Sforce-Auto-Assign': 'false' });
		expect(em.records('Lead')[0].OwnerId).toBe(USER_ID);
	});

	it('applies the rule whose id Sforce-Auto-Assign names, even an inactive one, over a given OwnerId', async () => {
		const { em, westCoast } = await orgWithRules();
		await rest(em, 'POST', `${V}/composite/sobjects`, { records: [lead({ ...ADA, OwnerId: USER_ID })] }, { 'Sforce-Auto-Assign': westCoast.slice(0, 15) });
		expect(em.records('Lead')[0].OwnerId).toBe(WEST_OWNER);
	});

	it('fails the whole call with MALFORMED_ID when Sforce-Auto-Assign is neither TRUE, FALSE nor an id', async () => {
		const { em } = await orgWithRules();
		const answer = await rest(em, 'POST', `${V}/composite/sobjects`, { records: [lead(ADA)] }, { 'Sforce-Auto-Assign': 'West coast' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'Sforce-Auto-Assign: invalid AssignmentRule id: West coast', errorCode: 'MALFORMED_ID' }]);
		expect(em.records('Lead')).toEqual([]);
	});

	it('fails the whole call with INVALID_CROSS_REFERENCE_KEY for a well-shaped id that is no rule of the org', async () => {
		const { em } = await orgWithRules();
		const unknown = makeId('01Q', 99);
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, ADA, { 'Sforce-Auto-Assign': unknown });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: `Sforce-Auto-Assign: invalid cross reference id: ${unknown}`, errorCode: 'INVALID_CROSS_REFERENCE_KEY' }]);
	});

	it('reassigns an edited Lead when Sforce-Auto-Assign is absent (the documented default, TRUE, also on update)', async () => {
		const { em } = await orgWithRules();
		const ada = em.insert('Lead', { ...ADA, OwnerId: USER_ID });
		await rest(em, 'PATCH', `${V}/composite/sobjects`, { records: [lead({ id: ada, Title: 'Countess' })] });
		expect(em.records('Lead')[0].OwnerId).toBe(QUEUE_OWNER);
	});

	it('leaves the owner of an edited Lead alone with Sforce-Auto-Assign: FALSE', async () => {
		const { em } = await orgWithRules();
		const ada = em.insert('Lead', { ...ADA, OwnerId: USER_ID });
		await rest(em, 'PATCH', `${V}/composite/sobjects`, { records: [lead({ id: ada, Title: 'Countess' })] }, { 'Sforce-Auto-Assign': 'FALSE' });
		expect(em.records('Lead')[0].OwnerId).toBe(USER_ID);
	});

	it('keeps assignmentRuleOwnerId as the active rule', async () => {
		const em = await emulator({ assignmentRuleOwnerId: QUEUE_OWNER });
		await rest(em, 'POST', `${V}/sobjects/Lead`, ADA);
		expect(em.records('Lead')[0].OwnerId).toBe(QUEUE_OWNER);
		expect(em.records('AssignmentRule').map(({ Name, Active, SobjectType }) => ({ Name, Active, SobjectType }))).toEqual([{ Name: 'Lead Assignment Rule', Active: true, SobjectType: 'Lead' }]);
	});

	it('refuses two active rules at start-up', async () => {
		await expect(emulator({ assignmentRules: RULES, assignmentRuleOwnerId: QUEUE_OWNER })).rejects.toThrow(
			'assignmentRules: "Lead Assignment Rule" cannot be active too: an org has one active Lead assignment rule',
		);
	});
});
