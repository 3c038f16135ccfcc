import type { IDataObject } from 'n8n-workflow';

import type { EmulatorHandle } from '../../emulator';
import {
	describeParameters,
	runWorkflow,
	webhookItem,
	webhookToSalesforce,
	type StoredCredential,
} from '../harness';
import { API, CAPTURED_LEAD, callLine, capturedLeadDescribe, connectedOrg } from './helpers';

let emulator: EmulatorHandle;
let credential: StoredCredential;

beforeEach(async () => ({ emulator, credential } = await connectedOrg({ describes: CAPTURED_LEAD })));
afterEach(async () => await emulator.stop());

function describeObject(
	sobject: string,
	options: { output?: 'summary' | 'raw'; mode?: 'list' | 'name'; items?: number; continueOnFail?: boolean } = {},
) {
	return runWorkflow({
		workflow: webhookToSalesforce(describeParameters(sobject, options.output, options.mode), {
			continueOnFail: options.continueOnFail,
		}),
		input: Array.from({ length: options.items ?? 1 }, () => webhookItem({})),
		credentials: [credential],
	});
}

const fieldNamed = (summary: IDataObject, name: string) =>
	(summary.fields as IDataObject[]).find((field) => field.name === name);

describe('Object → Describe', () => {
	it('summarises the captured Lead: exactly LastName and Company required, no checkbox', async () => {
		const result = await describeObject('Lead');

		const [{ json: summary, pairedItem }] = result.outputs.Salesforce;
		expect(pairedItem).toEqual({ item: 0 });
		expect(summary).toMatchObject({ name: 'Lead', label: 'Lead', keyPrefix: '00Q', createable: true });
		expect(summary.requiredOnCreate).toEqual(['LastName', 'Company']);
		const required = (summary.fields as IDataObject[]).filter((field) => field.required);
		expect(required.map((field) => field.name)).toEqual(['LastName', 'Company']);
		expect(fieldNamed(summary, 'LastName')).toEqual({
			name: 'LastName',
			label: 'Sobrenome',
			type: 'string',
			required: true,
			createable: true,
			updateable: true,
			length: 80,
			picklistValues: [],
		});
		expect(fieldNamed(summary, 'TesteBoleano__c')).toMatchObject({ type: 'boolean', required: false });
		expect((summary.fields as IDataObject[]).map((field) => field.name)).toEqual(
			(capturedLeadDescribe().fields as IDataObject[]).map((field) => field.name),
		);
		expect(emulator.requests().map(callLine)).toEqual([`GET ${API}/sobjects/Lead/describe 200`]);
	});

	it('answers the raw describe exactly as Salesforce sent it', async () => {
		const result = await describeObject('Lead', { output: 'raw' });

		expect(result.outputs.Salesforce).toEqual([{ json: capturedLeadDescribe(), pairedItem: { item: 0 } }]);
	});

	it('describes Account, with Name as its only required field', async () => {
		const result = await describeObject('Account', { mode: 'name' });

		const [{ json: summary }] = result.outputs.Salesforce;
		expect(summary).toMatchObject({ name: 'Account', label: 'Account', keyPrefix: '001', createable: true });
		expect(summary.requiredOnCreate).toEqual(['Name']);
	});

	it('fetches a describe once per execution however many items ask for it', async () => {
		const result = await describeObject('Lead', { items: 3 });

		expect(result.outputs.Salesforce.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(emulator.apiUsage().byEndpoint).toEqual({ 'GET /sobjects/{Name}/describe': 1 });
	});

	it('stops on an object the org does not have, saying to check the name', async () => {
		const result = await describeObject('Spaceship__c', { mode: 'name' });

		expect(result.error?.message).toContain('NOT_FOUND');
		expect(result.error?.description).toContain('Check the object or record name');
		expect(emulator.requests().map(callLine)).toEqual([`GET ${API}/sobjects/Spaceship__c/describe 404`]);
	});

	it('reports an unknown object on the item with Continue On Fail', async () => {
		const result = await describeObject('Spaceship__c', { mode: 'name', continueOnFail: true });

		expect(result.outputs.Salesforce).toEqual([
			{
				json: { success: false, error: expect.stringContaining('The requested resource does not exist'), errorCode: 'NOT_FOUND', fields: [] },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('asks again after a pause when Salesforce is briefly unavailable, and the run succeeds', async () => {
		emulator.faults.add({ method: 'GET', path: '/sobjects/Lead/describe', status: 503 });

		const result = await describeObject('Lead');

		expect(result.error).toBeUndefined();
		expect(result.outputs.Salesforce[0].json.requiredOnCreate).toEqual(['LastName', 'Company']);
		expect(emulator.requests().map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 503`,
			`GET ${API}/sobjects/Lead/describe 200`,
		]);
	});

	it('gives up after two retries of an unavailable Salesforce and says so', async () => {
		emulator.faults.add({ method: 'GET', path: '/sobjects/Lead/describe', status: 503, times: Infinity });

		const result = await describeObject('Lead');

		expect(result.error?.message).toContain('503');
		expect(emulator.requests().map(callLine)).toEqual(Array(3).fill(`GET ${API}/sobjects/Lead/describe 503`));
	});

	it('refuses a name that is not a Salesforce API name without calling Salesforce', async () => {
		const result = await describeObject('Lead/../Account', { mode: 'name' });

		expect(result.error?.message).toMatch(/not a Salesforce API name/i);
		expect(emulator.requests()).toEqual([]);
	});
});
