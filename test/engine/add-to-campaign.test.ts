/** "Add to Campaign": each saved lead becomes a CampaignMember, in Collections calls; a lead already a member counts as done. */
import { makeId } from '../../emulator';
import { leadCreateParameters, leadUpsertParameters, webhookItem } from '../harness';
import { API, callLine, callsTo, collection, dataCalls, LEAD_MAPPING, leadsWithEmail, leadsWithEmails, numberedLead, numberedLeads, orgForEachTest, outputItem, queriesSent, runSalesforce, salesforceHeaders, storedLead } from './helpers';

const org = orgForEachTest({ campaigns: [{ name: 'Spring Webinar' }] });
let webinar: string;

beforeEach(() => (webinar = String(org.emulator.records('Campaign')[0].Id)));

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
