/**
 * "When a Duplicate Rule Matches" inside a Collections batch of several leads. Salesforce's Collections
 * answer gives no match ids, so the node finds them with an all-or-none Composite that can never
 * create a record; then the item fails naming them, is saved anyway, or takes the existing lead.
 */
import type { IDataObject } from 'n8n-workflow';

import { leadCreateParameters, type WorkflowResult } from '../harness';
import { accessToken, API, bodiesOf, callLine, callsTo, collection, dataCalls, LEAD_MAPPING, leadRecord, leadsWithEmail, leadsWithEmails, orgForEachTest, outputItem, runSalesforce, saveCallHeaders, salesforceHeaders, storedLead, type ConnectedOrg } from './helpers';

type RuleAction = 'alert' | 'block';

const org = {} as ConnectedOrg;
let existing: string;

/** For each test of the block: an org whose duplicate rule on Email `action`s, one lead already stored under taken@example.com. */
function orgWithRule(action: RuleAction) {
	orgForEachTest({ duplicateRuleOnEmail: action }, org);
	beforeEach(() => (existing = storedLead(org.emulator, { Email: 'taken@example.com' })));
}

/** Three leads in one Collections call; the second has the stored lead's email. */
const input = leadsWithEmails(['first@example.com', 'Taken@example.com', 'third@example.com']);
const bodies = bodiesOf(input);

/** Lead → Create of the three leads; no `duplicateRule`: the option left at its default. */
const createLeads = (duplicateRule: string | undefined, continueOnFail: boolean): Promise<WorkflowResult> =>
	runSalesforce(org.credential, leadCreateParameters(LEAD_MAPPING, duplicateRule === undefined ? {} : { duplicateRule }), input, continueOnFail);

const RULE_MESSAGE: Record<RuleAction, string> = {
	alert: "You're creating a duplicate record. We recommend you use an existing record instead.",
	block: 'Use one of these records?',
};
const GUIDANCE = 'An org duplicate rule blocked the save. Choose "Save Anyway" under "When a Duplicate Rule Matches" (an alert rule then saves it, a block rule never does), or "Use the Existing Record".';

/** The error that stops the node when item 1 is blocked and Continue On Fail is off. */
const stopMessage = (action: RuleAction) =>
	`Item 1 could not be created: DUPLICATES_DETECTED: ${RULE_MESSAGE[action]} ${GUIDANCE} Matching records: ${existing}. The other 2 items sent with it were rolled back, none was saved. No earlier item had been created.`;

const CREATE = `POST ${API}/composite/sobjects 200`;
const LOOKUP = `POST ${API}/composite 200`;

/** The Composite that finds the matches: the record as a single create, then a read that always fails, all or none. */
const lookupOf = (record: IDataObject) => ({
	allOrNone: true,
	compositeRequest: [
		{ method: 'POST', url: `${API}/sobjects/Lead`, referenceId: 'record', body: record },
		{ method: 'GET', url: `${API}/sobjects/Lead/000000000000000AAA`, referenceId: 'rollback' },
	],
});
const { attributes: _type, ...secondLead } = leadRecord(bodies[1]);

const createdId = (email: string) => leadsWithEmail(org.emulator, email)[0]?.Id;
const created = (item: number, email: string) => outputItem(item, { id: createdId(email), success: true });

/** The match lookup was sent, as is, with no Sforce-* header (the rule must block it), and created nothing. */
function expectLookupCreatedNothing() {
	const lookups = callsTo(org.emulator, 'POST', '/composite');
	expect(lookups.map((call) => call.body)).toEqual([lookupOf(secondLead)]);
	expect(salesforceHeaders(lookups[0])).toEqual({ authorization: `Bearer ${accessToken(org.credential)}`, 'content-type': 'application/json' });
	expect(leadsWithEmail(org.emulator, 'taken@example.com').map((lead) => lead.Id)).toEqual([existing]);
}

describe.each<RuleAction>(['alert', 'block'])('a %s duplicate rule, "Fail the Item" (the default)', (action) => {
	orgWithRule(action);

	it('with Continue On Fail, the item fails listing the matching lead and the others are created', async () => {
		const result = await createLeads(undefined, true);

		expect(dataCalls(org.emulator).map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`, CREATE, LOOKUP]);
		const [create] = callsTo(org.emulator, 'POST', '/composite/sobjects');
		expect(create.body).toEqual(collection(false, bodies.map((body) => leadRecord(body))));
		expect(salesforceHeaders(create)).toEqual(saveCallHeaders(org.credential, 'TRUE'));
		expectLookupCreatedNothing();
		expect(result.outputs.Salesforce).toEqual([
			created(0, 'first@example.com'),
			outputItem(1, { success: false, error: `${RULE_MESSAGE[action]} ${GUIDANCE}`, errorCode: 'DUPLICATES_DETECTED', fields: [], duplicates: [existing] }),
			created(2, 'third@example.com'),
		]);
	});

	it('without Continue On Fail, the node stops naming the item and the matching lead, nothing of the all-or-none call saved', async () => {
		const result = await createLeads(undefined, false);

		expect(dataCalls(org.emulator).map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`, CREATE, LOOKUP]);
		expectLookupCreatedNothing();
		expect(result.error?.message).toBe(stopMessage(action));
		expect(org.emulator.records('Lead').map((lead) => lead.Id)).toEqual([existing]);
	});
});

