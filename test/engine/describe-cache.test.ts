/** The Lead describe is shared by executions: one lead per execution costs one API call once it is warm. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { EmulatorHandle } from '../../emulator';
import {
	getResourceMappingFields,
	leadCreateParameters,
	runWorkflow,
	SALESFORCE_NODE_TYPE,
	webhookItem,
	webhookToSalesforce,
	type StoredCredential,
} from '../harness';
import { capturedLeadDescribe, connectedOrg, LEAD_MAPPING, numberedLeads } from './helpers';

let emulator: EmulatorHandle;
let credential: StoredCredential;

beforeEach(async () => ({ emulator, credential } = await connectedOrg()));
afterEach(async () => await emulator.stop());

const DESCRIBE = 'GET /sobjects/{Name}/describe';
const CREATE = 'POST /composite/sobjects';

const callsTo = (endpoint: string) => emulator.apiUsage().byEndpoint[endpoint] ?? 0;

function createOneLead(options: INodeParameters = {}, mapping: INodeParameters = {}, lead = numberedLeads(1), credentials = [credential]) {
	return runWorkflow({
		workflow: webhookToSalesforce(leadCreateParameters({ ...LEAD_MAPPING, ...mapping }, options), { continueOnFail: true }),
		input: lead,
		credentials,
	});
}

/** The captured describe with one custom text field, required or not. */
function describeWithRegion(required: boolean): IDataObject {
	const describe = capturedLeadDescribe();
	const template = (describe.fields as IDataObject[]).find((field) => field.name === 'SICCode__c') as IDataObject;
	const region = { ...template, name: 'Region__c', label: 'Region', length: 40, nillable: !required };
	return { ...describe, fields: [...(describe.fields as IDataObject[]), region] };
}

describe('the describe cache', () => {
	it('makes one API call for one lead once warm: the create', async () => {
		await createOneLead();
		const before = emulator.apiUsage().used;

		const result = await createOneLead();

		expect(result.outputs.Salesforce[0].json.success).toBe(true);
		expect(emulator.apiUsage().used - before).toBe(1);
		expect(emulator.apiUsage().byEndpoint).toEqual({ [DESCRIBE]: 1, [CREATE]: 2 });
	});

	it('fetches the describe once for 25 cold executions arriving together', async () => {
		emulator.faults.add({ method: 'GET', path: '/sobjects/Lead/describe', latencyMs: 100 });

		const results = await Promise.all(numberedLeads(25).map((lead) => createOneLead({}, {}, [lead])));

		expect(results.every((result) => result.outputs.Salesforce[0].json.success === true)).toBe(true);
		expect(callsTo(DESCRIBE)).toBe(1);
		expect(emulator.records('Lead')).toHaveLength(25);
	});

	it('shares an entry between two credentials connected as the same user of the same org: the describe is that user’s', async () => {
		const other: StoredCredential = { ...credential, id: 'another-salesforce-credential', name: 'Another' };

		await createOneLead({}, {}, numberedLeads(1), [credential]);
		await createOneLead({}, {}, numberedLeads(1), [other]);
		await createOneLead({}, {}, numberedLeads(1), [other]);

		expect(callsTo(DESCRIBE)).toBe(1);
	});

	it('never refuses a valid item because of a stale entry: a field the admin just made optional', async () => {
		emulator.setDescribe('Lead', describeWithRegion(true));
		await createOneLead({}, { Region__c: 'North' });
		emulator.setDescribe('Lead', describeWithRegion(false));

		const result = await createOneLead();

		expect(result.outputs.Salesforce[0].json).toEqual({ id: emulator.records('Lead')[1].Id, success: true });
		expect(callsTo(DESCRIBE)).toBe(2);
	});

	it('still refuses an item the fresh describe refuses too, after one describe more', async () => {
		emulator.setDescribe('Lead', describeWithRegion(true));
		await createOneLead({}, { Region__c: 'North' });

		const result = await createOneLead();

		expect(result.outputs.Salesforce[0].json).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Region__c'] });
		expect(callsTo(DESCRIBE)).toBe(2);
		expect(callsTo(CREATE)).toBe(1);
	});

	it('drops the entry when Salesforce refuses a record for a schema reason, so the next execution fetches anew', async () => {
		await createOneLead();
		emulator.setDescribe('Lead', describeWithRegion(true));

		const refused = await createOneLead();
		const after = await createOneLead({}, { Region__c: 'North' });

		expect(refused.outputs.Salesforce[0].json).toMatchObject({ errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Region__c'] });
		expect(after.outputs.Salesforce[0].json.success).toBe(true);
		expect(callsTo(DESCRIBE)).toBe(2);
	});

	it('keeps the entry when the node itself refuses an item (only Salesforce’s answers say the schema changed)', async () => {
		await createOneLead();

		await createOneLead({}, {}, [webhookItem({ first_name: 'No', last_name: 'Company', email: 'no@company.example.com' })]);
		await createOneLead();

		expect(callsTo(DESCRIBE)).toBe(2);
	});

	it('fetches the describe for every execution when turned off (0 seconds)', async () => {
		for (let run = 0; run < 3; run++) await createOneLead({ describeCacheSeconds: 0 });

		expect(callsTo(DESCRIBE)).toBe(3);
		expect(callsTo(CREATE)).toBe(3);
	});

	it('fetches anew once an entry is older than the seconds chosen', async () => {
		await createOneLead({ describeCacheSeconds: 0.2 });
		await new Promise((resolve) => setTimeout(resolve, 300));
		await createOneLead({ describeCacheSeconds: 0.2 });

		expect(callsTo(DESCRIBE)).toBe(2);
	});

	it('keeps the editor’s field list live: it fetches the describe every time it is opened', async () => {
		await createOneLead();
		const request = { nodeType: SALESFORCE_NODE_TYPE, parameters: leadCreateParameters(LEAD_MAPPING), path: 'parameters.fields', credentials: [credential] };

		await getResourceMappingFields('getLeadFields', request);
		await getResourceMappingFields('getLeadFields', request);

		expect(callsTo(DESCRIBE)).toBe(3);
	});
});
