/**
 * Create or Update never loses or duplicates a lead, and never takes another lead for its own:
 * lookups are believed only when they are Salesforce query results, "Use the Existing Record" applies to
 * new leads only, case-sensitive keys are kept as they are, a lookup that fails after the saves stays
 * on its items, and two executions posting the same Email at once make one lead.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { leadCreateParameters, leadUpsertParameters, runWorkflow, webhookItem, webhookToSalesforce, type MatchOn, type WorkflowResult } from '../harness';
import { API, callsTo, dataCalls, LEAD_MAPPING, leadsWithEmail, numberedLead, orgForEachTest, storedLead, type ConnectedOrg } from './helpers';

const org = {} as ConnectedOrg;

function upsert(bodies: IDataObject[], options: INodeParameters = {}, match: MatchOn = { matchOn: 'email' }, mapping: INodeParameters = LEAD_MAPPING): Promise<WorkflowResult> {
	return runWorkflow({
		workflow: webhookToSalesforce(leadUpsertParameters(mapping, match, options), { continueOnFail: true }),
		input: bodies.map((body) => webhookItem(body)),
		credentials: [org.credential],
	});
}

const writes = () => dataCalls(org.emulator).filter((request) => request.method === 'POST' || request.method === 'PATCH');
const jsonOf = (result: WorkflowResult) => result.outputs.Salesforce.map((item) => item.json);

describe('a lookup answered with something that is not a query result', () => {
	orgForEachTest({}, org);

	it.each([
		['a proxy’s HTML page', { status: 200, contentType: 'text/html', body: '<html><head><title>Gateway</title></head><body>Please log in</body></html>' }],
		['an empty JSON object', { status: 200, body: {} }],
		['records that are not a list', { status: 200, body: { totalSize: 0, done: true, records: 'none' } }],
	])('is %s: every item fails with INVALID_QUERY_ANSWER and nothing is created or updated', async (_, answer) => {
		const existing = storedLead(org.emulator, { Email: 'known@example.com' });
		org.emulator.faults.add({ method: 'GET', path: '/query', times: Infinity, ...answer });

		const result = await upsert([numberedLead(0, 'known@example.com'), numberedLead(1)]);

		expect(jsonOf(result)).toEqual([0, 1].map(() => expect.objectContaining({ success: false, errorCode: 'INVALID_QUERY_ANSWER' })));
		expect(writes()).toEqual([]);
		expect(org.emulator.records('Lead').map((lead) => lead.Id)).toEqual([existing]);
	});

	it('after the saves (the leads sharing an upsert key): only that item fails, the others keep their saved ids', async () => {
		storedLead(org.emulator, { Necessidade__c: 'shared need' });
		storedLead(org.emulator, { Necessidade__c: 'shared need' });
		// The upsert answers DUPLICATE_EXTERNAL_ID for the shared key; looking those leads up then meets a proxy page.
		org.emulator.faults.add({ method: 'GET', path: '/query', status: 200, contentType: 'text/html', body: '<html>proxy</html>', times: Infinity });
		const mapping = { ...LEAD_MAPPING, Necessidade__c: '={{ $json.body.need }}' };

		const result = await upsert([{ ...numberedLead(0), need: 'shared need' }, { ...numberedLead(1), need: 'single need' }], { assignment: 'none' }, { matchOn: 'externalId', externalIdField: 'Necessidade__c' }, mapping);

		const [failed, saved] = jsonOf(result);
		expect(failed).toMatchObject({ success: false, errorCode: 'MULTIPLE_MATCHES', fields: ['Necessidade__c'] });
		expect(failed.error).toContain('INVALID_QUERY_ANSWER');
		expect(saved).toEqual({ id: org.emulator.records('Lead').find((lead) => lead.Necessidade__c === 'single need')?.Id, success: true, created: true });
	});
});

describe('"Use the Existing Record" with an org duplicate rule that blocks', () => {
	orgForEachTest({ duplicateRuleOnEmail: 'block' }, org);

	it('never takes another lead for the lead an update by Email was saving: the item fails naming it, neither lead changes', async () => {
		const older = storedLead(org.emulator, { Email: 'shared@example.com', LastName: 'Older', LastModifiedDate: '2026-02-01T08:00:00.000+0000' });
		const newer = storedLead(org.emulator, { Email: 'shared@example.com', LastName: 'Newer', LastModifiedDate: '2026-04-01T08:00:00.000+0000' });

		const result = await upsert([numberedLead(0, 'shared@example.com')], { duplicateRule: 'useExisting', severalMatches: 'newest' });

		expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects').map((call) => (call.body as { records: IDataObject[] }).records[0].id)).toEqual([newer]);
		expect(jsonOf(result)).toEqual([expect.objectContaining({ success: false, errorCode: 'DUPLICATES_DETECTED', duplicates: [older] })]);
		expect(jsonOf(result)[0].error).toContain('applies to new leads only');
		expect(org.emulator.records('Lead').map((lead) => lead.LastName)).toEqual(['Older', 'Newer']);
	});

	it('never takes another lead for the lead an upsert by External ID was saving', async () => {
		const own = storedLead(org.emulator, { External_Id__c: 'K-1', Email: 'own@example.com', LastName: 'Own' });
		const other = storedLead(org.emulator, { Email: 'other@example.com', LastName: 'Other' });
		const mapping = { ...LEAD_MAPPING, External_Id__c: '={{ $json.body.key }}' };

		const result = await upsert([{ ...numberedLead(0, 'other@example.com'), key: 'K-1' }], { duplicateRule: 'useExisting', assignment: 'none' }, { matchOn: 'externalId', externalIdField: 'External_Id__c' }, mapping);

		expect(jsonOf(result)).toEqual([expect.objectContaining({ success: false, errorCode: 'DUPLICATES_DETECTED', duplicates: [other] })]);
		expect(org.emulator.records('Lead').find((lead) => lead.Id === own)?.Email).toBe('own@example.com');
	});

	it('takes the existing lead for a lead being created, as before', async () => {
		const existing = storedLead(org.emulator, { Email: 'taken@example.com' });

		const result = await runWorkflow({
			workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING, { duplicateRule: 'useExisting' }), { continueOnFail: true }),
			input: [webhookItem(numberedLead(0, 'taken@example.com'))],
			credentials: [org.credential],
		});

		expect(jsonOf(result)).toEqual([{ id: existing, success: true, created: false, duplicate: true }]);
	});

	it('says the matching records could not be looked up when that look-up fails, and takes nothing in their place', async () => {
		storedLead(org.emulator, { Email: 'taken@example.com' });
		org.emulator.faults.add({ method: 'POST', path: /\/composite$/, status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred' }] });

		const result = await runWorkflow({
			workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING, { duplicateRule: 'useExisting' }), { continueOnFail: true }),
			input: [webhookItem(numberedLead(0, 'taken@example.com')), webhookItem(numberedLead(1))],
			credentials: [org.credential],
		});

		const [blocked, saved] = jsonOf(result);
		expect(blocked).toEqual(expect.objectContaining({ success: false, errorCode: 'DUPLICATES_DETECTED', fields: [] }));
		expect(blocked.duplicates).toBeUndefined();
		expect(blocked.error).toContain('could not be looked up (UNKNOWN_EXCEPTION: An unexpected error occurred)');
		expect(saved).toEqual({ id: leadsWithEmail(org.emulator, 'lead1@example.com')[0].Id, success: true });
	});
});

describe('a case-sensitive unique External ID', () => {
	orgForEachTest({}, org);

	beforeEach(async () => {
		const answer = await fetch(`${org.emulator.url}${API}/sobjects/Lead/describe`, {
			headers: { Authorization: `Bearer ${String((org.credential.data.oauthTokenData as IDataObject).access_token)}` },
		});
		const describe = (await answer.json()) as { fields: IDataObject[] };
		for (const field of describe.fields) if (field.name === 'External_Id__c') field.caseSensitive = true;
		org.emulator.setDescribe('Lead', describe);
	});

	it('keeps keys as they are: "ab-1" is not the lead "AB-1", which stays as it was', async () => {
		const upper = storedLead(org.emulator, { External_Id__c: 'AB-1', LastName: 'Upper' });
		const mapping = { ...LEAD_MAPPING, External_Id__c: '={{ $json.body.key }}' };

		const result = await upsert([{ ...numberedLead(0), key: 'ab-1' }, { ...numberedLead(1), key: 'AB-1' }], {}, { matchOn: 'externalId', externalIdField: 'External_Id__c' }, mapping);

		const lower = org.emulator.records('Lead').find((lead) => lead.External_Id__c === 'ab-1');
		expect(jsonOf(result)).toEqual([
			{ id: lower?.Id, success: true, created: true },
			{ id: upper, success: true, created: false },
		]);
		expect(org.emulator.records('Lead').map((lead) => [lead.External_Id__c, lead.LastName])).toEqual([
			['AB-1', 'Number 1'],
			['ab-1', 'Number 0'],
		]);
	});
});

describe('the same Email posted twice at once (a form submitted twice, a retried webhook)', () => {
	orgForEachTest({}, org);

	beforeEach(() => org.emulator.faults.add({ method: 'POST', path: '/composite/sobjects', latencyMs: 150, times: Infinity }));

	it('makes one lead: the second execution waits for the first one’s create, then updates that lead', async () => {
		const results = await Promise.all([upsert([numberedLead(0, 'twice@example.com')]), upsert([numberedLead(1, 'Twice@example.com')])]);

		const [lead] = leadsWithEmail(org.emulator, 'twice@example.com');
		expect(leadsWithEmail(org.emulator, 'twice@example.com')).toHaveLength(1);
		expect(results.map(jsonOf).flat().sort((a, b) => Number(b.created) - Number(a.created))).toEqual([
			{ id: lead.Id, success: true, created: true },
			{ id: lead.Id, success: true, created: false },
		]);
	});

	it('never blocks two executions holding the same keys in opposite orders', async () => {
		const results = await Promise.all([
			upsert([numberedLead(0, 'one@example.com'), numberedLead(1, 'two@example.com')]),
			upsert([numberedLead(2, 'two@example.com'), numberedLead(3, 'one@example.com')]),
		]);

		expect(results.flatMap(jsonOf).every((json) => json.success === true)).toBe(true);
		expect(org.emulator.records('Lead').map((lead) => lead.Email).sort()).toEqual(['one@example.com', 'two@example.com']);
	});

	it('does not make different Emails wait for each other', async () => {
		const results = await Promise.all([upsert([numberedLead(0, 'a@example.com')]), upsert([numberedLead(1, 'b@example.com')])]);

		expect(results.flatMap(jsonOf).map((json) => json.created)).toEqual([true, true]);
		// Both creates went together (group commit): they did not wait for each other's call.
		expect(callsTo(org.emulator, 'POST', '/composite/sobjects').length).toBeLessThanOrEqual(2);
	});
});
