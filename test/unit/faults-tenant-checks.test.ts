import type { RecordedRequest } from '../../emulator';
import type { ItemOutcome } from '../../scripts/faults/protocol';
import type { OrgFacts, RunFacts } from '../../scripts/faults/scenario';
import { reconnectionEvidence, TENANT_CHECKS } from '../../scripts/faults/tenant-checks';

const ALICE = '005Em0000000001IAA';
const BOB = '005Em0000000002IAA';
const API = '/services/data/v66.0';

/** Two tenants of one org: alice (the default user) and bob; items "A1", "A2" are alice's, "B1" bob's. */
const tenants = [
	{ org: 0, username: 'alice@example.com', userId: ALICE },
	{ org: 0, username: 'bob@example.com', userId: BOB },
];
const item = (lastName: string, tenant: number, id: string): ItemOutcome => ({ key: lastName, valid: true, execution: tenant, tenant, org: 0, lastName, kind: 'created', id, outputChars: 0 });
const outcomes = [item('A1', 0, '00Q1'), item('A2', 0, '00Q2'), item('B1', 1, '00Q3')];

function create(tokenIssuedTo: string | undefined, lastNames: string[]): RecordedRequest {
	return {
		method: 'POST',
		path: `${API}/composite/sobjects`,
		query: {},
		host: '127.0.0.1',
		headers: { authorization: 'Bearer t' },
		body: { allOrNone: false, records: lastNames.map((LastName) => ({ attributes: { type: 'Lead' }, LastName })) },
		status: 200,
		remoteAddress: '127.0.0.1',
		receivedAt: 0,
		...(tokenIssuedTo !== undefined && { tokenIssuedTo, tokenUser: tokenIssuedTo }),
	};
}

function facts(requests: RecordedRequest[], createdBy: Record<string, string> = { A1: ALICE, A2: ALICE, B1: BOB }): RunFacts {
	const leads = outcomes.map((outcome) => ({ key: outcome.key, id: outcome.id as string, fields: { Id: outcome.id, LastName: outcome.lastName, CreatedById: createdBy[outcome.key] } }));
	const org = { requests, leads, before: [] } as unknown as OrgFacts;
	return { emulator: org.emulator, requests, outcomes, orgs: [org], tenants, executions: [] };
}

const [ownTenant, ownIds, ownTokens] = TENANT_CHECKS.map((check) => check.failure);

describe('the tenant checks of the fault table', () => {
	it('pass a run where each user created its own leads with creates of its own records', () => {
		const run = facts([create(ALICE, ['A1', 'A2']), create(BOB, ['B1'])]);

		expect([ownTenant(run), ownIds(run), ownTokens(run)]).toEqual([undefined, undefined, undefined]);
	});

	it("count a create signed by one user that carried another user's records", () => {
		const run = facts([create(ALICE, ['A1', 'B1']), create(ALICE, ['A2'])], { A1: ALICE, A2: ALICE, B1: ALICE });

		expect(ownTokens(run)).toBe("org 0: of 2 calls, 0 carried a token it never issued (another org's, or none), 0 were answered 401, 1 creates carried records of another tenant than the token's");
		expect(ownTenant(run)).toBe("org 0 holds 0 leads of another org's items and 1 created by another user than their item's");
	});

	it('count a call carrying a token the org never issued, and one answered 401', () => {
		const refused = { ...create(ALICE, ['A2']), status: 401 };

		expect(ownTokens(facts([create(undefined, ['A1']), refused, create(BOB, ['B1'])]))).toBe(
			"org 0: of 3 calls, 1 carried a token it never issued (another org's, or none), 1 were answered 401, 0 creates carried records of another tenant than the token's",
		);
	});

	it('tell a lead in the wrong org from one of the right org', () => {
		const run = facts([]);
		const otherOrg = { ...run, tenants: [tenants[0], { ...tenants[1], org: 1 }] };

		expect(ownTenant(otherOrg)).toBe("org 0 holds 1 leads of another org's items and 0 created by another user than their item's");
	});
});

describe('the reconnection evidence', () => {
	const timing = (execution: number, startedAt: number, finishedAt: number, readTenants: number[]) => ({ execution, tenant: readTenants[0], startedAt, finishedAt, readTenants });

	it('counts the executions that ran across the reconnection, once executions ran on both sides of it', () => {
		const run = { ...facts([]), reconnectedAt: 100, executions: [timing(0, 0, 50, [0]), timing(1, 60, 120, [0, 1]), timing(2, 90, 130, [1]), timing(3, 100, 150, [1])] };

		expect(reconnectionEvidence(run)).toEqual({
			count: 2,
			text: '1 executions finished before the reconnection, 1 started after it, 2 ran across it (1 of them read the credential on both sides); org 0 alice: 0 creates, 0 describes; org 0 bob: 0 creates, 0 describes',
		});
	});

	it('counts nothing when no execution started after the reconnection', () => {
		const run = { ...facts([]), reconnectedAt: 100, executions: [timing(0, 0, 50, [0]), timing(1, 60, 120, [0])] };

		expect(reconnectionEvidence(run).count).toBe(0);
	});
});
