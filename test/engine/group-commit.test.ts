/** Concurrent executions' leads go together in one Collections call, and each execution gets exactly its own results. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { EmulatorHandle, RecordedRequest } from '../../emulator';
import { leadCreateParameters, runWorkflow, webhookItem, webhookToSalesforce, type StoredCredential, type WorkflowResult } from '../harness';
import { connectedOrg, createCalls, LEAD_MAPPING, leadRecord, numberedLeads, type LeadBody } from './helpers';

let emulator: EmulatorHandle;
let credential: StoredCredential;

afterEach(async () => await emulator.stop());

/** Creates answer after 150 ms, so that executions started meanwhile find a call in flight. */
async function slowOrg(options = {}) {
	({ emulator, credential } = await connectedOrg(options));
	emulator.faults.add({ method: 'POST', path: '/composite/sobjects', latencyMs: 150, times: Infinity });
}

function execution(leads: IDataObject[], { continueOnFail = false, options = {} as INodeParameters } = {}): Promise<WorkflowResult> {
	return runWorkflow({
		workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING, options), { continueOnFail }),
		input: leads,
		credentials: [credential],
	});
}

/** Starts `first`, then the others once its create is in flight. */
async function whileOneIsInFlight(first: () => Promise<WorkflowResult>, others: Array<() => Promise<WorkflowResult>>): Promise<WorkflowResult[]> {
	const leading = first();
	while (!emulator.requests().some((request) => request.method === 'POST')) await new Promise((resolve) => setTimeout(resolve, 5));
	return await Promise.all([leading, ...others.map((start) => start())]);
}

const creates = (): RecordedRequest[] => createCalls(emulator);
const storedIdOf = (body: LeadBody) => emulator.records('Lead').find((record) => record.Email === body.email)?.Id;
const bodyOf = (lead: IDataObject) => lead.body as LeadBody;

