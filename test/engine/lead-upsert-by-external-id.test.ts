/** Lead → Create or Update, matched on an external ID field: Collections upserts, created flags, one lead per key, ambiguous keys named. */
import type { INodeParameters } from 'n8n-workflow';

import { leadUpsertParameters, webhookItem, type WorkflowResult } from '../harness';
import { API, bodiesOf, callLine, callsTo, collection, dataCalls, LEAD_MAPPING, leadRecord, numberedLead, orgForEachTest, outputItem, queriesSent, runSalesforce, saveCallHeaders, salesforceHeaders, storedLead } from './helpers';

const org = orgForEachTest();

/** Leads keyed by `field`, mapped from the webhook body's `key`. */
function upsertByKey(field: string, keys: string[], { continueOnFail = false, options = {} as INodeParameters } = {}) {
	const input = keys.map((key, index) => webhookItem({ ...numberedLead(index), key }));
	const parameters = leadUpsertParameters({ ...LEAD_MAPPING, [field]: '={{ $json.body.key }}' }, { matchOn: 'externalId', externalIdField: field }, options);
	const records = bodiesOf(input).map((body) => leadRecord(body, { [field]: body.key }));
	return { records, run: async () => await runSalesforce(org.credential, parameters, input, continueOnFail) };
}

const upserted = (item: number, id: unknown, created: boolean) => outputItem(item, { id, success: true, created });
const idWith = (field: string, value: string) => org.emulator.records('Lead').find((lead) => lead[field] === value)?.Id;

/**
 * What each item says and what is stored for EXT-1 .. EXT-4, whichever way they were saved; the third
 * item's key is ext-3 in lower case: an upsert keeps the stored key, an update by id writes the item's.
 */
function expectFourLeadsSaved(result: WorkflowResult, first: string, third: string, storedThirdKey: string) {
	expect(result.error).toBeUndefined();
	expect(result.outputs.Salesforce).toEqual([
		upserted(0, first, false),
		upserted(1, idWith('External_Id__c', 'EXT-2'), true),
		upserted(2, third, false),
		upserted(3, idWith('External_Id__c', 'EXT-4'), true),
	]);
	expect(org.emulator.records('Lead').map((lead) => [lead.External_Id__c, lead.LastName])).toEqual([
		['EXT-1', 'Number 0'],
		[storedThirdKey, 'Number 2'],
		['EXT-2', 'Number 1'],
		['EXT-4', 'Number 3'],
	]);
}

describe('Create or Update by External_Id__c', () => {
	let first: string;
	let third: string;

	beforeEach(() => {
		first = storedLead(org.emulator, { External_Id__c: 'EXT-1' });
		third = storedLead(org.emulator, { External_Id__c: 'EXT-3' });
	});

	it('with "Do Not Assign", upserts every item on the key field (any letter case) in Collections calls of Batch Size, each item saying whether its lead was created', async () => {
		const { records, run } = upsertByKey('External_Id__c', ['EXT-1', 'EXT-2', 'ext-3', 'EXT-4'], { options: { batchSize: 2, assignment: 'none' } });

		const result = await run();

		expect(dataCalls(org.emulator).map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			`PATCH ${API}/composite/sobjects/Lead/External_Id__c 200`,
			`PATCH ${API}/composite/sobjects/Lead/External_Id__c 200`,
		]);
		const upserts = callsTo(org.emulator, 'PATCH', '/composite/sobjects/Lead/External_Id__c');
		expect(upserts.map((call) => call.body)).toEqual([collection(true, records.slice(0, 2)), collection(true, records.slice(2))]);
		expect(upserts.map(salesforceHeaders)).toEqual([saveCallHeaders(org.credential, 'FALSE'), saveCallHeaders(org.credential, 'FALSE')]);
		expectFourLeadsSaved(result, first, third, 'EXT-3');
	});

	it('with an assignment rule to run, looks the keys up first: the leads found are updated by id (assignment FALSE), the others upserted (TRUE), in calls of Batch Size', async () => {
		const { records, run } = upsertByKey('External_Id__c', ['EXT-1', 'EXT-2', 'ext-3', 'EXT-4'], { options: { batchSize: 1 } });

		const result = await run();

		expect(dataCalls(org.emulator).map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			`GET ${API}/query 200`,
			`PATCH ${API}/composite/sobjects 200`,
			`PATCH ${API}/composite/sobjects 200`,
			`PATCH ${API}/composite/sobjects/Lead/External_Id__c 200`,
			`PATCH ${API}/composite/sobjects/Lead/External_Id__c 200`,
		]);
		expect(queriesSent(org.emulator)).toEqual([
			"SELECT Id, External_Id__c FROM Lead WHERE External_Id__c IN ('ext-1', 'ext-2', 'ext-3', 'ext-4') ORDER BY LastModifiedDate DESC",
		]);
		const updates = callsTo(org.emulator, 'PATCH', '/composite/sobjects');
		expect(updates.map((call) => call.body)).toEqual([collection(true, [{ ...records[0], id: first }]), collection(true, [{ ...records[2], id: third }])]);
		expect(updates.map(salesforceHeaders)).toEqual([saveCallHeaders(org.credential, 'FALSE'), saveCallHeaders(org.credential, 'FALSE')]);
		const upserts = callsTo(org.emulator, 'PATCH', '/composite/sobjects/Lead/External_Id__c');
		expect(upserts.map((call) => call.body)).toEqual([collection(true, [records[1]]), collection(true, [records[3]])]);
		expect(upserts.map(salesforceHeaders)).toEqual([saveCallHeaders(org.credential, 'TRUE'), saveCallHeaders(org.credential, 'TRUE')]);
		expectFourLeadsSaved(result, first, third, 'ext-3');
	});
});

