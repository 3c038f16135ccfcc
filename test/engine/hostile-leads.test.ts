/** A public form's worst posts among good leads: the run finishes in seconds, good leads are created, each bad one is refused on its own item. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { EmulatorHandle } from '../../emulator';
import { describeParameters, leadCreateParameters, leadUpsertParameters, runWorkflow, webhookItem, webhookToSalesforce, type StoredCredential, type WorkflowResult } from '../harness';
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

describe('names a stranger may send, quoted at most 60 characters long', () => {
	const autoMapped = { resource: 'lead', operation: 'create', fields: { mappingMode: 'autoMapInputData', value: null, matchingColumns: [], schema: [] }, options: {} };
	/** More of a name than any message may quote. */
	const tooMuchOf = (name: string) => name.slice(0, 61);
	/** Everything the node put on its error (n8n adds the node itself, whose parameters hold what the workflow says). */
	const whatTheErrorSays = (error: NonNullable<WorkflowResult['error']>) =>
		JSON.stringify({ message: error.message, description: error.description, context: error.context, response: (error as { errorResponse?: unknown }).errorResponse });

	describe.each([5_000, 1_000_000])('Map Automatically with a %d-character key', (length) => {
		const key = 'K'.repeat(length);
		const shortened = `${'K'.repeat(60)}… (${length} characters)`;
		const input = [{ LastName: 'Form', Company: 'Public', [key]: 'value' }];

		it('fails the item (Continue On Fail) naming the key shortened, in its error and its fields', async () => {
			const result = await runWorkflow({ workflow: webhookToSalesforce(autoMapped, { continueOnFail: true }), input, credentials: [credential] });

			expect(result.outputs.Salesforce.map((item) => item.json)).toEqual([
				{ success: false, error: `Unknown field "${shortened}": Lead has no field with this API name or label`, errorCode: 'INVALID_FIELD', fields: [shortened] },
			]);
			expect(JSON.stringify(result.outputs.Salesforce)).not.toContain(tooMuchOf(key));
		});

		it('stops (Continue On Fail off) with an error naming the key shortened, holding no more of it', async () => {
			const result = await runWorkflow({ workflow: webhookToSalesforce(autoMapped), input, credentials: [credential] });

			const error = result.error as NonNullable<typeof result.error>;
			expect(error.message).toBe(
				`Item 0 is not a valid Lead: Unknown field "${shortened}": Lead has no field with this API name or label. Nothing was sent to Salesforce: the items are checked before any is sent.`,
			);
			expect(whatTheErrorSays(error)).not.toContain(tooMuchOf(key));
			expect(createCalls(emulator)).toEqual([]);
		});
	});

	describe('an External ID Field name of 5,000 letters (an expression reading the form)', () => {
		const field = 'X'.repeat(5_000);
		const shortened = `${'X'.repeat(60)}… (5000 characters)`;
		const upsert = leadUpsertParameters(LEAD_MAPPING, { matchOn: 'externalId', externalIdField: field });

		const refused = `External ID Field "${shortened}" is not a field name: choose a Lead field marked External ID`;

		it('fails the item (Continue On Fail) before any call, naming the field shortened: no field name is that long', async () => {
			const result = await runWorkflow({ workflow: webhookToSalesforce(upsert, { continueOnFail: true }), input: [webhookItem(valid(0))], credentials: [credential] });

			expect(result.outputs.Salesforce.map((item) => item.json)).toEqual([{ success: false, error: refused, errorCode: 'NODE_ERROR', fields: [] }]);
			expect(emulator.requests().filter((request) => request.path.startsWith('/services/data/'))).toEqual([]);
		});

		it('stops (Continue On Fail off) with an error holding no more of the name than that', async () => {
			const result = await runWorkflow({ workflow: webhookToSalesforce(upsert), input: [webhookItem(valid(0))], credentials: [credential] });

			const error = result.error as NonNullable<typeof result.error>;
			expect(error.message).toBe(refused);
			expect(whatTheErrorSays(error)).not.toContain(tooMuchOf(field));
		});
	});

	it('Object → Describe refuses an object name of 5,000 characters read from the form, quoting 60 of them', async () => {
		const name = `${'O'.repeat(4_999)} x`;
		const result = await runWorkflow({
			workflow: webhookToSalesforce(describeParameters('={{ $json.body.object }}', 'summary', 'name'), { continueOnFail: true }),
			input: [webhookItem({ object: name })],
			credentials: [credential],
		});

		expect(result.outputs.Salesforce.map((item) => item.json)).toEqual([
			{
				success: false,
				error: `Object "${'O'.repeat(60)}… (5001 characters)" is not a Salesforce API name: use letters, digits and underscores, starting with a letter (e.g. Lead or My_Object__c)`,
				errorCode: 'NODE_ERROR',
				fields: [],
			},
		]);
	});
});
