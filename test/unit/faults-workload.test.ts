import { startEmulator, type EmulatorHandle } from '../../emulator';
import { lookupAnswers, LOOKUP_SCENARIOS } from '../../scripts/faults/lookup-scenarios';
import type { Scenario } from '../../scripts/faults/scenario';
import { itemsOf } from '../../scripts/faults/workload';
import { API } from '../engine/helpers';

describe('the proxy-page scenario', () => {
	let emulator: EmulatorHandle;

	beforeEach(async () => {
		emulator = await startEmulator();
	});
	afterEach(() => emulator.stop());

	/** What one lookup was answered, as the node would see it. */
	async function lookup(token: string, email: string): Promise<string> {
		const soql = `SELECT Id, Email FROM Lead WHERE IsConverted = false AND Email IN ('${email}')`;
		const answer = await fetch(`${emulator.url}${API}/query?q=${encodeURIComponent(soql)}`, { headers: { Authorization: `Bearer ${token}` } });
		const text = await answer.text();
		if (answer.headers.get('content-type')?.startsWith('text/html')) return 'login page';
		return text === '{}' ? 'empty object' : 'query result';
	}

	it('tells which lookups met the login page or {} as the emulator dealt them', async () => {
		LOOKUP_SCENARIOS[0].arrange?.(emulator, 0);
		const token = emulator.issueTokens().access_token;

		const seen: string[] = [];
		for (let index = 0; index < 36; index++) seen.push(await lookup(token, `lead${index}@example.com`));

		expect(lookupAnswers(emulator.requests()).map((entry) => entry.answer)).toEqual(seen);
		expect(seen.filter((answer) => answer === 'login page')).toHaveLength(7);
		expect(seen.filter((answer) => answer === 'empty object')).toHaveLength(4);
	});

	it('stores the leads that were there: unconverted ones (some in other letter case) and converted ones', () => {
		LOOKUP_SCENARIOS[0].arrange?.(emulator, 0);

		const leads = emulator.records('Lead');
		const emails = (index: number) => leads.filter((lead) => String(lead.Email).toLowerCase() === `lead${index}@example.com`).map((lead) => [lead.Email, lead.IsConverted]);
		expect([0, 1, 2, 3, 20].map(emails)).toEqual([
			[['lead0@example.com', false], ['lead0@example.com', true]],
			[['Lead1@Example.COM', false]],
			[['lead2@example.com', true]],
			[],
			[['lead20@example.com', false], ['lead20@example.com', true]],
		]);
	});
});

describe('fault workloads', () => {
	const scenario = (more: Partial<Scenario>): Scenario => ({
		name: 'w',
		fault: '',
		items: 'leads',
		shape: { executions: 8, itemsPerExecution: 2, batchSize: 2, concurrency: 2 },
		evidence: () => ({ count: 0, text: '' }),
		minimumEvidence: 0,
		...more,
	});
	const summary = (execution: number, of: Scenario) => itemsOf(of, execution).map(({ key, org, lastName, json }) => [key, org, lastName, (json.body as { email: string }).email]);

	it('posts each execution’s leads again in the next execution, in the same org, the Email in capitals; the orgs take turns by pair', () => {
		const postedTwice = scenario({ operation: 'upsertByEmail', postedTwice: true, tenants: [{ org: 0 }, { org: 1 }] });

		expect([0, 1, 2, 3].map((execution) => summary(execution, postedTwice))).toEqual([
			[
				['org 0: lead0@example.com', 0, 'w #0', 'lead0@example.com'],
				['org 0: lead1@example.com', 0, 'w #1', 'lead1@example.com'],
			],
			[
				['org 0: lead0@example.com', 0, 'w #0 again', 'LEAD0@EXAMPLE.COM'],
				['org 0: lead1@example.com', 0, 'w #1 again', 'LEAD1@EXAMPLE.COM'],
			],
			[
				['org 1: lead2@example.com', 1, 'w #2', 'lead2@example.com'],
				['org 1: lead3@example.com', 1, 'w #3', 'lead3@example.com'],
			],
			[
				['org 1: lead2@example.com', 1, 'w #2 again', 'LEAD2@EXAMPLE.COM'],
				['org 1: lead3@example.com', 1, 'w #3 again', 'LEAD3@EXAMPLE.COM'],
			],
		]);
	});

	it('takes turns between two users of one org: keys without an org, each item naming its tenant', () => {
		const twoUsers = scenario({ tenants: [{ org: 0 }, { org: 0, user: 'second.user@example.com' }] });

		expect([0, 1, 2].map((execution) => itemsOf(twoUsers, execution).map(({ key, tenant, org }) => [key, tenant, org]))).toEqual([
			[
				['w #0', 0, 0],
				['w #1', 0, 0],
			],
			[
				['w #2', 1, 0],
				['w #3', 1, 0],
			],
			[
				['w #4', 0, 0],
				['w #5', 0, 0],
			],
		]);
	});

	it('keys the items of a reconnected credential in the org of the tenant they are sent for', () => {
		const reconnected = scenario({ tenants: [{ org: 0 }, { org: 1 }], reconnect: { execution: 1, afterMs: 0 } });

		expect([itemsOf(reconnected, 3), itemsOf(reconnected, 3, 1)].map((items) => items.map(({ key, tenant, org }) => [key, tenant, org]))).toEqual([
			[
				['org 0: w #6', 0, 0],
				['org 0: w #7', 0, 0],
			],
			[
				['org 1: w #6', 1, 1],
				['org 1: w #7', 1, 1],
			],
		]);
	});

	it('keys Lead → Create items by their LastName, without an org when there is one', () => {
		expect(summary(1, scenario({}))).toEqual([
			['w #2', 0, 'w #2', 'lead2@example.com'],
			['w #3', 0, 'w #3', 'lead3@example.com'],
		]);
	});
});
