import type { IDataObject, INodeParameterResourceLocator, ResourceMapperField } from 'n8n-workflow';

import type { EmulatorHandle } from '../../emulator';
import {
	describeParameters,
	getOptions,
	getResourceMappingFields,
	leadCreateParameters,
	SALESFORCE_NODE_TYPE,
	searchList,
	type StoredCredential,
} from '../harness';
import { accessToken, API, CAPTURED_LEAD, callLine, callsTo, capturedLeadDescribe, connectedOrg, dataCalls, LEAD_MAPPING, numberedLeads, queriesSent, runSalesforce } from './helpers';

let emulator: EmulatorHandle;
let credential: StoredCredential;

afterEach(async () => await emulator.stop());

async function startOrg(describes: Record<string, string | object> = CAPTURED_LEAD) {
	({ emulator, credential } = await connectedOrg({ describes }));
}

/** What the editor asks when the Fields list of Lead → Create opens. */
async function leadFields(): Promise<ResourceMapperField[]> {
	const { fields } = await getResourceMappingFields('getLeadFields', {
		nodeType: SALESFORCE_NODE_TYPE,
		parameters: leadCreateParameters({}),
		path: 'parameters.fields',
		credentials: [credential],
	});
	return fields;
}

const named = (fields: ResourceMapperField[], id: string) => fields.find((field) => field.id === id);

