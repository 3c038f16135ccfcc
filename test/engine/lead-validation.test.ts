import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { EmulatorHandle } from '../../emulator';
import {
	getResourceMappingFields,
	leadCreateParameters,
	SALESFORCE_NODE_TYPE,
	runWorkflow,
	webhookItem,
	webhookToSalesforce,
	type StoredCredential,
} from '../harness';
import { API, callLine, capturedLeadDescribe, connectedOrg, dataCalls, LEAD_MAPPING, leadRecord, createCalls } from './helpers';

let emulator: EmulatorHandle;
let credential: StoredCredential;

afterEach(async () => await emulator.stop());

async function startOrg(describes?: Record<string, object>) {
	({ emulator, credential } = await connectedOrg({ describes }));
}

const ada = { first_name: 'Ada', last_name: 'Lovelace', company: 'Analytical Engines', email: 'ada@example.com' };
const grace = { first_name: 'Grace', last_name: 'Hopper', company: 'Cobol Systems', email: 'grace@example.com' };

function create(mapping: INodeParameters, bodies: IDataObject[], continueOnFail: boolean) {
	return runWorkflow({
		workflow: webhookToSalesforce(leadCreateParameters({ ...LEAD_MAPPING, ...mapping }), { continueOnFail }),
		input: bodies.map((body) => webhookItem(body)),
		credentials: [credential],
	});
}

/** The captured Lead describe plus a required custom text field and a restricted picklist. */
function leadDescribeWithOrgFields(): IDataObject {
	const describe = capturedLeadDescribe();
	const template = (describe.fields as IDataObject[]).find((field) => field.name === 'SICCode__c')!;
	const region = { ...template, name: 'Region__c', label: 'Region', length: 40, nillable: false, defaultedOnCreate: false };
	const tier = {
		...template,
		name: 'Tier__c',
		label: 'Tier',
		type: 'picklist',
		length: 255,
		restrictedPicklist: true,
		picklistValues: ['Gold', 'Silver', 'Bronze'].map((value) => ({
			value,
			label: value,
			active: true,
			defaultValue: false,
			validFor: null,
		})),
	};
	return { ...describe, fields: [...(describe.fields as IDataObject[]), region, tier] };
}

describe('Lead → Create checks every item against the describe before sending it', () => {
	it('reports a missing required field on its item and sends only the valid ones (Continue On Fail)', async () => {
		await startOrg();
		const noCompany = { ...grace, company: undefined };

		const result = await create({}, [ada, noCompany], true);

		const creates = createCalls(emulator);
		expect(creates.map((call) => call.body)).toEqual([{ allOrNone: false, records: [leadRecord(ada)] }]);
		const [stored] = emulator.records('Lead');
		expect(result.outputs.Salesforce).toEqual([
			{ json: { id: stored.Id, success: true }, pairedItem: { item: 0 } },
			{
				json: { success: false, error: expect.stringContaining('Company'), errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] },
				pairedItem: { item: 1 },
			},
		]);
	});

	it('stops on a missing required field, naming the field, without sending a create', async () => {
		await startOrg();

		const result = await create({}, [{ ...ada, last_name: undefined }], false);

		expect(result.error?.message).toContain('LastName');
		expect(dataCalls(emulator).map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`]);
		expect(emulator.records('Lead')).toEqual([]);
	});

	it('rejects a field the object does not have', async () => {
		await startOrg();

		const result = await create({ Favourite_Colour__c: 'teal' }, [ada], true);

		expect(result.outputs.Salesforce).toEqual([
			{
				json: {
					success: false,
					error: expect.stringContaining('Favourite_Colour__c'),
					errorCode: 'INVALID_FIELD',
					fields: ['Favourite_Colour__c'],
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(createCalls(emulator)).toEqual([]);
	});

	it('rejects a value outside a restricted picklist', async () => {
		await startOrg();

		const result = await create({ GeocodeAccuracy: 'Somewhere' }, [ada], true);

		expect(result.outputs.Salesforce).toEqual([
			{
				json: {
					success: false,
					error: expect.stringContaining('GeocodeAccuracy'),
					errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
					fields: ['GeocodeAccuracy'],
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(createCalls(emulator)).toEqual([]);
	});

	it('rejects a string longer than the field allows', async () => {
		await startOrg();

		const result = await create({}, [{ ...ada, first_name: 'A'.repeat(41) }], true);

		expect(result.outputs.Salesforce).toEqual([
			{
				json: { success: false, error: expect.stringContaining('FirstName'), errorCode: 'STRING_TOO_LONG', fields: ['FirstName'] },
				pairedItem: { item: 0 },
			},
		]);
		expect(createCalls(emulator)).toEqual([]);
	});

	it('reports the missing field the same way when the workflow was saved by the editor, with its field schema', async () => {
		await startOrg();
		const { fields: schema } = await getResourceMappingFields('getLeadFields', {
			nodeType: SALESFORCE_NODE_TYPE,
			parameters: leadCreateParameters({}),
			path: 'parameters.fields',
			credentials: [credential],
		});

		const result = await runWorkflow({
			workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING, {}, schema), { continueOnFail: true }),
			input: [webhookItem({ ...ada, company: undefined })],
			credentials: [credential],
		});

		expect(result.outputs.Salesforce).toEqual([
			{
				json: { success: false, error: expect.stringContaining('Company'), errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('leaves an empty mapped value out of the record instead of sending ""', async () => {
		await startOrg();

		await create({ Phone: '={{ $json.body.phone }}' }, [{ ...ada, phone: '' }], false);

		const create_ = createCalls(emulator)[0];
		expect(create_.body).toEqual({ allOrNone: true, records: [leadRecord(ada)] });
	});
});

describe('Lead → Create on an org with its own required field and restricted picklist', () => {
	it('requires the org\'s custom field', async () => {
		await startOrg({ Lead: leadDescribeWithOrgFields() });

		const result = await create({}, [ada], true);

		expect(result.outputs.Salesforce).toEqual([
			{
				json: { success: false, error: expect.stringContaining('Region__c'), errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Region__c'] },
				pairedItem: { item: 0 },
			},
		]);
		expect(createCalls(emulator)).toEqual([]);
	});

	it('creates the lead with the custom field and an allowed picklist value', async () => {
		await startOrg({ Lead: leadDescribeWithOrgFields() });

		const result = await create({ Region__c: 'EMEA', Tier__c: 'Gold' }, [ada], true);

		const [stored] = emulator.records('Lead');
		expect(stored).toMatchObject({ LastName: 'Lovelace', Region__c: 'EMEA', Tier__c: 'Gold' });
		expect(result.outputs.Salesforce).toEqual([{ json: { id: stored.Id, success: true }, pairedItem: { item: 0 } }]);
	});

	it('rejects a value outside the org\'s restricted picklist', async () => {
		await startOrg({ Lead: leadDescribeWithOrgFields() });

		const result = await create({ Region__c: 'EMEA', Tier__c: 'Platinum' }, [ada], true);

		expect(result.outputs.Salesforce).toEqual([
			{
				json: {
					success: false,
					error: expect.stringContaining('Tier__c'),
					errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
					fields: ['Tier__c'],
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});
