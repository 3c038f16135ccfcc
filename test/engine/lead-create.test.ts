import type { EmulatorHandle } from '../../emulator';
import {
	leadCreateParameters,
	runWorkflow,
	webhookItem,
	webhookToSalesforce,
	type StoredCredential,
} from '../harness';
import {
	accessToken,
	API,
	callLine,
	connectedOrg,
	dataCalls,
	LEAD_MAPPING,
	leadRecord,
	numberedLeads,
	salesforceHeaders, createCalls } from './helpers';

let emulator: EmulatorHandle;
let credential: StoredCredential;

beforeEach(async () => ({ emulator, credential } = await connectedOrg()));
afterEach(async () => await emulator.stop());

const createLeads = (input: ReturnType<typeof numberedLeads>, continueOnFail = false) =>
	runWorkflow({
		workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING), { continueOnFail }),
		input,
		credentials: [credential],
	});

describe('Lead → Create in n8n\'s engine', () => {
	it('creates a lead from a webhook item with one describe and one Collections call', async () => {
		const lead = { first_name: 'Ada', last_name: 'Lovelace', company: 'Analytical Engines', email: 'ada@example.com' };

		const result = await createLeads([webhookItem(lead)]);

		expect(result.error).toBeUndefined();
		const [describe, create] = dataCalls(emulator);
		expect(dataCalls(emulator).map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			`POST ${API}/composite/sobjects 200`,
		]);
		expect(salesforceHeaders(describe)).toEqual({ authorization: `Bearer ${accessToken(credential)}` });
		expect(create.body).toEqual({ allOrNone: true, records: [leadRecord(lead)] });
		expect(salesforceHeaders(create)).toEqual({
			authorization: `Bearer ${accessToken(credential)}`,
			'content-type': 'application/json',
			'sforce-auto-assign': 'TRUE',
		});
		const [stored] = emulator.records('Lead');
		expect(stored).toMatchObject({ FirstName: 'Ada', LastName: 'Lovelace', Company: 'Analytical Engines' });
		expect(result.outputs.Salesforce).toEqual([{ json: { id: stored.Id, success: true }, pairedItem: { item: 0 } }]);
	});

	it('sends records with allOrNone false when Continue On Fail is on', async () => {
		const leads = numberedLeads(2);

		await createLeads(leads, true);

		const create = dataCalls(emulator)[1];
		expect(create.body).toEqual({
			allOrNone: false,
			records: leads.map((item) => leadRecord(item.body as Record<string, string>)),
		});
	});

	it('creates 100 leads in one Collections call, each output item paired with its input', async () => {
		const result = await createLeads(numberedLeads(100));

		expect(emulator.apiUsage().byEndpoint).toEqual({
			'GET /sobjects/{Name}/describe': 1,
			'POST /composite/sobjects': 1,
		});
		const stored = emulator.records('Lead');
		expect(stored).toHaveLength(100);
		expect(result.outputs.Salesforce).toEqual(
			stored.map((record, index) => ({ json: { id: record.Id, success: true }, pairedItem: { item: index } })),
		);
	});

	it('creates 1,000 leads in exactly 5 Collections calls of 200, ids back on their own items in order', async () => {
		const leads = numberedLeads(1000);

		const result = await createLeads(leads);

		const creates = createCalls(emulator);
		expect(creates).toHaveLength(5);
		creates.forEach((call, batch) => {
			expect(call.body).toEqual({
				allOrNone: true,
				records: leads.slice(batch * 200, batch * 200 + 200).map((item) => leadRecord(item.body as Record<string, string>)),
			});
		});
		const stored = emulator.records('Lead');
		expect(stored.map((record) => record.LastName)).toEqual(leads.map((_, index) => `Number ${index}`));
		const output = result.outputs.Salesforce;
		expect(output).toHaveLength(1000);
		output.forEach((item, index) => {
			expect(item).toEqual({ json: { id: stored[index].Id, success: true }, pairedItem: { item: index } });
		});
		expect(new Set(output.map((item) => item.json.id)).size).toBe(1000);
	});

	it('sends Sforce-Auto-Assign FALSE and the duplicate-rule header when the options say so', async () => {
		const parameters = leadCreateParameters(LEAD_MAPPING, { assignment: 'none', duplicateRule: 'allowSave' });

		await runWorkflow({ workflow: webhookToSalesforce(parameters), input: numberedLeads(1), credentials: [credential] });

		const create = dataCalls(emulator)[1];
		expect(salesforceHeaders(create)).toEqual({
			authorization: `Bearer ${accessToken(credential)}`,
			'content-type': 'application/json',
			'sforce-auto-assign': 'FALSE',
			'sforce-duplicate-rule-header': 'allowSave=true',
		});
	});

	it('splits batches at the configured batch size', async () => {
		const parameters = leadCreateParameters(LEAD_MAPPING, { batchSize: 50 });

		const result = await runWorkflow({
			workflow: webhookToSalesforce(parameters),
			input: numberedLeads(120),
			credentials: [credential],
		});

		const sizes = dataCalls(emulator)
			.filter((call) => call.method === 'POST')
			.map((call) => (call.body as { records: unknown[] }).records.length);
		expect(sizes).toEqual([50, 50, 20]);
		expect(result.outputs.Salesforce.map((item) => item.json.id)).toEqual(
			emulator.records('Lead').map((record) => record.Id),
		);
	});
});
