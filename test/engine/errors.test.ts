import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { EmulatorHandle, EmulatorOptions, Fault } from '../../emulator';
import {
	leadCreateParameters,
	runWorkflow,
	webhookItem,
	webhookToSalesforce,
	type StoredCredential,
} from '../harness';
import { connectedOrg, createCalls, LEAD_MAPPING, numberedLeads } from './helpers';

let emulator: EmulatorHandle;
let credential: StoredCredential;

afterEach(async () => await emulator.stop());

async function startOrg(options: EmulatorOptions = {}) {
	({ emulator, credential } = await connectedOrg(options));
}

function createLeads(input: IDataObject[], continueOnFail: boolean, options: INodeParameters = {}) {
	return runWorkflow({
		workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING, options), { continueOnFail }),
		input,
		credentials: [credential],
	});
}

const onCreate = (fault: Fault): Fault => ({ method: 'POST', path: '/composite/sobjects', ...fault });

interface ErrorClass {
	/** How Salesforce fails. */
	name: string;
	org?: EmulatorOptions;
	fault?: Fault;
	errorCode: string;
	/** Words the readable message must contain. */
	says: string[];
}

const ERROR_CLASSES: ErrorClass[] = [
	{
		name: 'a Salesforce error array on the create call',
		fault: onCreate({
			status: 400,
			body: [{ message: 'Unexpected character (\'x\' (code 120))', errorCode: 'JSON_PARSER_ERROR' }],
		}),
		errorCode: 'JSON_PARSER_ERROR',
		says: ['Unexpected character'],
	},
	{
		name: 'an HTML 500 page',
		fault: onCreate({
			status: 500,
			contentType: 'text/html',
			body: '<html><head><title>An internal server error has occurred</title></head><body><p>Error ID: 1234-5678</p></body></html>',
		}),
		errorCode: 'HTTP_500',
		says: ['An internal server error has occurred', 'try again later'],
	},
	{
		name: '503 server unavailable',
		fault: onCreate({ status: 503, body: [{ message: 'Server is temporarily unavailable', errorCode: 'SERVER_UNAVAILABLE' }] }),
		errorCode: 'SERVER_UNAVAILABLE',
		says: ['temporarily unavailable'],
	},
	{
		name: 'REQUEST_LIMIT_EXCEEDED once the daily allowance is spent',
		org: { apiLimit: 1 },
		errorCode: 'REQUEST_LIMIT_EXCEEDED',
		says: ['API request allowance'],
	},
	{
		name: 'API_DISABLED_FOR_ORG',
		fault: {
			method: 'GET',
			path: /\/describe$/,
			status: 403,
			body: [{ message: 'The REST API is not enabled for this Organization.', errorCode: 'API_DISABLED_FOR_ORG' }],
		},
		errorCode: 'API_DISABLED_FOR_ORG',
		says: ['not enabled', 'Enterprise', 'Professional Edition with the API add-on'],
	},
];

describe.each(ERROR_CLASSES)('When Salesforce answers $name', ({ org, fault, errorCode, says }) => {
	beforeEach(async () => {
		await startOrg(org);
		if (fault) emulator.faults.add(fault);
	});

	it('with Continue On Fail, every item of the call reports it and nothing is saved', async () => {
		const result = await createLeads(numberedLeads(2), true);

		expect(result.error).toBeUndefined();
		expect(result.outputs.Salesforce).toEqual(
			[0, 1].map((item) => ({ json: { success: false, error: expect.any(String), errorCode, fields: [] }, pairedItem: { item } })),
		);
		for (const words of says) expect(result.outputs.Salesforce[0].json.error).toContain(words);
		expect(emulator.records('Lead')).toEqual([]);
	});

	it('without Continue On Fail, the node stops with a readable error', async () => {
		const result = await createLeads(numberedLeads(2), false);

		expect(result.error).toBeDefined();
		const explained = `${result.error?.message} ${result.error?.description ?? ''}`;
		expect(explained).toContain(errorCode);
		for (const words of says) expect(explained).toContain(words);
		expect(result.outputs.Salesforce).toBeUndefined();
		expect(emulator.records('Lead')).toEqual([]);
	});
});

