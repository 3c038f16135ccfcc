import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type EmulatorHandle } from '../../emulator';
import { connectedCredential, runWorkflow, type WorkflowFile } from '../harness';

const examples = path.resolve(__dirname, '..', '..', 'examples');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(examples, file), 'utf8'));

let emulator: EmulatorHandle;

beforeEach(async () => {
	emulator = await startEmulator();
});
afterEach(async () => await emulator.stop());

describe('examples/lead-intake.workflow.json with examples/leads.json', () => {
	it('creates the seven valid leads, explains the one without a company, then describes Lead once', async () => {
		const leads = readJson('leads.json') as IDataObject[];

		const result = await runWorkflow({
			workflow: readJson('lead-intake.workflow.json') as WorkflowFile,
			input: leads,
			credentials: [await connectedCredential(emulator)],
		});

		expect(result.error).toBeUndefined();
		const stored = emulator.records('Lead');
		expect(stored.map((record) => record.Email)).toEqual(
			leads.filter((lead) => (lead.body as IDataObject).company).map((lead) => (lead.body as IDataObject).email),
		);
		expect(stored[0]).toMatchObject({ FirstName: 'Ada', LastName: 'Lovelace', LeadSource: 'Web', Phone: '+44 20 7946 0001' });
		expect(stored[2]).not.toHaveProperty('Phone');

		const created = result.outputs['Create Lead'];
		expect(created).toHaveLength(8);
		expect(created[4]).toEqual({
			json: { error: expect.stringContaining('Company'), errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] },
			pairedItem: { item: 4 },
		});
		const createdIds = created.filter((item) => item.json.success).map((item) => item.json.id);
		expect(createdIds).toEqual(stored.map((record) => record.Id));

		expect(result.outputs['Describe Lead']).toHaveLength(1);
		expect(result.outputs['Describe Lead'][0].json.requiredOnCreate).toEqual(['LastName', 'Company']);
		expect(emulator.apiUsage().byEndpoint).toEqual({
			'GET /sobjects/{Name}/describe': 2,
			'POST /composite/sobjects': 1,
		});
	});
});
