import type { IDataObject, ResourceMapperField } from 'n8n-workflow';

import type { EmulatorHandle } from '../../emulator';
import {
	describeParameters,
	getResourceMappingFields,
	leadCreateParameters,
	SALESFORCE_NODE_TYPE,
	searchList,
	type StoredCredential,
} from '../harness';
import { accessToken, API, CAPTURED_LEAD, callLine, capturedLeadDescribe, connectedOrg } from './helpers';

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