describe('Create or Update by External_Id__c, one execution', () => {
	it('creates one lead for a key given twice in one execution: the first item creates it, the second updates it by id', async () => {
		const { records, run } = upsertByKey('External_Id__c', ['EXT-9', 'EXT-9']);

		const result = await run();

		const [stored] = org.emulator.records('Lead');
		expect(org.emulator.records('Lead')).toHaveLength(1);
		expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects/Lead/External_Id__c').map((call) => call.body)).toEqual([collection(true, [records[0]])]);
		expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects').map((call) => call.body)).toEqual([collection(true, [{ ...records[1], id: stored.Id }])]);
		expect(stored).toMatchObject({ External_Id__c: 'EXT-9', LastName: 'Number 1' });
		expect(result.outputs.Salesforce).toEqual([upserted(0, stored.Id, true), upserted(1, stored.Id, false)]);
	});

	it('fails an item without a key with MISSING_MATCH_KEY and upserts the others (Continue On Fail)', async () => {
		const { records, run } = upsertByKey('External_Id__c', ['', 'EXT-5'], { continueOnFail: true });

		const result = await run();

		expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects/Lead/External_Id__c').map((call) => call.body)).toEqual([collection(false, [records[1]])]);
		expect(result.outputs.Salesforce).toEqual([
			outputItem(0, {
				success: false,
				error: 'The item has no External_Id__c, the field it is matched on: without it the node cannot tell whether the lead exists',
				errorCode: 'MISSING_MATCH_KEY',
				fields: ['External_Id__c'],
			}),
			upserted(1, idWith('External_Id__c', 'EXT-5'), true),
		]);
	});
});