describe.each([
	['with Continue On Fail', true],
	['without Continue On Fail', false],
])('"Save Anyway" and an alert rule, %s', (_, continueOnFail: boolean) => {
	orgWithRule('alert');

	it('saves the duplicate, sending Sforce-Duplicate-Rule-Header allowSave=true', async () => {
		const result = await createLeads('allowSave', continueOnFail);

		expect(dataCalls(org.emulator).map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`, CREATE]);
		const [create] = callsTo(org.emulator, 'POST', '/composite/sobjects');
		expect(create.body).toEqual(collection(!continueOnFail, bodies.map((body) => leadRecord(body))));
		expect(salesforceHeaders(create)).toEqual(saveCallHeaders(org.credential, 'TRUE', { 'sforce-duplicate-rule-header': 'allowSave=true' }));
		expect(leadsWithEmail(org.emulator, 'taken@example.com')).toHaveLength(2);
		expect(result.outputs.Salesforce).toEqual([
			created(0, 'first@example.com'),
			outputItem(1, { id: leadsWithEmail(org.emulator, 'taken@example.com')[1].Id, success: true }),
			created(2, 'third@example.com'),
		]);
	});
});

describe('"Save Anyway" and a block rule', () => {
	orgWithRule('block');

	const expectBlockedDespiteHeader = () => {
		expect(dataCalls(org.emulator).map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`, CREATE, LOOKUP]);
		expect(salesforceHeaders(callsTo(org.emulator, 'POST', '/composite/sobjects')[0])['sforce-duplicate-rule-header']).toBe('allowSave=true');
		expectLookupCreatedNothing();
	};

	it('with Continue On Fail, the duplicate still fails listing the matching lead, the others are created', async () => {
		const result = await createLeads('allowSave', true);

		expectBlockedDespiteHeader();
		expect(result.outputs.Salesforce).toEqual([
			created(0, 'first@example.com'),
			outputItem(1, { success: false, error: `${RULE_MESSAGE.block} ${GUIDANCE}`, errorCode: 'DUPLICATES_DETECTED', fields: [], duplicates: [existing] }),
			created(2, 'third@example.com'),
		]);
	});

	it('without Continue On Fail, the node still stops naming the matching lead', async () => {
		const result = await createLeads('allowSave', false);

		expectBlockedDespiteHeader();
		expect(result.error?.message).toBe(stopMessage('block'));
		expect(org.emulator.records('Lead').map((lead) => lead.Id)).toEqual([existing]);
	});
});

describe.each<RuleAction>(['alert', 'block'])('a %s duplicate rule, "Use the Existing Record"', (action) => {
	orgWithRule(action);

	const outputs = () => [
		created(0, 'first@example.com'),
		outputItem(1, { id: existing, success: true, created: false, duplicate: true }),
		created(2, 'third@example.com'),
	];

	it('with Continue On Fail, the item gets the existing lead, nothing is created for it', async () => {
		const result = await createLeads('useExisting', true);

		expect(dataCalls(org.emulator).map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`, CREATE, LOOKUP]);
		expect(salesforceHeaders(callsTo(org.emulator, 'POST', '/composite/sobjects')[0])).toEqual(saveCallHeaders(org.credential, 'TRUE'));
		expectLookupCreatedNothing();
		expect(result.outputs.Salesforce).toEqual(outputs());
		expect(org.emulator.records('Lead')).toHaveLength(3);
	});

	it('without Continue On Fail, the others of the all-or-none call are sent again without it and saved', async () => {
		const result = await createLeads('useExisting', false);

		expect(result.error).toBeUndefined();
		expect(dataCalls(org.emulator).map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`, CREATE, CREATE, LOOKUP]);
		expect(callsTo(org.emulator, 'POST', '/composite/sobjects').map((call) => call.body)).toEqual([
			collection(true, bodies.map((body) => leadRecord(body))),
			collection(true, [leadRecord(bodies[0]), leadRecord(bodies[2])]),
		]);
		expectLookupCreatedNothing();
		expect(result.outputs.Salesforce).toEqual(outputs());
		expect(org.emulator.records('Lead')).toHaveLength(3);
	});
});
