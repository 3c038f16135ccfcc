/** Create or Update when the connection breaks after Salesforce saved: sent again in a way that lands on the same lead, never a second one. */
import type { IDataObject } from 'n8n-workflow';

import { leadUpsertParameters, webhookItem, type MatchOn } from '../harness';
import { API, bodiesOf, callLine, collection, dataCalls, emailLookup, LEAD_MAPPING, leadRecord, numberedLead, orgForEachTest, outputItem, queriesSent, runSalesforce, salesforceHeaders } from './helpers';

const org = orgForEachTest();

const input = [0, 1].map((index) => webhookItem({ ...numberedLead(index), key: `KEY-${index}` }));
const MAPPING = { ...LEAD_MAPPING, External_Id__c: '={{ $json.body.key }}' };

const upsert = (match: MatchOn, continueOnFail: boolean) => runSalesforce(org.credential, leadUpsertParameters(MAPPING, match, {}), input, continueOnFail);

const records = bodiesOf(input).map((body) => leadRecord(body, { External_Id__c: body.key }));

/**
 * The output of an item whose lead is stored exactly once. By external ID `created: false`: the answer
 * that said the lead was created was lost with the connection, and the upsert sent again found it
 * saved. By Email `created: true`: no lead had the email before the item's own create, so whichever
 * attempt saved it, the item created it.
 */
const savedOnce = (item: number, created = false) => {
	const stored = org.emulator.records('Lead').filter((lead) => lead.External_Id__c === `KEY-${item}`);
	expect(stored).toHaveLength(1);
	return outputItem(item, { id: stored[0].Id, success: true, created });
};

describe.each([
	['with Continue On Fail', true],
	['without Continue On Fail', false],
])('When the connection drops after Salesforce saved, %s', (_, continueOnFail: boolean) => {
	const sent = (body: IDataObject[]) => collection(!continueOnFail, body);

	it('an upsert by External_Id__c is sent again as the same upsert and each lead is stored once', async () => {
		org.emulator.faults.add({ method: 'PATCH', path: '/composite/sobjects/Lead/External_Id__c', drop: 'after' });

		const result = await upsert({ matchOn: 'externalId', externalIdField: 'External_Id__c' }, continueOnFail);

		expect(result.error).toBeUndefined();
		const calls = dataCalls(org.emulator);
		expect(calls.map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			`GET ${API}/query 200`,
			`PATCH ${API}/composite/sobjects/Lead/External_Id__c 0`,
			`PATCH ${API}/composite/sobjects/Lead/External_Id__c 200`,
		]);
		expect(queriesSent(org.emulator)).toEqual(["SELECT Id, External_Id__c FROM Lead WHERE External_Id__c IN ('key-0', 'key-1') ORDER BY LastModifiedDate DESC"]);
		expect(calls[2].body).toEqual(sent(records));
		expect(calls[3].body).toEqual(sent(records));
		expect(org.emulator.records('Lead')).toHaveLength(2);
		expect(result.outputs.Salesforce).toEqual([savedOnce(0), savedOnce(1)]);
	});

	it('a create by Email is sent again as an upsert by Email (never as a create) and each lead is stored once', async () => {
		org.emulator.faults.add({ method: 'POST', path: '/composite/sobjects', drop: 'after' });

		const result = await upsert({ matchOn: 'email' }, continueOnFail);

		expect(result.error).toBeUndefined();
		const calls = dataCalls(org.emulator);
		expect(calls.map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			`GET ${API}/query 200`,
			`POST ${API}/composite/sobjects 0`,
			`PATCH ${API}/composite/sobjects/Lead/Email 200`,
		]);
		expect(queriesSent(org.emulator)).toEqual([emailLookup(["'lead0@example.com'", "'lead1@example.com'"])]);
		expect(calls[2].body).toEqual(sent(records));
		expect(calls[3].body).toEqual(sent(records));
		expect(salesforceHeaders(calls[3])['sforce-auto-assign']).toBe('TRUE');
		expect(org.emulator.records('Lead')).toHaveLength(2);
		expect(result.outputs.Salesforce).toEqual([savedOnce(0, true), savedOnce(1, true)]);
	});
});
