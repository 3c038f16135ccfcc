import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type EmulatorHandle } from '../../emulator';
import { connectedCredential, forgetSharedState, runWorkflow, type StoredCredential, type WorkflowFile } from '../harness';

const examples = path.resolve(__dirname, '..', '..', 'examples');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(examples, file), 'utf8'));

let emulator: EmulatorHandle;

// Each test meets a cold describe cache, as a freshly started n8n would.
beforeEach(() => forgetSharedState());

beforeEach(async () => {
	emulator = await startEmulator();
});
afterEach(async () => await emulator.stop());

const NODE = 'Create or Update Lead';

function runExample(credential: StoredCredential, leads: IDataObject[]) {
	return runWorkflow({ workflow: readJson('lead-intake.workflow.json') as WorkflowFile, input: leads, credentials: [credential] });
}

describe('examples/lead-intake.workflow.json with examples/leads.json', () => {
	it('creates the seven valid leads, explains the one without a company, then describes Lead once', async () => {
		const leads = readJson('leads.json') as IDataObject[];

		const result = await runExample(await connectedCredential(emulator), leads);

		expect(result.error).toBeUndefined();
		const stored = emulator.records('Lead');
		expect(stored.map((record) => record.Email)).toEqual(
			leads.filter((lead) => (lead.body as IDataObject).company).map((lead) => (lead.body as IDataObject).email),
		);
		expect(stored[0]).toMatchObject({ FirstName: 'Ada', LastName: 'Lovelace', LeadSource: 'Web', Phone: '+44 20 7946 0001' });
		expect(stored[2]).not.toHaveProperty('Phone');

		const saved = result.outputs[NODE];
		expect(saved).toHaveLength(8);
		expect(saved[4]).toEqual({
			json: { success: false, error: expect.stringContaining('Company'), errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] },
			pairedItem: { item: 4 },
		});
		expect(saved.filter((item) => item.json.success).map((item) => [item.json.id, item.json.created])).toEqual(stored.map((record) => [record.Id, true]));

		expect(result.outputs['Describe Lead']).toHaveLength(1);
		expect(result.outputs['Describe Lead'][0].json.requiredOnCreate).toEqual(['LastName', 'Company']);
		expect(emulator.apiUsage().byEndpoint).toEqual({
			'GET /sobjects/{Name}/describe': 2,
			'GET /query': 1,
			'POST /composite/sobjects': 1,
		});
	});

	it('updates the same seven leads when the same form posts arrive again, creating none', async () => {
		const leads = readJson('leads.json') as IDataObject[];
		const credential = await connectedCredential(emulator);
		await runExample(credential, leads);
		const first = emulator.records('Lead');

		const again = await runExample(credential, leads);

		expect(emulator.records('Lead').map((record) => record.Id)).toEqual(first.map((record) => record.Id));
		const saved = again.outputs[NODE].filter((item) => item.json.success);
		expect(saved.map((item) => [item.json.id, item.json.created])).toEqual(first.map((record) => [record.Id, false]));
		expect(emulator.apiUsage().byEndpoint['PATCH /composite/sobjects']).toBe(1);
	});
});
