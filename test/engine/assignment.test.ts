/** The Assignment option: who owns the leads the node creates, and that updated leads keep their owner. */
import type { INodeParameters } from 'n8n-workflow';

import { makeId, USER_ID } from '../../emulator';
import { leadCreateParameters, leadUpsertParameters, webhookItem } from '../harness';
import { callsTo, dataCalls, LEAD_MAPPING, leadsWithEmail, leadsWithEmails, numberedLead, orgForEachTest, outputItem, runSalesforce, salesforceHeaders, storedLead } from './helpers';

const ACTIVE_RULE_OWNER = makeId('005', 42);
const WEST_OWNER = makeId('005', 43);
const SALES_REP = makeId('005', 44);

const org = orgForEachTest({
	assignmentRules: [
		{ name: 'Round robin', active: true, ownerId: ACTIVE_RULE_OWNER },
		{ name: 'West coast', active: false, ownerId: WEST_OWNER },
	],
});
let westCoast: string;

beforeEach(() => (westCoast = String(org.emulator.records('AssignmentRule')[1].Id)));

const createLead = (options: INodeParameters, continueOnFail = false) =>
	runSalesforce(org.credential, leadCreateParameters(LEAD_MAPPING, options), leadsWithEmails(['new@example.com']), continueOnFail);

const autoAssignSent = () => dataCalls(org.emulator).filter((call) => call.method !== 'GET').map((call) => `${call.method} ${salesforceHeaders(call)['sforce-auto-assign']}`);
const ownerOf = (email: string) => leadsWithEmail(org.emulator, email)[0].OwnerId;
const rule = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Assignment on Create', () => {
	it('"Use the Active Assignment Rule" (the default) sends Sforce-Auto-Assign TRUE: the active rule owns the lead', async () => {
		await createLead({});

		expect(autoAssignSent()).toEqual(['POST TRUE']);
		expect(ownerOf('new@example.com')).toBe(ACTIVE_RULE_OWNER);
	});

	it('"Do Not Assign" sends Sforce-Auto-Assign FALSE: the connected user owns the lead', async () => {
		await createLead({ assignment: 'none' });

		expect(autoAssignSent()).toEqual(['POST FALSE']);
		expect(ownerOf('new@example.com')).toBe(USER_ID);
	});

	it('"Specific Assignment Rule" sends the rule id picked: that rule owns the lead, though it is not the active one', async () => {
		const result = await createLead({ assignment: 'rule', assignmentRule: rule(westCoast) });

		expect(autoAssignSent()).toEqual([`POST ${westCoast}`]);
		expect(ownerOf('new@example.com')).toBe(WEST_OWNER);
		expect(result.outputs.Salesforce).toEqual([outputItem(0, { id: leadsWithEmail(org.emulator, 'new@example.com')[0].Id, success: true })]);
	});

	it.each([
		['not an id', 'west coast rule'],
		['the id of another object (a lead)', makeId('00Q', 7)],
	])('refuses a rule id that is %s before any call, with a clear error', async (_, ruleId) => {
		const result = await createLead({ assignment: 'rule', assignmentRule: rule(ruleId) });

		expect(result.error?.message).toBe(
			`Assignment Rule "${ruleId}" is not an assignment rule id (01Q followed by 12 or 15 letters and digits). Nothing was sent to Salesforce.`,
		);
		expect(dataCalls(org.emulator)).toEqual([]);
		expect(org.emulator.records('Lead')).toEqual([]);
	});
});

describe('Assignment on Create or Update', () => {
	it('by Email, updates send Sforce-Auto-Assign FALSE (the lead keeps its owner) and creates the rule picked', async () => {
		storedLead(org.emulator, { Email: 'known@example.com', OwnerId: SALES_REP });
		const parameters = leadUpsertParameters(LEAD_MAPPING, { matchOn: 'email' }, { assignment: 'rule', assignmentRule: rule(westCoast) });

		await runSalesforce(org.credential, parameters, leadsWithEmails(['known@example.com', 'new@example.com']));

		expect(autoAssignSent()).toEqual([`POST ${westCoast}`, 'PATCH FALSE']);
		expect(ownerOf('known@example.com')).toBe(SALES_REP);
		expect(ownerOf('new@example.com')).toBe(WEST_OWNER);
	});

	it('by External_Id__c, an existing lead found first is updated by id with FALSE (keeping its owner), a new one upserted with TRUE', async () => {
		storedLead(org.emulator, { External_Id__c: 'EXT-1', OwnerId: SALES_REP });
		const input = ['EXT-1', 'EXT-2'].map((key, index) => webhookItem({ ...numberedLead(index), key }));
		const parameters = leadUpsertParameters({ ...LEAD_MAPPING, External_Id__c: '={{ $json.body.key }}' }, { matchOn: 'externalId', externalIdField: 'External_Id__c' });

		const result = await runSalesforce(org.credential, parameters, input);

		expect(result.error).toBeUndefined();
		const owners = Object.fromEntries(org.emulator.records('Lead').map((lead) => [lead.External_Id__c, lead.OwnerId]));
		expect(owners).toEqual({ 'EXT-1': SALES_REP, 'EXT-2': ACTIVE_RULE_OWNER });
		expect(autoAssignSent()).toEqual(['PATCH FALSE', 'PATCH TRUE']);
		expect(callsTo(org.emulator, 'PATCH', '/composite/sobjects/Lead/External_Id__c')).toHaveLength(1);
	});
});
