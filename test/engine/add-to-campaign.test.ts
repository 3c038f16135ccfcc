/** "Add to Campaign": each saved lead becomes a CampaignMember, in Collections calls; a lead already a member counts as done. */
import { makeId, type EmulatorOptions } from '../../emulator';
import { leadCreateParameters, leadUpsertParameters, webhookItem } from '../harness';
import { MAX_QUERY_URL_BYTES, encodedLength } from '../../nodes/SalesforceRest/helpers/soql';
import { API, callLine, callsTo, collection, dataCalls, emailLookup, LEAD_MAPPING, leadsWithEmail, leadsWithEmails, numberedLead, numberedLeads, orgForEachTest, outputItem, queriesSent, runSalesforce, salesforceHeaders, storedLead, type ConnectedOrg } from './helpers';

const org = {} as ConnectedOrg;
let webinar: string;

/** A fresh org for each test of the enclosing block, with the campaign Spring Webinar (`webinar`) and these options. */
function orgWithWebinar(options: EmulatorOptions = {}): void {
	orgForEachTest({ campaigns: [{ name: 'Spring Webinar' }], ...options }, org);
	beforeEach(() => (webinar = String(org.emulator.records('Campaign')[0].Id)));
}

const campaign = (value: string) => ({ __rl: true, mode: 'id', value });
const member = (leadId: unknown, status?: string): Record<string, unknown> => ({
	attributes: { type: 'CampaignMember' },
	CampaignId: webinar,
	LeadId: leadId,
	...(status !== undefined && { Status: status }),
});
const leadId = (email: string) => leadsWithEmail(org.emulator, email)[0].Id;
const membershipOf = (lead: unknown) => org.emulator.records('CampaignMember').find((entry) => entry.LeadId === lead);

describe('Add to Campaign', () => {
	orgWithWebinar();

	it('makes each created lead a member with the status chosen, in one Collections call after the leads', async () => {
		const result = await runSalesforce(org.credential, leadCreateParameters(LEAD_MAPPING, { campaign: campaign(webinar), campaignStatus: 'Responded' }), numberedLeads(2));

		expect(result.error).toBeUndefined();
		expect(dataCalls(org.emulator).map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			`POST ${API}/composite/sobjects 200`,
			`POST ${API}/composite/sobjects 200`,
		]);
		const leads = org.emulator.records('Lead').map((lead) => lead.Id);
		const [, memberships] = callsTo(org.emulator, 'POST', '/composite/sobjects');
		expect(memberships.body).toEqual(collection(false, leads.map((id) => member(id, 'Responded'))));
		expect(salesforceHeaders(memberships)['sforce-auto-assign']).toBeUndefined();
		expect(org.emulator.records('CampaignMember').map((entry) => [entry.LeadId, entry.Status])).toEqual(leads.map((id) => [id, 'Responded']));
		expect(result.outputs.Salesforce).toEqual(leads.map((id, item) => outputItem(item, { id, success: true, campaignMemberId: membershipOf(id)?.Id })));
	});

	it('counts a lead already in the campaign as done, with its existing membership id (Create or Update by Email)', async () => {
		const known = storedLead(org.emulator, { Email: 'known@example.com' });
		const existingMembership = org.emulator.insert('CampaignMember', { CampaignId: webinar, LeadId: known });
		const parameters = leadUpsertParameters(LEAD_MAPPING, { matchOn: 'email' }, { campaign: campaign(webinar) });

		const result = await runSalesforce(org.credential, parameters, leadsWithEmails(['known@example.com', 'new@example.com']));

		expect(result.error).toBeUndefined();
		const created = leadId('new@example.com');
		const [, memberships] = callsTo(org.emulator, 'POST', '/composite/sobjects');
		expect(memberships.body).toEqual(collection(false, [member(known), member(created)]));
		expect(queriesSent(org.emulator)[1]).toBe(`SELECT Id, CampaignId, LeadId FROM CampaignMember WHERE CampaignId IN ('${webinar}') AND LeadId IN ('${known}')`);
		expect(org.emulator.records('CampaignMember').map((entry) => [entry.LeadId, entry.Status])).toEqual([[known, 'Sent'], [created, 'Sent']]);
		expect(result.outputs.Salesforce).toEqual([
			outputItem(0, { id: known, success: true, created: false, campaignMemberId: existingMembership }),
			outputItem(1, { id: created, success: true, created: true, campaignMemberId: membershipOf(created)?.Id }),
		]);
	});

	it('adds the leads of a large run in Collections calls of 200 memberships', async () => {
		const result = await runSalesforce(org.credential, leadCreateParameters(LEAD_MAPPING, { campaign: campaign(webinar) }), numberedLeads(201));

		expect(result.error).toBeUndefined();
		const leads = org.emulator.records('Lead').map((lead) => lead.Id);
		const memberships = callsTo(org.emulator, 'POST', '/composite/sobjects').slice(2);
		expect(memberships.map((call) => call.body)).toEqual([
			collection(false, leads.slice(0, 200).map((id) => member(id))),
			collection(false, [member(leads[200])]),
		]);
		expect(org.emulator.records('CampaignMember')).toHaveLength(201);
	});
});

