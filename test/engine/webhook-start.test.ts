import { readFileSync } from 'node:fs';
import path from 'node:path';

import { startEmulator, type EmulatorHandle } from '../../emulator';
import { connectedCredential, forgetSharedState, receiveWebhookRequests, runWorkflow, type WorkflowFile } from '../harness';

const workflow = JSON.parse(
	readFileSync(path.resolve(__dirname, '..', '..', 'examples', 'lead-intake.workflow.json'), 'utf8'),
) as WorkflowFile;

let emulator: EmulatorHandle;

// Each test meets a cold describe cache, as a freshly started n8n would.
beforeEach(() => forgetSharedState());

beforeEach(async () => {
	emulator = await startEmulator();
});
afterEach(async () => await emulator.stop());

describe('A lead POSTed to the lead-intake Webhook', () => {
	const ada = { first_name: 'Ada', last_name: 'Lovelace', company: 'Analytical Engines', email: 'ada@example.com' };

	it('becomes one webhook item carrying the request body', async () => {
		const items = await receiveWebhookRequests(workflow, [
			{ body: ada, headers: { 'content-type': 'application/json' } },
		]);

		expect(items).toEqual([
			{
				headers: { 'content-type': 'application/json' },
				params: {},
				query: {},
				body: ada,
				webhookUrl: 'http://localhost:5678/webhook/lead-intake',
				executionMode: 'production',
			},
		]);
	});

	it('is created in Salesforce from the fields mapped out of that body', async () => {
		const input = await receiveWebhookRequests(workflow, [{ body: ada }]);

		const result = await runWorkflow({ workflow, input, credentials: [await connectedCredential(emulator)] });

		const [stored] = emulator.records('Lead');
		expect(stored).toMatchObject({
			FirstName: 'Ada',
			LastName: 'Lovelace',
			Company: 'Analytical Engines',
			Email: 'ada@example.com',
			LeadSource: 'Web',
		});
		expect(result.outputs['Create or Update Lead']).toEqual([{ json: { id: stored.Id, success: true, created: true }, pairedItem: { item: 0 } }]);
	});
});