describe('Create or Update by a non-unique external ID (Necessidade__c) that several leads have', () => {
	/** Quote, backslash and wildcards: the lookup must escape the first two and leave the others alone. */
	const need = "it's a\\b 50%_";
	let older: string;
	let newer: string;

	beforeEach(() => {
		older = storedLead(org.emulator, { Necessidade__c: need, LastModifiedDate: '2026-02-01T08:00:00.000+0000' });
		newer = storedLead(org.emulator, { Necessidade__c: need, LastModifiedDate: '2026-04-01T08:00:00.000+0000' });
		storedLead(org.emulator, { Necessidade__c: "it's a\\b 50%X", LastName: 'Decoy' });
	});

	const lookupOf = (literals: string) => `SELECT Id, Necessidade__c FROM Lead WHERE Necessidade__c IN (${literals}) ORDER BY LastModifiedDate DESC`;
	const MULTIPLE_MATCHES = () =>
		outputItem(0, {
			success: false,
			error: `2 leads have this Necessidade__c (${newer}, ${older}): the node cannot tell which one to update. Merge them in Salesforce, or choose "Update the Most Recently Modified" under "When Several Leads Match"`,
			errorCode: 'MULTIPLE_MATCHES',
			fields: ['Necessidade__c'],
			matches: [newer, older],
		});
	const storedAfterNewest = () => [
		[older, 'Existing'],
		[newer, 'Number 0'],
		[expect.any(String), 'Decoy'],
		[idWith('Necessidade__c', 'single need'), 'Number 1'],
	];

	describe('found by the lookup before saving (an assignment rule to run)', () => {
		const lookup = lookupOf("'it\\'s a\\\\b 50%_', 'single need'");

		it('fails that item before it is sent, naming the leads (found by an escaped query), and saves the others (Continue On Fail)', async () => {
			const { records, run } = upsertByKey('Necessidade__c', [need, 'single need'], { continueOnFail: true });

			const result = await run();

			expect(queriesSent(org.emulator)).toEqual([lookup]);
			expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects/Lead/Necessidade__c').map((call) => call.body)).toEqual([collection(false, [records[1]])]);
			expect(result.outputs.Salesforce).toEqual([MULTIPLE_MATCHES(), upserted(1, idWith('Necessidade__c', 'single need'), true)]);
			expect(org.emulator.records('Lead').map((lead) => lead.LastName)).toEqual(['Existing', 'Existing', 'Decoy', 'Number 1']);
		});

		it('updates the most recently modified one by id with "Update the Most Recently Modified"', async () => {
			const { records, run } = upsertByKey('Necessidade__c', [need, 'single need'], { options: { severalMatches: 'newest' } });

			const result = await run();

			expect(dataCalls(org.emulator).map(callLine)).toEqual([
				`GET ${API}/sobjects/Lead/describe 200`,
				`GET ${API}/query 200`,
				`PATCH ${API}/composite/sobjects 200`,
				`PATCH ${API}/composite/sobjects/Lead/Necessidade__c 200`,
			]);
			expect(queriesSent(org.emulator)).toEqual([lookup]);
			expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects')[0].body).toEqual(collection(true, [{ ...records[0], id: newer }]));
			expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects/Lead/Necessidade__c')[0].body).toEqual(collection(true, [records[1]]));
			expect(result.outputs.Salesforce).toEqual([upserted(0, newer, false), upserted(1, idWith('Necessidade__c', 'single need'), true)]);
			expect(org.emulator.records('Lead').map((lead) => [lead.Id, lead.LastName])).toEqual(storedAfterNewest());
		});
	});

	describe('reported by Salesforce on the upsert ("Do Not Assign": no lookup first)', () => {
		const lookup = lookupOf("'it\\'s a\\\\b 50%_'");

		it('fails that item naming the leads (found by an escaped query) and saves the others (Continue On Fail)', async () => {
			const { records, run } = upsertByKey('Necessidade__c', [need, 'single need'], { continueOnFail: true, options: { assignment: 'none' } });

			const result = await run();

			expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects/Lead/Necessidade__c').map((call) => call.body)).toEqual([collection(false, records)]);
			expect(queriesSent(org.emulator)).toEqual([lookup]);
			expect(result.outputs.Salesforce).toEqual([MULTIPLE_MATCHES(), upserted(1, idWith('Necessidade__c', 'single need'), true)]);
			expect(org.emulator.records('Lead').map((lead) => lead.LastName)).toEqual(['Existing', 'Existing', 'Decoy', 'Number 1']);
		});

		it('updates the most recently modified one by id with "Update the Most Recently Modified", the others of the all-or-none call sent again and saved', async () => {
			const { records, run } = upsertByKey('Necessidade__c', [need, 'single need'], { options: { severalMatches: 'newest', assignment: 'none' } });

			const result = await run();

			expect(result.error).toBeUndefined();
			expect(dataCalls(org.emulator).map(callLine)).toEqual([
				`GET ${API}/sobjects/Lead/describe 200`,
				`PATCH ${API}/composite/sobjects/Lead/Necessidade__c 200`,
				`PATCH ${API}/composite/sobjects/Lead/Necessidade__c 200`,
				`GET ${API}/query 200`,
				`PATCH ${API}/composite/sobjects 200`,
			]);
			expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects/Lead/Necessidade__c').map((call) => call.body)).toEqual([
				collection(true, records),
				collection(true, [records[1]]),
			]);
			expect(queriesSent(org.emulator)).toEqual([lookup]);
			const [update] = callsTo(org.emulator, 'PATCH', '/composite/sobjects');
			expect(update.body).toEqual(collection(true, [{ ...records[0], id: newer }]));
			expect(salesforceHeaders(update)['sforce-auto-assign']).toBe('FALSE');
			expect(result.outputs.Salesforce).toEqual([upserted(0, newer, false), upserted(1, idWith('Necessidade__c', 'single need'), true)]);
			expect(org.emulator.records('Lead').map((lead) => [lead.Id, lead.LastName])).toEqual(storedAfterNewest());
		});
	});
});
