/** Lead → Create or Update, matched on Email: one lookup query, updates by id, creates for the rest, never two leads for one email. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { leadUpsertParameters } from '../harness';
import { API, bodiesOf, callLine, callsTo, collection, dataCalls, emailLookup, LEAD_MAPPING, leadRecord, leadsWithEmail, leadsWithEmails, orgForEachTest, outputItem, queriesSent, runSalesforce, saveCallHeaders, salesforceHeaders, storedLead } from './helpers';

const org = orgForEachTest();

const upsertByEmail = (input: IDataObject[], { continueOnFail = false, options = {} as INodeParameters } = {}) =>
	runSalesforce(org.credential, leadUpsertParameters(LEAD_MAPPING, { matchOn: 'email' }, options), input, continueOnFail);

const idOf = (email: string) => leadsWithEmail(org.emulator, email).map((lead) => lead.Id);
const upserted = (item: number, id: unknown, created: boolean) => outputItem(item, { id, success: true, created });

describe('Create or Update by Email', () => {
	it('updates the leads found by one query (any letter case) by id and creates the others, in batches of Batch Size', async () => {
		const grace = storedLead(org.emulator, { Email: 'Grace@Example.com' });
		const alan = storedLead(org.emulator, { Email: 'alan@example.com' });
		const ada = storedLead(org.emulator, { Email: 'ada@example.com' });
		const input = leadsWithEmails(['grace@example.com', 'new1@example.com', 'ALAN@example.com', 'new2@example.com', 'new3@example.com', 'Ada@example.com']);
		const bodies = bodiesOf(input);

		const result = await upsertByEmail(input, { options: { batchSize: 2 } });

		expect(result.error).toBeUndefined();
		expect(dataCalls(org.emulator).map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			`GET ${API}/query 200`,
			`POST ${API}/composite/sobjects 200`,
			`POST ${API}/composite/sobjects 200`,
			`PATCH ${API}/composite/sobjects 200`,
			`PATCH ${API}/composite/sobjects 200`,
		]);
		expect(queriesSent(org.emulator)).toEqual([
			emailLookup(["'grace@example.com'", "'new1@example.com'", "'alan@example.com'", "'new2@example.com'", "'new3@example.com'", "'ada@example.com'"]),
		]);
		const creates = callsTo(org.emulator, 'POST', '/composite/sobjects');
		expect(creates.map((call) => call.body)).toEqual([collection(true, [leadRecord(bodies[1]), leadRecord(bodies[3])]), collection(true, [leadRecord(bodies[4])])]);
		const updates = callsTo(org.emulator, 'PATCH', '/composite/sobjects');
		expect(updates.map((call) => call.body)).toEqual([
			collection(true, [leadRecord(bodies[0], { id: grace }), leadRecord(bodies[2], { id: alan })]),
			collection(true, [leadRecord(bodies[5], { id: ada })]),
		]);
		expect(creates.map(salesforceHeaders)).toEqual([saveCallHeaders(org.credential, 'TRUE'), saveCallHeaders(org.credential, 'TRUE')]);
		expect(updates.map(salesforceHeaders)).toEqual([saveCallHeaders(org.credential, 'FALSE'), saveCallHeaders(org.credential, 'FALSE')]);
		expect(org.emulator.records('Lead')).toHaveLength(6);
		expect(result.outputs.Salesforce).toEqual([
			upserted(0, grace, false),
			upserted(1, idOf('new1@example.com')[0], true),
			upserted(2, alan, false),
			upserted(3, idOf('new2@example.com')[0], true),
			upserted(4, idOf('new3@example.com')[0], true),
			upserted(5, ada, false),
		]);
		expect(leadsWithEmail(org.emulator, 'grace@example.com')).toEqual([expect.objectContaining({ Id: grace, LastName: 'Number 0', Company: 'Company 0' })]);
	});

	it('creates one lead for two items with the same email in one execution, and the second item updates it', async () => {
		const input = leadsWithEmails(['twice@example.com', 'Twice@Example.com']);
		const bodies = bodiesOf(input);

		const result = await upsertByEmail(input);

		expect(queriesSent(org.emulator)).toEqual([emailLookup(["'twice@example.com'"])]);
		const [stored] = org.emulator.records('Lead');
		expect(org.emulator.records('Lead')).toHaveLength(1);
		expect(callsTo(org.emulator, 'POST', '/composite/sobjects').map((call) => call.body)).toEqual([collection(true, [leadRecord(bodies[0])])]);
		expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects').map((call) => call.body)).toEqual([collection(true, [leadRecord(bodies[1], { id: stored.Id })])]);
		expect(stored).toMatchObject({ LastName: 'Number 1', Email: 'Twice@Example.com' });
		expect(result.outputs.Salesforce).toEqual([upserted(0, stored.Id, true), upserted(1, stored.Id, false)]);
	});

	it('leaves a converted lead alone and creates a new lead with its email', async () => {
		const converted = storedLead(org.emulator, { Email: 'convert@example.com', IsConverted: true });

		const result = await upsertByEmail(leadsWithEmails(['convert@example.com']));

		expect(queriesSent(org.emulator)).toEqual([emailLookup(["'convert@example.com'"])]);
		expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects')).toEqual([]);
		const created = idOf('convert@example.com').find((id) => id !== converted);
		expect(created).toBeDefined();
		expect(result.outputs.Salesforce).toEqual([upserted(0, created, true)]);
		expect(leadsWithEmail(org.emulator, 'convert@example.com')).toEqual([
			expect.objectContaining({ Id: converted, IsConverted: true, LastName: 'Existing' }),
			expect.objectContaining({ Id: created, IsConverted: false, LastName: 'Number 0' }),
		]);
	});
});

describe('Create or Update by Email when several leads have the email', () => {
	let older: string;
	let newer: string;

	beforeEach(() => {
		older = storedLead(org.emulator, { Email: 'shared@example.com', LastModifiedDate: '2026-01-05T10:00:00.000+0000' });
		newer = storedLead(org.emulator, { Email: 'Shared@example.com', LastModifiedDate: '2026-03-05T10:00:00.000+0000' });
	});

	it('fails the item with MULTIPLE_MATCHES listing the leads, newest first, and saves the others (Continue On Fail)', async () => {
		const result = await upsertByEmail(leadsWithEmails(['shared@example.com', 'solo@example.com']), { continueOnFail: true });

		expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects')).toEqual([]);
		expect(result.outputs.Salesforce).toEqual([
			outputItem(0, {
				success: false,
				error: `2 leads have this Email (${newer}, ${older}): the node cannot tell which one to update. Merge them in Salesforce, or choose "Update the Most Recently Modified" under "When Several Leads Match"`,
				errorCode: 'MULTIPLE_MATCHES',
				fields: ['Email'],
				matches: [newer, older],
			}),
			upserted(1, idOf('solo@example.com')[0], true),
		]);
		expect(org.emulator.records('Lead').map((lead) => lead.LastName)).toEqual(['Existing', 'Existing', 'Number 1']);
	});

	it('without Continue On Fail, stops before saving anything and names the leads', async () => {
		const result = await upsertByEmail(leadsWithEmails(['solo@example.com', 'shared@example.com']));

		expect(result.error?.message).toBe(
			`Item 1 could not be saved: MULTIPLE_MATCHES (field Email): 2 leads have this Email (${newer}, ${older}): the node cannot tell which one to update. Merge them in Salesforce, or choose "Update the Most Recently Modified" under "When Several Leads Match". No earlier item had been saved. Item 0 was not sent: the node stopped first.`,
		);
		expect(dataCalls(org.emulator).map((call) => call.method)).toEqual(['GET', 'GET']);
		expect(org.emulator.records('Lead')).toHaveLength(2);
	});

	it('updates the most recently modified one with "Update the Most Recently Modified"', async () => {
		const input = leadsWithEmails(['SHARED@example.com']);

		const result = await upsertByEmail(input, { options: { severalMatches: 'newest' } });

		expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects').map((call) => call.body)).toEqual([collection(true, [leadRecord(bodiesOf(input)[0], { id: newer })])]);
		expect(result.outputs.Salesforce).toEqual([upserted(0, newer, false)]);
		expect(org.emulator.records('Lead').map((lead) => [lead.Id, lead.LastName])).toEqual([[older, 'Existing'], [newer, 'Number 0']]);
	});
});

describe('Create or Update by Email with hostile emails', () => {
	const EMAIL_RULE = " (ASCII letters, digits and .!#$%&'*+/=?^_`{|}~- before the @, a domain with a dot after it)";

	it("matches o'brien and 100%_off exactly (quote escaped, wildcards plain), refuses a backslash before any call, and creates the rest", async () => {
		const obrien = storedLead(org.emulator, { Email: "o'brien@x.com" });
		const percent = storedLead(org.emulator, { Email: '100%_off@x.com' });
		storedLead(org.emulator, { Email: '100ab_off@x.com', LastName: 'Decoy' });
		storedLead(org.emulator, { Email: '100%Xoff@x.com', LastName: 'Decoy' });
		const input = leadsWithEmails(["O'Brien@x.com", '100%_off@x.com', 'back\\slash@x.com', 'plain@x.com']);

		const result = await upsertByEmail(input, { continueOnFail: true });

		expect(queriesSent(org.emulator)).toEqual([emailLookup(["'o\\'brien@x.com'", "'100%_off@x.com'", "'plain@x.com'"])]);
		expect(result.outputs.Salesforce).toEqual([
			upserted(0, obrien, false),
			upserted(1, percent, false),
			outputItem(2, { success: false, error: `Field "Email": "back\\slash@x.com" is not an email address Salesforce accepts${EMAIL_RULE}`, errorCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email'] }),
			upserted(3, idOf('plain@x.com')[0], true),
		]);
		expect(org.emulator.records('Lead').map((lead) => lead.LastName)).toEqual(['Number 0', 'Number 1', 'Decoy', 'Decoy', 'Number 3']);
	});

	it('without Continue On Fail, a backslash in an email stops the node before the query', async () => {
		const result = await upsertByEmail(leadsWithEmails(['fine@x.com', 'back\\slash@x.com']));

		expect(result.error?.message).toBe(
			`Item 1 is not a valid Lead: Field "Email": "back\\slash@x.com" is not an email address Salesforce accepts${EMAIL_RULE}. Nothing was sent to Salesforce: the items are checked before any is sent.`,
		);
		expect(dataCalls(org.emulator).map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`]);
	});
});

describe('Create or Update by Email with an item without an email', () => {
	const noEmail = 'The item has no Email, the field it is matched on: without it the node cannot tell whether the lead exists';

	it('fails that item with MISSING_MATCH_KEY and saves the others (Continue On Fail)', async () => {
		const result = await upsertByEmail(leadsWithEmails(['', 'kept@example.com']), { continueOnFail: true });

		expect(queriesSent(org.emulator)).toEqual([emailLookup(["'kept@example.com'"])]);
		expect(result.outputs.Salesforce).toEqual([
			outputItem(0, { success: false, error: noEmail, errorCode: 'MISSING_MATCH_KEY', fields: ['Email'] }),
			upserted(1, idOf('kept@example.com')[0], true),
		]);
	});

	it('without Continue On Fail, stops before anything is looked up or sent', async () => {
		const result = await upsertByEmail(leadsWithEmails(['kept@example.com', '  ']));

		expect(result.error?.message).toBe(`Item 1 is not a valid Lead: ${noEmail}. Nothing was sent to Salesforce: the items are checked before any is sent.`);
		expect(dataCalls(org.emulator).map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`]);
		expect(org.emulator.records('Lead')).toEqual([]);
	});
});