describe('Add to Campaign with a campaign that cannot be joined', () => {
	orgWithWebinar();
	const malformed = 'Add to Campaign: "spring-webinar" is not a campaign id (701 followed by 12 or 15 letters and digits)';

	it('refuses an id that is not a campaign id before the lead is saved', async () => {
		const result = await runSalesforce(org.credential, leadCreateParameters(LEAD_MAPPING, { campaign: campaign('spring-webinar') }), numberedLeads(1));

		expect(result.error?.message).toBe(`Item 0 is not a valid Lead: ${malformed}. Nothing was sent to Salesforce: the items are checked before any is sent.`);
		expect(dataCalls(org.emulator).map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`]);
		expect(org.emulator.records('Lead')).toEqual([]);
	});

	it('reads the campaign per item: an item whose campaign is malformed fails, the others are saved and join theirs (Continue On Fail)', async () => {
		const input = [webinar, 'spring-webinar'].map((id, index) => webhookItem({ ...numberedLead(index), campaign: id }));
		const parameters = leadCreateParameters(LEAD_MAPPING, { campaign: campaign('={{ $json.body.campaign }}') });

		const result = await runSalesforce(org.credential, parameters, input, true);

		const [saved] = org.emulator.records('Lead');
		expect(org.emulator.records('Lead')).toHaveLength(1);
		expect(result.outputs.Salesforce).toEqual([
			outputItem(0, { id: saved.Id, success: true, campaignMemberId: membershipOf(saved.Id)?.Id }),
			outputItem(1, { success: false, error: malformed, errorCode: 'MALFORMED_ID', fields: ['CampaignId'] }),
		]);
	});

	describe('when Salesforce has no such campaign', () => {
		const missing = makeId('701', 99);
		const joinMissing = (continueOnFail: boolean) =>
			runSalesforce(org.credential, leadCreateParameters(LEAD_MAPPING, { campaign: campaign(missing) }), numberedLeads(1), continueOnFail);
		const expectMembershipTried = (leadId: unknown) => {
			expect(callsTo(org.emulator, 'POST', '/composite/sobjects')[1].body).toEqual(collection(false, [{ attributes: { type: 'CampaignMember' }, CampaignId: missing, LeadId: leadId }]));
			expect(org.emulator.records('CampaignMember')).toEqual([]);
		};

		it('the lead is saved and its item says the membership failed (Continue On Fail)', async () => {
			const result = await joinMissing(true);

			const [saved] = org.emulator.records('Lead');
			expectMembershipTried(saved.Id);
			expect(result.outputs.Salesforce).toEqual([
				outputItem(0, { id: saved.Id, success: false, error: `Adding the lead to campaign ${missing} failed: invalid cross reference id`, errorCode: 'INVALID_CROSS_REFERENCE_KEY', fields: [] }),
			]);
		});

		it('without Continue On Fail, the node stops naming the lead it saved', async () => {
			const result = await joinMissing(false);

			const [saved] = org.emulator.records('Lead');
			expectMembershipTried(saved.Id);
			expect(result.error?.message).toBe(
				`Item 0 was created as lead ${saved.Id}. Adding the lead to campaign ${missing} failed: invalid cross reference id. (INVALID_CROSS_REFERENCE_KEY) 1 item was already created in Salesforce (item 0: ${saved.Id}).`,
			);
		});
	});
});

describe('Add to Campaign read per item', () => {
	orgWithWebinar();
	const perItem = { campaign: campaign('={{ $json.body.campaign }}'), campaignStatus: '={{ $json.body.status }}' };
	const itemsJoining = (joins: Array<{ campaign: string; status?: string }>) => joins.map((join, index) => webhookItem({ ...numberedLead(index), ...join }));

	it('an item whose campaign is empty joins none, and the items after it still join theirs', async () => {
		const result = await runSalesforce(org.credential, leadCreateParameters(LEAD_MAPPING, perItem), itemsJoining([{ campaign: '' }, { campaign: webinar }]));

		expect(result.error).toBeUndefined();
		const [first, second] = org.emulator.records('Lead').map((lead) => lead.Id);
		const [, memberships] = callsTo(org.emulator, 'POST', '/composite/sobjects');
		expect(memberships.body).toEqual(collection(false, [member(second)]));
		expect(result.outputs.Salesforce).toEqual([
			outputItem(0, { id: first, success: true }),
			outputItem(1, { id: second, success: true, campaignMemberId: membershipOf(second)?.Id }),
		]);
	});

	it('each membership carries its own item’s status, in one Collections call', async () => {
		const joins = [{ campaign: webinar, status: 'Responded' }, { campaign: webinar }, { campaign: webinar, status: 'Sent' }];

		const result = await runSalesforce(org.credential, leadCreateParameters(LEAD_MAPPING, perItem), itemsJoining(joins));

		expect(result.error).toBeUndefined();
		const leads = org.emulator.records('Lead').map((lead) => lead.Id);
		const memberships = callsTo(org.emulator, 'POST', '/composite/sobjects').slice(1);
		expect(memberships.map((call) => call.body)).toEqual([collection(false, [member(leads[0], 'Responded'), member(leads[1]), member(leads[2], 'Sent')])]);
		expect(org.emulator.records('CampaignMember').map((entry) => [entry.LeadId, entry.Status])).toEqual([[leads[0], 'Responded'], [leads[1], 'Sent'], [leads[2], 'Sent']]);
		expect(result.outputs.Salesforce).toEqual(leads.map((id, item) => outputItem(item, { id, success: true, campaignMemberId: membershipOf(id)?.Id })));
	});
});

describe('Add to Campaign with a status that is not text', () => {
	orgWithWebinar();

	it('fails that item before its lead is saved; the others are saved and join (Continue On Fail)', async () => {
		const input = [{ label: 'Sent' }, 'Responded'].map((status, index) => webhookItem({ ...numberedLead(index), status }));
		const parameters = leadCreateParameters(LEAD_MAPPING, { campaign: campaign(webinar), campaignStatus: '={{ $json.body.status }}' });

		const result = await runSalesforce(org.credential, parameters, input, true);

		const [saved] = org.emulator.records('Lead');
		expect(saved.LastName).toBe('Number 1');
		expect(callsTo(org.emulator, 'POST', '/composite/sobjects')[1].body).toEqual(collection(false, [member(saved.Id, 'Responded')]));
		expect(result.outputs.Salesforce).toEqual([
			outputItem(0, { success: false, error: 'Campaign Member Status: an object is not a status name (text)', errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', fields: ['Status'] }),
			outputItem(1, { id: saved.Id, success: true, campaignMemberId: membershipOf(saved.Id)?.Id }),
		]);
	});
});

describe('Add to Campaign when reading a membership id fails after the saves', () => {
	orgWithWebinar();
	const unexpected = 'An unexpected error occurred. Please include this ErrorId if you contact support: 1734127-41508 (-1107624427)';
	const lookupOf = (leadIds: string[]) => `SELECT Id, CampaignId, LeadId FROM CampaignMember WHERE CampaignId IN ('${webinar}') AND LeadId IN (${leadIds.map((id) => `'${id}'`).join(', ')})`;
	const itemError = () =>
		`The lead is already a member of campaign ${webinar} (Salesforce refused a second membership), but its membership id could not be read: ${unexpected}. The lead is saved; nothing needs to be sent again.`;

	/** known@example.com is stored and already in the campaign; new@example.com is not stored. Every query after the Email lookup fails, retries included. */
	async function saveKnownAndNew(continueOnFail: boolean) {
		const known = storedLead(org.emulator, { Email: 'known@example.com' });
		org.emulator.insert('CampaignMember', { CampaignId: webinar, LeadId: known });
		org.emulator.faults.add({ method: 'GET', path: '/query', after: 1, times: Infinity, status: 500, body: [{ message: unexpected, errorCode: 'UNKNOWN_EXCEPTION' }] });
		const parameters = leadUpsertParameters(LEAD_MAPPING, { matchOn: 'email' }, { campaign: campaign(webinar) });
		const result = await runSalesforce(org.credential, parameters, leadsWithEmails(['known@example.com', 'new@example.com']), continueOnFail);
		const created = String(leadId('new@example.com'));
		expect(callsTo(org.emulator, 'POST', '/composite/sobjects')[1].body).toEqual(collection(false, [member(known), member(created)]));
		expect(queriesSent(org.emulator)).toEqual([emailLookup(["'known@example.com'", "'new@example.com'"]), lookupOf([known]), lookupOf([known]), lookupOf([known])]);
		return { known, created, result };
	}

	it('only the lead whose membership id is unknown fails, keeping its saved id; the other item keeps its membership (Continue On Fail)', async () => {
		const { known, created, result } = await saveKnownAndNew(true);

		expect(result.outputs.Salesforce).toEqual([
			outputItem(0, { id: known, success: false, created: false, error: itemError(), errorCode: 'UNKNOWN_EXCEPTION', fields: [] }),
			outputItem(1, { id: created, success: true, created: true, campaignMemberId: membershipOf(created)?.Id }),
		]);
	});

	it('without Continue On Fail, the node stops naming that item and every saved lead', async () => {
		const { known, created, result } = await saveKnownAndNew(false);

		expect(result.error?.message).toBe(
			`Item 0 was saved as lead ${known}. ${itemError()} (UNKNOWN_EXCEPTION) 2 items were already saved in Salesforce (item 0: ${known}, item 1: ${created}).`,
		);
	});
});

describe('Add to Campaign with many campaigns', () => {
	orgForEachTest({}, org);
	const membershipLookup = 'SELECT Id, CampaignId, LeadId FROM CampaignMember WHERE CampaignId IN (';

	it('finds the memberships of 700 leads already in 700 different campaigns, in queries that all fit the URL limit', async () => {
		const emails = Array.from({ length: 700 }, (_, index) => `lead${index}@example.com`);
		const leads = emails.map((Email) => storedLead(org.emulator, { Email }));
		const campaigns = leads.map((_, index) => org.emulator.insert('Campaign', { Name: `Campaign ${index}`, IsActive: true }));
		const memberships = leads.map((LeadId, index) => org.emulator.insert('CampaignMember', { CampaignId: campaigns[index], LeadId }));
		const input = emails.map((email, index) => webhookItem({ ...numberedLead(index, email), campaign: campaigns[index] }));
		const parameters = leadUpsertParameters(LEAD_MAPPING, { matchOn: 'email' }, { campaign: campaign('={{ $json.body.campaign }}') });

		const result = await runSalesforce(org.credential, parameters, input);

		expect(result.error).toBeUndefined();
		const times = (count: number, line: string) => Array.from({ length: count }, () => line);
		expect(dataCalls(org.emulator).map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			...times(2, `GET ${API}/query 200`),
			...times(4, `PATCH ${API}/composite/sobjects 200`),
			...times(4, `POST ${API}/composite/sobjects 200`),
			...times(4, `GET ${API}/query 200`),
		]);
		const asked = leads.map((id, index) => ({ attributes: { type: 'CampaignMember' }, CampaignId: campaigns[index], LeadId: id }));
		expect(callsTo(org.emulator, 'POST', '/composite/sobjects').map((call) => call.body)).toEqual([0, 200, 400, 600].map((start) => collection(false, asked.slice(start, start + 200))));
		const lookups = queriesSent(org.emulator).slice(2);
		expect(lookups.every((soql) => soql.startsWith(membershipLookup))).toBe(true);
		for (const soql of lookups) expect(encodedLength(soql)).toBeLessThanOrEqual(MAX_QUERY_URL_BYTES);
		expect(result.outputs.Salesforce).toEqual(leads.map((id, item) => outputItem(item, { id, success: true, created: false, campaignMemberId: memberships[item] })));
	});
});

describe('Add to Campaign for the existing record of a duplicate', () => {
	orgWithWebinar({ duplicateRuleOnEmail: true });

	it('the existing lead joins the campaign once; both items that found it report that membership', async () => {
		const known = storedLead(org.emulator, { Email: 'known@example.com' });
		const parameters = leadCreateParameters(LEAD_MAPPING, { campaign: campaign(webinar), duplicateRule: 'useExisting' });

		const result = await runSalesforce(org.credential, parameters, leadsWithEmails(['known@example.com', 'KNOWN@example.com']));

		expect(result.error).toBeUndefined();
		expect(org.emulator.records('Lead').map((lead) => lead.Id)).toEqual([known]);
		const [, memberships] = callsTo(org.emulator, 'POST', '/composite/sobjects');
		expect(memberships.body).toEqual(collection(false, [member(known), member(known)]));
		const [membership] = org.emulator.records('CampaignMember');
		expect(org.emulator.records('CampaignMember')).toHaveLength(1);
		expect(queriesSent(org.emulator).slice(-1)).toEqual([`SELECT Id, CampaignId, LeadId FROM CampaignMember WHERE CampaignId IN ('${webinar}') AND LeadId IN ('${known}')`]);
		const existing = { id: known, success: true, created: false, duplicate: true, campaignMemberId: membership.Id };
		expect(result.outputs.Salesforce).toEqual([outputItem(0, existing), outputItem(1, existing)]);
	});
});
