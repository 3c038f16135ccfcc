/** The org's daily API budget: what a run cost and what is left (the execution hint), and "Stop When Fewer API Calls Remain". */
import type { INodeParameters } from 'n8n-workflow';

import { leadCreateParameters, leadUpsertParameters } from '../harness';
import { API, callLine, dataCalls, executionHints, LEAD_MAPPING, numberedLeads, orgForEachTest, outputItem, runSalesforce, type ConnectedOrg } from './helpers';

/** Each block's tests run against an org that has spent a given share of its daily calls. */
const org = {} as ConnectedOrg;

const createLeads = (count: number, options: INodeParameters, continueOnFail = false) =>
	runSalesforce(org.credential, leadCreateParameters(LEAD_MAPPING, options), numberedLeads(count), continueOnFail);

const hint = (message: string) => [{ message, location: 'outputPane' }];
const DESCRIBE = `GET ${API}/sobjects/Lead/describe 200`;
const CREATE = `POST ${API}/composite/sobjects 200`;

/** The refusal when `left` of 100 calls remain and the node keeps `reserve`. */
const reserved = (left: number, reserve: number) =>
	`Stopped before calling Salesforce: ${left} of the org's 100 daily API calls remain, and one more call would leave fewer than the ${reserve} this node keeps in reserve ("Stop When Fewer API Calls Remain"). Nothing was sent`;
const refusedItem = (item: number, left: number, reserve: number) => outputItem(item, { success: false, error: reserved(left, reserve), errorCode: 'API_BUDGET_RESERVED', fields: [] });

describe('the API budget of a run', () => {
	orgForEachTest({ apiLimit: 15000, apiUsed: 1200 }, org);

	it('is shown in the execution hint: the calls the run made and what the org has left', async () => {
		const result = await createLeads(3, {});

		expect(dataCalls(org.emulator).map(callLine)).toEqual([DESCRIBE, CREATE]);
		expect(executionHints(result)).toEqual(hint("This run made 2 Salesforce API calls; 13,798 of the org's 15,000 daily API calls remain."));
	});
});

describe('Stop When Fewer API Calls Remain, 5 of 100 daily calls left', () => {
	orgForEachTest({ apiLimit: 100, apiUsed: 95 }, org);

	it('stops before the first save when the first answer shows fewer calls left than the reserve: each item says so, nothing else is sent (Continue On Fail)', async () => {
		const result = await createLeads(2, { keepInReserve: 10 }, true);

		expect(dataCalls(org.emulator).map(callLine)).toEqual([DESCRIBE]);
		expect(result.outputs.Salesforce).toEqual([refusedItem(0, 4, 10), refusedItem(1, 4, 10)]);
		expect(executionHints(result)).toEqual(hint("This run made 1 Salesforce API call; 4 of the org's 100 daily API calls remain."));
		expect(org.emulator.records('Lead')).toEqual([]);
	});

	it('without Continue On Fail, the node stops with an error that says nothing was sent', async () => {
		const result = await createLeads(2, { keepInReserve: 10 });

		expect(dataCalls(org.emulator).map(callLine)).toEqual([DESCRIBE]);
		expect(result.error?.message).toBe(`Creating items 0, 1 failed: API_BUDGET_RESERVED: ${reserved(4, 10)}. None of these items was saved. No earlier item had been created.`);
		expect(org.emulator.records('Lead')).toEqual([]);
	});

	it('stops the next execution before its first call, from the figure the last one saw', async () => {
		await createLeads(1, { keepInReserve: 10 }, true);
		const callsBefore = dataCalls(org.emulator).length;

		const result = await createLeads(1, { keepInReserve: 10 }, true);

		expect(dataCalls(org.emulator)).toHaveLength(callsBefore);
		expect(result.outputs.Salesforce).toEqual([refusedItem(0, 4, 10)]);
		expect(executionHints(result)).toEqual([]);
	});

	it('lets a later execution make its call once the remembered figure is older than 5 minutes, so that the budget is read anew (a figure never read again would stop every execution until a restart)', async () => {
		await createLeads(1, { keepInReserve: 10 }, true);
		const callsBefore = dataCalls(org.emulator).length;
		const now = Date.now();
		jest.spyOn(Date, 'now').mockImplementation(() => now + 6 * 60_000);

		try {
			const result = await createLeads(1, { keepInReserve: 10, describeCacheSeconds: 3600 }, true);

			// The figure the first execution left would stop it forever: this call shows the org anew (still low: 3 left).
			expect(dataCalls(org.emulator).slice(callsBefore).map(callLine)).toEqual([CREATE]);
			expect(executionHints(result)).toEqual(hint("This run made 1 Salesforce API call; 3 of the org's 100 daily API calls remain."));
		} finally {
			jest.restoreAllMocks();
		}
	});

	it('stops Create or Update by Email before its lookup query, without pausing to ask again', async () => {
		const started = performance.now();

		const result = await runSalesforce(org.credential, leadUpsertParameters(LEAD_MAPPING, { matchOn: 'email' }, { keepInReserve: 10 }), numberedLeads(2), true);

		// A read that failed for a passing reason is asked again after RETRY_DELAYS_MS (1 s, then 3 s); a reserve does not pass.
		expect(performance.now() - started).toBeLessThan(1000);
		expect(dataCalls(org.emulator).map(callLine)).toEqual([DESCRIBE]);
		expect(result.outputs.Salesforce).toEqual([refusedItem(0, 4, 10), refusedItem(1, 4, 10)]);
		expect(executionHints(result)).toEqual(hint("This run made 1 Salesforce API call; 4 of the org's 100 daily API calls remain."));
	});
});

describe('Stop When Fewer API Calls Remain, 10 of 100 daily calls left', () => {
	orgForEachTest({ apiLimit: 100, apiUsed: 90 }, org);

	it('makes the calls that leave the reserve whole and stops before the one that would cross it: earlier batches saved, later items refused', async () => {
		const result = await createLeads(5, { keepInReserve: 7, batchSize: 1 }, true);

		// After the describe 9 calls remain, after the first lead 8, after the second 7: a third would leave 6.
		expect(dataCalls(org.emulator).map(callLine)).toEqual([DESCRIBE, CREATE, CREATE]);
		const saved = org.emulator.records('Lead').map((lead) => lead.Id);
		expect(result.outputs.Salesforce).toEqual([
			outputItem(0, { id: saved[0], success: true }),
			outputItem(1, { id: saved[1], success: true }),
			refusedItem(2, 7, 7),
			refusedItem(3, 7, 7),
			refusedItem(4, 7, 7),
		]);
		expect(executionHints(result)).toEqual(hint("This run made 3 Salesforce API calls; 7 of the org's 100 daily API calls remain."));
	});

	it('stops before the first save when exactly the reserve is left', async () => {
		const result = await createLeads(1, { keepInReserve: 9 }, true);

		expect(dataCalls(org.emulator).map(callLine)).toEqual([DESCRIBE]);
		expect(result.outputs.Salesforce).toEqual([refusedItem(0, 9, 9)]);
	});
});