describe('The Fields list of Lead → Create (resourceMapper getLeadFields)', () => {
	it('offers every createable field of the captured Lead describe, in describe order, from one describe call', async () => {
		await startOrg();

		const fields = await leadFields();

		const createable = (capturedLeadDescribe().fields as IDataObject[]).filter((field) => field.createable);
		expect(fields.map((field) => field.id)).toEqual(createable.map((field) => field.name));
		expect(named(fields, 'Id')).toBeUndefined();
		expect(emulator.requests().map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`]);
		expect(emulator.requests()[0].headers.authorization).toBe(`Bearer ${accessToken(credential)}`);
	});

	it('marks exactly LastName and Company required, never a checkbox', async () => {
		await startOrg();

		const fields = await leadFields();

		expect(fields.filter((field) => field.required).map((field) => field.id)).toEqual(['LastName', 'Company']);
		expect(named(fields, 'TesteBoleano__c')).toMatchObject({ type: 'boolean', required: false });
	});

	it('maps Salesforce types to editor inputs and offers picklists as options', async () => {
		await startOrg();

		const fields = await leadFields();

		expect(named(fields, 'LastName')).toEqual({
			id: 'LastName',
			displayName: 'Sobrenome (LastName)',
			required: true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
		});
		expect(named(fields, 'NumberOfEmployees')).toMatchObject({ type: 'number' });
		expect(named(fields, 'Birthday__c')).toMatchObject({ type: 'dateTime' });
		expect(named(fields, 'Rating')).toMatchObject({
			type: 'options',
			options: [
				{ name: 'Hot', value: 'Hot' },
				{ name: 'Warm', value: 'Warm' },
				{ name: 'Cold', value: 'Cold' },
			],
		});
	});

	it('answers no fields and says to connect a credential, without calling Salesforce, while the node has none', async () => {
		await startOrg();

		const answer = await getResourceMappingFields('getLeadFields', {
			nodeType: SALESFORCE_NODE_TYPE,
			parameters: leadCreateParameters({}),
			path: 'parameters.fields',
			credentials: [],
		});

		expect(answer).toEqual({
			fields: [],
			emptyFieldsNotice: 'Choose or connect the Salesforce credential above, then press Retry: the fields come from the Lead describe of the org it connects to.',
		});
		expect(emulator.requests()).toEqual([]);
	});

	it('includes an org\'s required custom field and restricted picklist', async () => {
		const describe = capturedLeadDescribe();
		const template = (describe.fields as IDataObject[]).find((field) => field.name === 'SICCode__c')!;
		const region = { ...template, name: 'Region__c', label: 'Region', nillable: false, defaultedOnCreate: false };
		const tier = {
			...template,
			name: 'Tier__c',
			label: 'Tier',
			type: 'picklist',
			restrictedPicklist: true,
			picklistValues: [
				{ value: 'Gold', label: 'Gold', active: true, defaultValue: false, validFor: null },
				{ value: 'Retired', label: 'Retired', active: false, defaultValue: false, validFor: null },
				{ value: 'Silver', label: 'Silver', active: true, defaultValue: true, validFor: null },
			],
		};
		await startOrg({ Lead: { ...describe, fields: [...(describe.fields as IDataObject[]), region, tier] } });

		const fields = await leadFields();

		expect(fields.filter((field) => field.required).map((field) => field.id)).toEqual(['LastName', 'Company', 'Region__c']);
		expect(named(fields, 'Tier__c')).toMatchObject({
			displayName: 'Tier (Tier__c)',
			type: 'options',
			options: [
				{ name: 'Silver', value: 'Silver' },
				{ name: 'Gold', value: 'Gold' },
			],
		});
	});
});

describe('The object list of Object → Describe (listSearch searchObjects)', () => {
	const search = (filter?: string) =>
		searchList(
			'searchObjects',
			{
				nodeType: SALESFORCE_NODE_TYPE,
				parameters: describeParameters(''),
				path: 'parameters.sobject',
				credentials: [credential],
			},
			filter,
		);

	it('lists the org\'s objects from describe global', async () => {
		await startOrg();

		const { results } = await search();

		expect(results.map((result) => result.value)).toEqual(expect.arrayContaining(['Account', 'Contact', 'Lead']));
		expect(emulator.requests().map(callLine)).toEqual([`GET ${API}/sobjects 200`]);
	});

	it('filters by API name or label, any letter case', async () => {
		await startOrg();

		const { results } = await search('lea');

		expect(results).toEqual([{ name: 'Lead', value: 'Lead' }]);
	});
});

describe('The Campaign Member Status list of Lead → Create options (loadOptions getCampaignStatuses)', () => {
	const DEFAULT_STATUS_OPTION = {
		name: 'The Campaign’s Default Status',
		value: '',
		description: 'No status is sent: Salesforce gives each new member the campaign’s default status at the time',
	};
	const statusesFor = (campaign: INodeParameterResourceLocator | undefined) =>
		getOptions('getCampaignStatuses', {
			nodeType: SALESFORCE_NODE_TYPE,
			parameters: leadCreateParameters({}, { ...(campaign && { campaign }), campaignStatus: '' }),
			path: 'parameters.options.campaignStatus',
			credentials: [credential],
		});
	const webinarId = () => String(emulator.records('Campaign')[0].Id);

	beforeEach(async () => {
		({ emulator, credential } = await connectedOrg({
			campaigns: [{ name: 'Spring Webinar', statuses: [{ label: 'Invited' }, { label: 'Registered', isDefault: true }, { label: 'Attended' }] }],
		}));
	});

	it('offers The Campaign’s Default Status (value \'\', the parameter\'s default) first, then the campaign\'s statuses with its current default first', async () => {
		const options = await statusesFor({ __rl: true, mode: 'list', value: webinarId() });

		expect(options).toEqual([
			DEFAULT_STATUS_OPTION,
			{ name: 'Registered (default)', value: 'Registered' },
			{ name: 'Invited', value: 'Invited' },
			{ name: 'Attended', value: 'Attended' },
		]);
		expect(queriesSent(emulator)).toEqual([`SELECT Label, IsDefault FROM CampaignMemberStatus WHERE CampaignId = '${webinarId()}' ORDER BY SortOrder`]);
	});

	it('offers only The Campaign’s Default Status, without calling Salesforce, before a campaign is chosen', async () => {
		expect(await statusesFor(undefined)).toEqual([DEFAULT_STATUS_OPTION]);
		expect(await statusesFor({ __rl: true, mode: 'list', value: '' })).toEqual([DEFAULT_STATUS_OPTION]);
		expect(dataCalls(emulator)).toEqual([]);
	});

	it('offers only The Campaign’s Default Status, without calling Salesforce, while the campaign is an expression', async () => {
		const options = await statusesFor({ __rl: true, mode: 'id', value: '={{ $json.body.campaign }}' });

		expect(options).toEqual([DEFAULT_STATUS_OPTION]);
		expect(dataCalls(emulator)).toEqual([]);
	});

	it('saving with The Campaign’s Default Status chosen sends no Status: each member gets the campaign\'s default', async () => {
		const [defaultChoice] = await statusesFor({ __rl: true, mode: 'list', value: webinarId() });
		const campaign = { __rl: true, mode: 'id', value: webinarId() };

		const result = await runSalesforce(credential, leadCreateParameters(LEAD_MAPPING, { campaign, campaignStatus: defaultChoice.value }), numberedLeads(1));

		expect(result.error).toBeUndefined();
		const [, memberships] = callsTo(emulator, 'POST', '/composite/sobjects');
		const leadId = emulator.records('Lead')[0].Id;
		expect(memberships.body).toEqual({ allOrNone: false, records: [{ attributes: { type: 'CampaignMember' }, CampaignId: webinarId(), LeadId: leadId }] });
		expect(emulator.records('CampaignMember').map((member) => member.Status)).toEqual(['Registered']);
	});
});