describe('group commit', () => {
	it('sends the leads of executions that arrive while a create is in flight together in the next call, each execution getting its own id', async () => {
		await slowOrg();
		const leads = numberedLeads(6);

		const results = await whileOneIsInFlight(
			() => execution([leads[0]]),
			leads.slice(1).map((lead) => () => execution([lead])),
		);

		expect(creates().map((call) => call.body)).toEqual([
			{ allOrNone: true, records: [leadRecord(bodyOf(leads[0]))] },
			{ allOrNone: false, records: leads.slice(1).map((lead) => leadRecord(bodyOf(lead))) },
		]);
		results.forEach((result, index) => {
			expect(result.outputs.Salesforce).toEqual([{ json: { id: storedIdOf(bodyOf(leads[index])), success: true }, pairedItem: { item: 0 } }]);
		});
		expect(emulator.records('Lead')).toHaveLength(6);
	});

	it('fails only the execution whose record Salesforce refuses', async () => {
		await slowOrg({ duplicateRuleOnEmail: true });
		const leads = numberedLeads(4);
		await execution([leads[3]]);
		const duplicate = webhookItem({ ...bodyOf(leads[3]), last_name: 'Again' });

		const results = await whileOneIsInFlight(() => execution([leads[0]]), [() => execution([leads[1]]), () => execution([duplicate]), () => execution([leads[2]])]);

		expect(creates()).toHaveLength(3);
		expect(results.map((result) => (result.error ? result.error.message.split(':')[0] : 'ok'))).toEqual(['ok', 'ok', 'Item 0 could not be created', 'ok']);
		expect(results[2].error?.message).toContain('DUPLICATES_DETECTED');
		expect(emulator.records('Lead')).toHaveLength(4);
	});

	it('reports a dropped connection to the executions whose records were in that call, and to no other', async () => {
		await slowOrg();
		emulator.faults.add({ method: 'POST', path: '/composite/sobjects', drop: 'after', after: 1 });
		const leads = numberedLeads(4);

		const results = await whileOneIsInFlight(() => execution([leads[0]], { continueOnFail: true }), leads.slice(1).map((lead) => () => execution([lead], { continueOnFail: true })));

		expect(results[0].outputs.Salesforce[0].json).toEqual({ id: storedIdOf(bodyOf(leads[0])), success: true });
		for (const result of results.slice(1)) expect(result.outputs.Salesforce[0].json.errorCode).toBe('OUTCOME_UNKNOWN');
		expect(creates()).toHaveLength(2);
	});

	it('reports a 503 of the shared call to the executions in it, and not to the one before', async () => {
		await slowOrg();
		emulator.faults.add({ method: 'POST', path: '/composite/sobjects', status: 503, after: 1 });
		const leads = numberedLeads(3);

		const results = await whileOneIsInFlight(() => execution([leads[0]]), [() => execution([leads[1]]), () => execution([leads[2]])]);

		expect(results[0].error).toBeUndefined();
		expect(results[1].error?.message).toMatch(/^Creating item 0 failed: HTTP_503/);
		expect(results[2].error?.message).toMatch(/^Creating item 0 failed: HTTP_503/);
		expect(emulator.records('Lead')).toHaveLength(1);
	});

	it('never combines an all-or-none run of several records with anything', async () => {
		await slowOrg();
		const leads = numberedLeads(5);

		await whileOneIsInFlight(() => execution([leads[0]]), [() => execution(leads.slice(1, 4)), () => execution([leads[4]])]);

		const bodies = creates().map((call) => call.body as { allOrNone: boolean; records: unknown[] });
		expect(bodies.map((body) => [body.allOrNone, body.records.length]).sort()).toEqual([
			[true, 1],
			[true, 1],
			[true, 3],
		]);
	});

	it('combines Continue On Fail runs of several records', async () => {
		await slowOrg();
		const leads = numberedLeads(7);

		const results = await whileOneIsInFlight(
			() => execution([leads[0]], { continueOnFail: true }),
			[() => execution(leads.slice(1, 4), { continueOnFail: true }), () => execution(leads.slice(4), { continueOnFail: true })],
		);

		expect(creates().map((call) => (call.body as { records: unknown[] }).records.length)).toEqual([1, 6]);
		expect(results[1].outputs.Salesforce.map((item) => item.json.id)).toEqual(leads.slice(1, 4).map((lead) => storedIdOf(bodyOf(lead))));
		expect(results[2].outputs.Salesforce.map((item) => item.json.id)).toEqual(leads.slice(4).map((lead) => storedIdOf(bodyOf(lead))));
	});

	it('combines nothing when turned off', async () => {
		await slowOrg();
		const leads = numberedLeads(4);
		const off = { options: { combineConcurrent: false } };

		await whileOneIsInFlight(() => execution([leads[0]], off), leads.slice(1).map((lead) => () => execution([lead], off)));

		expect(creates().map((call) => (call.body as { records: unknown[] }).records.length)).toEqual([1, 1, 1, 1]);
	});

	it.each([
		['queued first', 0],
		['queued second', 1],
	])('keeps out of a shared call the records of an execution whose own API reserve it would cross (%s), and sends the others', async (_, position) => {
		// 40 of 100 daily calls left: a reserve of 50 is crossed, none is not.
		await slowOrg({ apiLimit: 100, apiUsed: 60 });
		const leads = numberedLeads(3);
		const reserving = () => execution([leads[1]], { continueOnFail: true, options: { keepInReserve: 50 } });
		const plain = () => execution([leads[2]], { continueOnFail: true });
		const queued = position === 0 ? [reserving, plain] : [plain, reserving];

		const [, first, second] = await whileOneIsInFlight(() => execution([leads[0]], { continueOnFail: true }), [
			queued[0],
			async () => (await new Promise((resolve) => setTimeout(resolve, 20)), await queued[1]()),
		]);

		const [ofReserving, ofPlain] = position === 0 ? [first, second] : [second, first];
		expect(ofReserving.outputs.Salesforce[0].json).toMatchObject({ success: false, errorCode: 'API_BUDGET_RESERVED' });
		expect(ofPlain.outputs.Salesforce[0].json).toEqual({ id: storedIdOf(bodyOf(leads[2])), success: true });
		expect(creates().map((call) => call.body)).toEqual([
			{ allOrNone: false, records: [leadRecord(bodyOf(leads[0]))] },
			{ allOrNone: false, records: [leadRecord(bodyOf(leads[2]))] },
		]);
	});
});
