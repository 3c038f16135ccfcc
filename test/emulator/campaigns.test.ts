/** Campaigns, their member statuses and CampaignMember creates. */
import { makeId } from '../../emulator';
import { emulator, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const WEBINAR = { name: 'Spring Webinar', statuses: [{ label: 'Invited' }, { label: 'Registered', isDefault: true }, { label: 'Attended', hasResponded: true }] };
const query = (soql: string) => `${V}/query?q=${encodeURIComponent(soql)}`;
const member = (fields: Record<string, unknown>) => ({ attributes: { type: 'CampaignMember' }, ...fields });

async function orgWithCampaign() {
	const em = await emulator({ campaigns: [WEBINAR, { name: 'Old Trade Show', isActive: false }] });
	const [webinar, tradeShow] = em.records('Campaign').map((campaign) => campaign.Id as string);
	const lead = em.insert('Lead', { LastName: 'Lovelace', Company: 'Engines', Email: 'ada@example.com' });
	return { em, webinar, tradeShow, lead };
}

describe('campaigns', () => {
	it('stores the campaigns of the options with 701 ids, active unless told otherwise', async () => {
		const { em, webinar } = await orgWithCampaign();
		expect(webinar).toBe(makeId('701', 1));
		expect(em.records('Campaign').map(({ Name, IsActive, Status }) => ({ Name, IsActive, Status }))).toEqual([
			{ Name: 'Spring Webinar', IsActive: true, Status: 'Planned' },
			{ Name: 'Old Trade Show', IsActive: false, Status: 'Planned' },
		]);
	});

	it('stores each campaign\'s member statuses in order, one default; Sent and Responded when none are given', async () => {
		const { em, webinar, tradeShow } = await orgWithCampaign();
		const statuses = em.records('CampaignMemberStatus').map(({ Id, CampaignId, Label, SortOrder, IsDefault, HasResponded }) => ({
			prefix: (Id as string).slice(0, 3), CampaignId, Label, SortOrder, IsDefault, HasResponded,
		}));
		expect(statuses).toEqual([
			{ prefix: '01Y', CampaignId: webinar, Label: 'Invited', SortOrder: 1, IsDefault: false, HasResponded: false },
			{ prefix: '01Y', CampaignId: webinar, Label: 'Registered', SortOrder: 2, IsDefault: true, HasResponded: false },
			{ prefix: '01Y', CampaignId: webinar, Label: 'Attended', SortOrder: 3, IsDefault: false, HasResponded: true },
			{ prefix: '01Y', CampaignId: tradeShow, Label: 'Sent', SortOrder: 1, IsDefault: true, HasResponded: false },
			{ prefix: '01Y', CampaignId: tradeShow, Label: 'Responded', SortOrder: 2, IsDefault: false, HasResponded: true },
		]);
	});

	it('gives a campaign created through the API the statuses Sent (default) and Responded', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Campaign`, { Name: 'Newsletter' });
		const { id } = answer.json as { id: string };
		expect(em.records('CampaignMemberStatus').map(({ CampaignId, Label, IsDefault }) => ({ CampaignId, Label, IsDefault }))).toEqual([
			{ CampaignId: id, Label: 'Sent', IsDefault: true },
			{ CampaignId: id, Label: 'Responded', IsDefault: false },
		]);
	});

	it('finds active campaigns by a part of their name, ordered by name', async () => {
		const em = await emulator({ campaigns: [{ name: 'Webinar B' }, { name: 'Old webinar', isActive: false }, { name: 'Trade Show' }, { name: 'webinar A' }] });
		const answer = await rest(em, 'GET', query('SELECT Id, Name FROM Campaign WHERE IsActive = true AND Name LIKE \'%Webinar%\' ORDER BY Name LIMIT 100'));
		const records = (answer.json as { records: Array<{ Id: string; Name: string }> }).records;
		expect(records.map((campaign) => campaign.Name)).toEqual(['webinar A', 'Webinar B']);
		expect(records[0].Id).toBe(makeId('701', 4));
	});

	it('lists a campaign\'s member statuses through SOQL, by its 15- or 18-character id', async () => {
		const { em, webinar } = await orgWithCampaign();
		for (const id of [webinar, webinar.slice(0, 15)]) {
			const answer = await rest(em, 'GET', query(`SELECT Label, IsDefault, HasResponded, SortOrder FROM CampaignMemberStatus WHERE CampaignId = '${id}' ORDER BY SortOrder`));
			expect((answer.json as { records: unknown[] }).records.map((status) => { const { attributes, ...fields } = status as Record<string, unknown>; return fields; })).toEqual([
				{ Label: 'Invited', IsDefault: false, HasResponded: false, SortOrder: 1 },
				{ Label: 'Registered', IsDefault: true, HasResponded: false, SortOrder: 2 },
				{ Label: 'Attended', IsDefault: false, HasResponded: true, SortOrder: 3 },
			]);
		}
	});

	it('refuses two default statuses at start-up', async () => {
		await expect(emulator({ campaigns: [{ name: 'X', statuses: [{ label: 'A', isDefault: true }, { label: 'B', isDefault: true }] }] })).rejects.toThrow('campaigns: "X" has more than one default status');
	});
});

describe('campaign members', () => {
	it('adds a lead to a campaign: 201 with an 00v id, the status as the campaign spells it, the lead\'s name and email', async () => {
		const { em, webinar, lead } = await orgWithCampaign();
		const answer = await rest(em, 'POST', `${V}/sobjects/CampaignMember`, { CampaignId: webinar, LeadId: lead, Status: 'attended' });
		expect(answer.status).toBe(201);
		const [stored] = em.records('CampaignMember');
		expect(answer.json).toEqual({ id: stored.Id, success: true, errors: [] });
		expect((stored.Id as string).slice(0, 3)).toBe('00v');
		expect(stored).toMatchObject({ CampaignId: webinar, LeadId: lead, Status: 'Attended', HasResponded: true, Type: 'Lead', LeadOrContactId: lead, Name: 'Lovelace', Email: 'ada@example.com', CompanyOrAccount: 'Engines' });
		expect(em.apiUsage().byEndpoint).toEqual({ 'POST /sobjects/{Name}': 1 });
	});

	it('stores the campaign\'s default status for a status the campaign does not have, or none', async () => {
		const { em, webinar, lead } = await orgWithCampaign();
		const other = em.insert('Lead', { LastName: 'Hopper', Company: 'Navy' });
		const answer = await rest(em, 'POST', `${V}/composite/sobjects`, { records: [member({ CampaignId: webinar, LeadId: lead, Status: 'Sent' }), member({ CampaignId: webinar, LeadId: other })] });
		expect((answer.json as Array<{ success: boolean }>).map((result) => result.success)).toEqual([true, true]);
		expect(em.records('CampaignMember').map(({ Status, HasResponded }) => ({ Status, HasResponded }))).toEqual([
			{ Status: 'Registered', HasResponded: false },
			{ Status: 'Registered', HasResponded: false },
		]);
	});

	it('stores a lead or campaign id given in 15 characters in its 18-character form', async () => {
		const { em, webinar, lead } = await orgWithCampaign();
		await rest(em, 'POST', `${V}/sobjects/CampaignMember`, { CampaignId: webinar.slice(0, 15), LeadId: lead.slice(0, 15) });
		expect(em.records('CampaignMember')[0]).toMatchObject({ CampaignId: webinar, LeadId: lead });
	});

	it('refuses a lead already in the campaign with DUPLICATE_VALUE "Already a campaign member." and changes nothing', async () => {
		const { em, webinar, lead } = await orgWithCampaign();
		em.insert('CampaignMember', { CampaignId: webinar, LeadId: lead, Status: 'Invited' });
		const answer = await rest(em, 'POST', `${V}/sobjects/CampaignMember`, { CampaignId: webinar, LeadId: lead.slice(0, 15), Status: 'Attended' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'Already a campaign member.', errorCode: 'DUPLICATE_VALUE', fields: [] }]);
		expect(em.records('CampaignMember').map((stored) => stored.Status)).toEqual(['Invited']);
	});

	it('refuses the second of two identical members in one Collections call', async () => {
		const { em, webinar, lead } = await orgWithCampaign();
		const answer = await rest(em, 'POST', `${V}/composite/sobjects`, { records: [member({ CampaignId: webinar, LeadId: lead }), member({ CampaignId: webinar, LeadId: lead })] });
		const [saved] = em.records('CampaignMember');
		expect(answer.json).toEqual([
			{ id: saved.Id, success: true, errors: [] },
			{ success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: 'Already a campaign member.', fields: [] }] },
		]);
	});

	it('adds the same lead to two campaigns', async () => {
		const { em, webinar, tradeShow, lead } = await orgWithCampaign();
		const answer = await rest(em, 'POST', `${V}/composite/sobjects`, { records: [member({ CampaignId: webinar, LeadId: lead }), member({ CampaignId: tradeShow, LeadId: lead })] });
		expect((answer.json as Array<{ success: boolean }>).map((result) => result.success)).toEqual([true, true]);
	});

	it('fails a campaign or lead the org does not have with INVALID_CROSS_REFERENCE_KEY', async () => {
		const { em, webinar, lead } = await orgWithCampaign();
		const answer = await rest(em, 'POST', `${V}/composite/sobjects`, {
			records: [member({ CampaignId: makeId('701', 99), LeadId: lead }), member({ CampaignId: webinar, LeadId: makeId('00Q', 99) })],
		});
		const missing = { success: false, errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] }] };
		expect(answer.json).toEqual([missing, missing]);
	});

	it('fails an id of another object in CampaignId with FIELD_INTEGRITY_EXCEPTION', async () => {
		const { em, lead } = await orgWithCampaign();
		const answer = await rest(em, 'POST', `${V}/sobjects/CampaignMember`, { CampaignId: lead, LeadId: lead });
		expect(answer.json).toEqual([{ message: `Campaign ID: id value of incorrect type: ${lead}`, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['CampaignId'] }]);
	});

	it('requires CampaignId', async () => {
		const { em, lead } = await orgWithCampaign();
		const answer = await rest(em, 'POST', `${V}/sobjects/CampaignMember`, { LeadId: lead });
		expect(answer.json).toEqual([{ message: 'Required fields are missing: [CampaignId]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['CampaignId'] }]);
	});

	it('requires a LeadId or a ContactId', async () => {
		const { em, webinar } = await orgWithCampaign();
		const answer = await rest(em, 'POST', `${V}/sobjects/CampaignMember`, { CampaignId: webinar });
		expect(answer.json).toEqual([{ message: 'Required fields are missing: [LeadId, ContactId]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LeadId', 'ContactId'] }]);
	});

	it('keeps only the contact when a member names both a lead and a contact', async () => {
		const { em, webinar, lead } = await orgWithCampaign();
		const contact = em.insert('Contact', { LastName: 'Babbage' });
		await rest(em, 'POST', `${V}/sobjects/CampaignMember`, { CampaignId: webinar, LeadId: lead, ContactId: contact });
		const [stored] = em.records('CampaignMember');
		expect(stored).toMatchObject({ ContactId: contact, Type: 'Contact', LeadOrContactId: contact, Name: 'Babbage' });
		expect(stored.LeadId).toBeUndefined();
	});
});