describe('When an org duplicate rule matches a lead', () => {
	const ada = { first_name: 'Ada', last_name: 'Lovelace', company: 'Analytical Engines', email: 'ada@example.com' };
	let existingId: string;

	beforeEach(async () => {
		await startOrg({ duplicateRuleOnEmail: true });
		await createLeads([webhookItem(ada)], false);
		existingId = String(emulator.records('Lead')[0].Id);
	});

	it('with Continue On Fail, the item reports DUPLICATES_DETECTED with the matching record id', async () => {
		const result = await createLeads([webhookItem(ada)], true);

		expect(result.outputs.Salesforce).toEqual([
			{
				json: { success: false, error: expect.stringContaining('Save Anyway'), errorCode: 'DUPLICATES_DETECTED', fields: [], duplicates: [existingId] },
				pairedItem: { item: 0 },
			},
		]);
		expect(emulator.records('Lead')).toHaveLength(1);
	});

	it('without Continue On Fail, the node stops naming the item and the duplicate rule', async () => {
		const result = await createLeads([webhookItem(ada)], false);

		expect(result.error?.message).toContain('Item 0 could not be created: DUPLICATES_DETECTED');
		expect(emulator.records('Lead')).toHaveLength(1);
	});

	it('saves it anyway with "Save Anyway"', async () => {
		const result = await createLeads([webhookItem(ada)], false, { duplicateRule: 'allowSave' });

		const stored = emulator.records('Lead');
		expect(stored).toHaveLength(2);
		expect(result.outputs.Salesforce).toEqual([{ json: { id: stored[1].Id, success: true }, pairedItem: { item: 0 } }]);
	});

	it('stops at the failing batch and says which earlier items were already created, with their ids, and which were never sent', async () => {
		const leads = numberedLeads(450);
		(leads[230].body as IDataObject).email = ada.email;

		const result = await createLeads(leads, false);

		const stored = emulator.records('Lead');
		expect(stored).toHaveLength(1 + 200);
		expect(result.error?.message).toContain('Item 230 could not be created');
		expect(result.error?.message).toContain('The other 199 items sent with it were rolled back');
		expect(result.error?.message).toContain(`200 earlier items were already created in Salesforce (item 0: ${stored[1].Id}`);
		expect(result.error?.message).toMatch(/\. Items 400 to 449 were not sent: the node stopped first\.$/);
		expect(createCalls(emulator)).toHaveLength(2 + 1);
	});
});

describe('When Salesforce cannot be reached at all', () => {
	beforeEach(async () => await startOrg());

	it('sends a create again after a pause while the connection is refused (it never arrived), and the lead is stored once', async () => {
		await createLeads(numberedLeads(1), true);
		const backUp = emulator.restart({ downMs: 700 });

		const result = await createLeads(numberedLeads(2).slice(1), true);

		await backUp;
		expect(result.outputs.Salesforce.map((item) => item.json.success)).toEqual([true]);
		expect(emulator.records('Lead')).toHaveLength(2);
		// The refused attempt never reached the emulator; the second one did, once.
		expect(createCalls(emulator)).toHaveLength(2);
	});
});

describe('When Salesforce does not answer within the Timeout option', () => {
	beforeEach(async () => await startOrg());

	it('reports the create as OUTCOME_UNKNOWN on its items and never sends it again', async () => {
		emulator.faults.add(onCreate({ latencyMs: 2500 }));
		const parameters = leadCreateParameters(LEAD_MAPPING, { timeout: 1 });

		const result = await runWorkflow({ workflow: webhookToSalesforce(parameters, { continueOnFail: true }), input: numberedLeads(2), credentials: [credential] });

		expect(result.outputs.Salesforce.map((item) => item.json.errorCode)).toEqual(['OUTCOME_UNKNOWN', 'OUTCOME_UNKNOWN']);
		expect(createCalls(emulator)).toHaveLength(1);
	});
});

describe('When Salesforce refuses records for row lock contention (UNABLE_TO_LOCK_ROW)', () => {
	const rowLock = onCreate({ errorCode: 'UNABLE_TO_LOCK_ROW' });
	

	beforeEach(async () => await startOrg());

	it.each([
		['with Continue On Fail (allOrNone: false)', true],
		['without Continue On Fail (allOrNone: true)', false],
	])('%s, sends the refused records again after a pause and each is saved once', async (_, continueOnFail) => {
		emulator.faults.add(rowLock);

		const result = await createLeads(numberedLeads(3), continueOnFail);

		expect(result.error).toBeUndefined();
		const [refused, resent] = createCalls(emulator);
		expect(refused.status).toBe(200);
		expect(resent.body).toEqual(refused.body);
		const stored = emulator.records('Lead');
		expect(stored).toHaveLength(3);
		expect(result.outputs.Salesforce).toEqual(
			stored.map((record, item) => ({ json: { id: record.Id, success: true }, pairedItem: { item } })),
		);
	});

	it('gives up after two more tries and reports the lock on each item, nothing saved', async () => {
		emulator.faults.add({ ...rowLock, times: Infinity });

		const result = await createLeads(numberedLeads(2), true);

		expect(createCalls(emulator)).toHaveLength(3);
		expect(result.outputs.Salesforce).toEqual(
			[0, 1].map((item) => ({
				json: { success: false, error: expect.stringContaining('unable to obtain exclusive access'), errorCode: 'UNABLE_TO_LOCK_ROW', fields: [] },
				pairedItem: { item },
			})),
		);
		expect(emulator.records('Lead')).toEqual([]);
	});

	it('says the outcome is unknown when the connection breaks while the records are sent again', async () => {
		emulator.faults.add(rowLock);
		emulator.faults.add(onCreate({ drop: 'after', after: 1 }));

		const result = await createLeads(numberedLeads(2), true);

		expect(createCalls(emulator)).toHaveLength(2);
		expect(result.outputs.Salesforce).toEqual(
			[0, 1].map((item) => ({
				json: { success: false, error: expect.stringContaining('may or may not have been saved'), errorCode: 'OUTCOME_UNKNOWN', fields: [] },
				pairedItem: { item },
			})),
		);
		// The dropped call did store them: exactly why the node must not send them a third time.
		expect(emulator.records('Lead')).toHaveLength(2);
	});
});
