/** Create or Update when the connection breaks after Salesforce saved: sent again in a way that lands on the same lead, never a second one. */
import type { IDataObject } from 'n8n-workflow';

import { leadUpsertParameters, webhookItem, type MatchOn } from '../harness';
import { API, bodiesOf, callLine, callsTo, collection, dataCalls, emailLookup, LEAD_MAPPING, leadRecord, numberedLead, orgForEachTest, outputItem, queriesSent, runSalesforce, salesforceHeaders } from './helpers';

const org = orgForEachTest();

const input = [0, 1].map((index) => webhookItem({ ...numberedLead(index), key: `KEY-${index}` }));
const MAPPING = { ...LEAD_MAPPING, External_Id__c: '={{ $json.body.key }}' };

const upsert = (match: MatchOn, continueOnFail: boolean) => runSalesforce(org.credential, leadUpsertParameters(MAPPING, match, {}), input, continueOnFail);

const records = bodiesOf(input).map((body) => leadRecord(body, { External_Id__c: body.key }));

/**
 * The output of an item whose lead is stored exactly once, created by the item: by external ID the
 * answer that said so was lost with the connection and the upsert sent again found the lead saved
 * ("updated"), but its CreatedDate is later than the first attempt; by Email no lead had the email
 * before the item's own create, so whichever attempt saved it, the item created it.
 */
const savedOnce = (item: number, created = true) => {
	const stored = org.emulator.records('Lead').filter((lead) => lead.External_Id__c === `KEY-${item}`);
	expect(stored).toHaveLength(1);
	return outputItem(item, { id: stored[0].Id, success: true, created });
};

/** By Email: the describe, the lookup, the create whose connection dropped, then the lookup of its Email. */
const CREATE_DROPPED_THEN_LOOKED_UP = [
	`GET ${API}/sobjects/Lead/describe 200`,
	`GET ${API}/query 200`,
	`POST ${API}/composite/sobjects 0`,
	`GET ${API}/query 200`,
];

describe.each([
	['with Continue On Fail', true],
	['without Continue On Fail', false],
])('When the connection drops after Salesforce saved, %s', (_, continueOnFail: boolean) => {
	const sent = (body: IDataObject[]) => collection(!continueOnFail, body);

	it('an upsert by External_Id__c is sent again as the same upsert, each lead is stored once and reported created (its CreatedDate is after the first attempt)', async () => {
		org.emulator.faults.add({ method: 'PATCH', path: '/composite/sobjects/Lead/External_Id__c', drop: 'after' });

		const result = await upsert({ matchOn: 'externalId', externalIdField: 'External_Id__c' }, continueOnFail);

		expect(result.error).toBeUndefined();
		const calls = dataCalls(org.emulator);
		expect(calls.map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			`GET ${API}/query 200`,
			`PATCH ${API}/composite/sobjects/Lead/External_Id__c 0`,
			`PATCH ${API}/composite/sobjects/Lead/External_Id__c 200`,
			`GET ${API}/query 200`,
		]);
		const ids = org.emulator.records('Lead').map((lead) => `'${String(lead.Id)}'`);
		expect(queriesSent(org.emulator)).toEqual([
			"SELECT Id, External_Id__c FROM Lead WHERE External_Id__c IN ('key-0', 'key-1') ORDER BY LastModifiedDate DESC",
			`SELECT Id, CreatedDate FROM Lead WHERE Id IN (${ids.join(', ')})`,
		]);
		expect(calls[2].body).toEqual(sent(records));
		expect(calls[3].body).toEqual(sent(records));
		expect(org.emulator.records('Lead')).toHaveLength(2);
		expect(result.outputs.Salesforce).toEqual([savedOnce(0), savedOnce(1)]);
	});

	it('an upsert by External_Id__c sent again reports a lead that existed before the first attempt as updated (created: false)', async () => {
		const existing = org.emulator.insert('Lead', { LastName: 'Existing', Company: 'Stored Ltd', External_Id__c: 'KEY-0', CreatedDate: '2026-01-01T00:00:00.000+0000' });
		org.emulator.faults.add({ method: 'PATCH', path: '/composite/sobjects/Lead/External_Id__c', drop: 'after' });

		// "Do Not Assign": no lookup first, both records go in the one upsert that is sent twice.
		const match = { matchOn: 'externalId', externalIdField: 'External_Id__c' } as const;
		const result = await runSalesforce(org.credential, leadUpsertParameters(MAPPING, match, { assignment: 'none' }), input, continueOnFail);

		expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects/Lead/External_Id__c').map((call) => call.status)).toEqual([0, 200]);
		expect(result.outputs.Salesforce).toEqual([outputItem(0, { id: existing, success: true, created: false }), savedOnce(1)]);
	});

	it('a create by Email whose answer was lost is looked up by Email, never sent again, and each lead is stored once', async () => {
		org.emulator.faults.add({ method: 'POST', path: '/composite/sobjects', drop: 'after' });

		const result = await upsert({ matchOn: 'email' }, continueOnFail);

		expect(result.error).toBeUndefined();
		const calls = dataCalls(org.emulator);
		expect(calls.map(callLine)).toEqual(CREATE_DROPPED_THEN_LOOKED_UP);
		const lookup = emailLookup(["'lead0@example.com'", "'lead1@example.com'"]);
		expect(queriesSent(org.emulator)).toEqual([lookup, lookup]);
		expect(calls[2].body).toEqual(sent(records));
		expect(org.emulator.records('Lead')).toHaveLength(2);
		expect(result.outputs.Salesforce).toEqual([savedOnce(0), savedOnce(1)]);
	});

	it('a create by Email that never reached Salesforce (dropped before it saved) is created once more, once', async () => {
		org.emulator.faults.add({ method: 'POST', path: '/composite/sobjects', drop: 'before' });

		const result = await upsert({ matchOn: 'email' }, continueOnFail);

		expect(result.error).toBeUndefined();
		const calls = dataCalls(org.emulator);
		expect(calls.map(callLine)).toEqual([...CREATE_DROPPED_THEN_LOOKED_UP, `POST ${API}/composite/sobjects 200`]);
		expect(calls[4].body).toEqual(sent(records));
		expect(salesforceHeaders(calls[4])['sforce-auto-assign']).toBe('TRUE');
		expect(result.outputs.Salesforce).toEqual([savedOnce(0), savedOnce(1)]);
	});

	it('a create by Email whose answer was lost is reported with the lead it saved, not confused by a converted lead with the same Email', async () => {
		org.emulator.insert('Lead', { LastName: 'Converted', Company: 'Old', Email: 'lead0@example.com', IsConverted: true });
		org.emulator.faults.add({ method: 'POST', path: '/composite/sobjects', drop: 'after' });

		const result = await upsert({ matchOn: 'email' }, continueOnFail);

		expect(result.error).toBeUndefined();
		const saved = org.emulator.records('Lead').filter((lead) => lead.IsConverted === false);
		expect(saved.map((lead) => lead.Email)).toEqual(['lead0@example.com', 'lead1@example.com']);
		expect(result.outputs.Salesforce).toEqual([savedOnce(0), savedOnce(1)]);
	});
});
