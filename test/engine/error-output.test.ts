/**
 * On Error → "Continue (using error output)": n8n sends an item to the node's error output only when
 * its JSON is `{ error, message?, details? }` (an item carrying an `error` object has its JSON replaced by
 * the bare message). Failed items leave there with everything they say under `details`; the saved
 * ones stay on the success output.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { describeParameters, leadCreateParameters, runWorkflow, webhookItem, webhookToSalesforce } from '../harness';
import { LEAD_MAPPING, orgForEachTest, outputItem } from './helpers';

const org = orgForEachTest();

const ada = { first_name: 'Ada', last_name: 'Lovelace', company: 'Analytical Engines', email: 'ada@example.com' };
const noCompany = { first_name: 'Linus', last_name: 'Torvalds', email: 'linus@example.com' };

function run(parameters: INodeParameters, bodies: IDataObject[], settings: { errorOutput?: boolean; continueOnFail?: boolean }) {
	return runWorkflow({
		workflow: webhookToSalesforce(parameters, settings),
		input: bodies.map((body) => webhookItem(body)),
		credentials: [org.credential],
	});
}

describe('On Error: Continue (using error output)', () => {
	it('sends a lead refused before saving to the error output, with its input, the reason and success: false under details', async () => {
		const result = await run(leadCreateParameters(LEAD_MAPPING), [noCompany, ada], { errorOutput: true });

		const [saved] = org.emulator.records('Lead');
		expect(result.error).toBeUndefined();
		expect(result.outputs.Salesforce).toEqual([outputItem(1, { id: saved.Id, success: true })]);
		expect(result.errorOutputs.Salesforce).toEqual([
			outputItem(0, {
				...webhookItem(noCompany),
				error: expect.stringContaining('Company'),
				details: { success: false, errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] },
			}),
		]);
	});

	it('sends every item to the error output when the whole run fails before any call (a malformed API Version)', async () => {
		const result = await run({ ...leadCreateParameters(LEAD_MAPPING), apiVersion: 'latest' }, [ada, noCompany], { errorOutput: true });

		expect(result.outputs.Salesforce).toEqual([]);
		expect(result.errorOutputs.Salesforce.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.errorOutputs.Salesforce[0].json).toMatchObject({ error: expect.stringContaining('API Version'), details: { success: false, errorCode: 'NODE_ERROR' } });
	});

	it('sends an object Salesforce does not know to the error output of Object → Describe', async () => {
		const result = await run(describeParameters('Nope__c', 'summary', 'name'), [{}], { errorOutput: true });

		expect(result.outputs.Salesforce).toEqual([]);
		expect(result.errorOutputs.Salesforce).toEqual([
			outputItem(0, { ...webhookItem({}), error: expect.any(String), details: { success: false, errorCode: 'NOT_FOUND', fields: [] } }),
		]);
	});

	it('keeps failed items on the one output, with success: false, under "Continue" (regular output)', async () => {
		const result = await run(leadCreateParameters(LEAD_MAPPING), [noCompany, ada], { continueOnFail: true });

		expect(result.outputs.Salesforce[0]).toEqual(
			outputItem(0, { success: false, error: expect.stringContaining('Company'), errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] }),
		);
		expect(result.errorOutputs.Salesforce).toBeUndefined();
	});
});
