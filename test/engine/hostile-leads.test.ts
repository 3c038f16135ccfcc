/** A public form's worst posts among good leads: the run finishes in seconds, good leads are created, each bad one is refused on its own item. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { EmulatorHandle } from '../../emulator';
import { leadCreateParameters, runWorkflow, webhookItem, webhookToSalesforce, type StoredCredential } from '../harness';
import { connectedOrg, createCalls, LEAD_MAPPING } from './helpers';

let emulator: EmulatorHandle;
let credential: StoredCredential;

beforeEach(async () => ({ emulator, credential } = await connectedOrg()));
afterEach(async () => await emulator.stop());

const MAPPING = {
	...LEAD_MAPPING,
	NumberOfEmployees: '={{ $json.body.employees }}',
	BirthdayHour__c: '={{ $json.body.met_at }}',
	marcas__c: '={{ $json.body.brands }}',
};

const valid = (index: number): IDataObject => ({ first_name: 'Good', last_name: `Lead ${index}`, company: 'Valid Ltd', email: `good${index}@example.com` });

describe('Lead → Create with hostile items among valid ones (Continue On Fail)', () => {
	it('creates the valid leads and refuses a 1 MB email, a 300 kB number, an impossible date-time and 40,000 multi-select values, each naming its field', async () => {
		const bodies: IDataObject[] = [
			valid(0),
			{ ...valid(1), email: `a@${'.'.repeat(1_000_000)}@x` },
			valid(2),
			{ ...valid(3), employees: '9'.repeat(300_000) },
			{ ...valid(4), met_at: '2024-01-01T10:00:00+99:99' },
			{ ...valid(5), met_at: 1e20 },
			{ ...valid(6), brands: Array.from({ length: 40_000 }, (_, index) => `brand ${index}`).join(';') },
			{ ...valid(7), employees: 1e20 },
			valid(8),
		];
		const started = performance.now();

		const result = await runWorkflow({
			workflow: webhookToSalesforce(leadCreateParameters(MAPPING), { continueOnFail: true }),
			input: bodies.map((body) => webhookItem(body)),
			credentials: [credential],
		});

		expect(performance.now() - started).toBeLessThan(10_000);
		expect(result.error).toBeUndefined();
		const stored = emulator.records('Lead');
		expect(stored.map((lead) => lead.LastName)).toEqual(['Lead 0', 'Lead 2', 'Lead 8']);
		const output = result.outputs.Salesforce.map((item) => item.json);
		expect(output.map((json) => (json.success ? 'created' : `${json.errorCode} ${(json.fields as string[]).join(',')}`))).toEqual([
			'created',
			'STRING_TOO_LONG Email',
			'created',
			'NUMBER_OUTSIDE_VALID_RANGE NumberOfEmployees',
			'INVALID_TYPE_ON_FIELD_IN_RECORD BirthdayHour__c',
			'INVALID_TYPE_ON_FIELD_IN_RECORD BirthdayHour__c',
			'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST marcas__c',
			'NUMBER_OUTSIDE_VALID_RANGE NumberOfEmployees',
			'created',
		]);
		for (const json of output) expect(JSON.stringify(json).length).toBeLessThan(1000);
		expect(createCalls(emulator)).toHaveLength(1);
	});

	it('without Continue On Fail, stops before any create and names the item, the field, and that nothing was sent', async () => {
		const result = await runWorkflow({
			workflow: webhookToSalesforce(leadCreateParameters(MAPPING)),
			input: [webhookItem(valid(0)), webhookItem({ ...valid(1), met_at: '2024-01-01T10:00:00-2400' })],
			credentials: [credential],
		});

		expect(result.error?.message).toBe(
			'Item 1 is not a valid Lead: Field "BirthdayHour__c": expected an ISO 8601 date-time such as 2026-05-01T14:30:00Z, between 1700 and 4000, got "2024-01-01T10:00:00-2400". Nothing was sent to Salesforce: the items are checked before any is sent.',
		);
		expect(emulator.records('Lead')).toEqual([]);
		expect(createCalls(emulator)).toEqual([]);
	});
});

describe('Map Automatically on a public form', () => {
	const autoMapped = (options: INodeParameters): INodeParameters => ({
		resource: 'lead',
		operation: 'create',
		fields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] },
		options,
	});

	it('refuses an item that sets a field outside "Fields Map Automatically May Set", and creates the others', async () => {
		const result = await runWorkflow({
			workflow: webhookToSalesforce(autoMapped({ autoMapFields: ['LastName', 'Company', 'Email'] }), { continueOnFail: true }),
			input: [{ LastName: 'Form', Company: 'Public', Email: 'form@example.com' }, { LastName: 'Sneaky', Company: 'Public', OwnerId: '005Em0000000001AAA' }],
			credentials: [credential],
		});

		expect(result.outputs.Salesforce.map((item) => item.json)).toEqual([
			{ id: emulator.records('Lead')[0].Id, success: true },
			{
				success: false,
				error: 'Field "OwnerId" may not be set by this input: it is not one of the fields "Map Automatically" may set',
				errorCode: 'FIELD_NOT_ALLOWED',
				fields: ['OwnerId'],
			},
		]);
		expect(emulator.records('Lead')).toHaveLength(1);
	});
});
