/**
 * One n8n credential id, two orgs or two users: n8n's resolvable credentials (or a credential
 * reconnected while executions run) make the same credential id stand for different orgs or users.
 * Executions of both run in one process, at once, with everything shared between executions on
 * (describe cache, group commit, API budget): every lead must land in its own org, saved with its own
 * user's token, reported with its own id, and each org must only ever see its own tokens.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../emulator';
import {
	connectedCredential,
	forgetSharedState,
	leadCreateParameters,
	leadUpsertParameters,
	runWorkflow,
	webhookItem,
	webhookToSalesforce,
	type StoredCredential,
	type WorkflowResult,
} from '../harness';
import { accessToken, capturedLeadDescribe, dataCalls, LEAD_MAPPING } from './helpers';

interface Org {
	name: string;
	emulator: EmulatorHandle;
	/** Every org's credential has the same id and name: n8n's one credential, resolved to this org. */
	credential: StoredCredential;
}

let orgs: Org[] = [];

afterEach(async () => {
	await Promise.all(orgs.map((org) => org.emulator.stop()));
	orgs = [];
});

async function startOrg(name: string, options: EmulatorOptions = {}): Promise<Org> {
	const emulator = await startEmulator(options);
	// Creates answer after 150 ms, so that executions started meanwhile find a call in flight.
	emulator.faults.add({ method: 'POST', path: '/composite/sobjects', latencyMs: 150, times: Infinity });
	const org = { name, emulator, credential: await connectedCredential(emulator) };
	orgs.push(org);
	return org;
}

async function twoOrgs(optionsOfB: EmulatorOptions = {}): Promise<[Org, Org]> {
	forgetSharedState();
	return [await startOrg('a'), await startOrg('b', { org: 2, ...optionsOfB })];
}

function leadOf(org: Org, index: number, more: IDataObject = {}): IDataObject {
	return webhookItem({ first_name: 'Lead', last_name: `${org.name.toUpperCase()} ${index}`, company: `Company ${org.name}`, email: `${org.name}-${index}@example.com`, ...more });
}

function run(org: Org, leads: IDataObject[], parameters: INodeParameters = leadCreateParameters(LEAD_MAPPING)): Promise<WorkflowResult> {
	return runWorkflow({ workflow: webhookToSalesforce(parameters, { continueOnFail: true }), input: leads, credentials: [org.credential] });
}

const emailsStoredIn = (org: Org) => org.emulator.records('Lead').map((lead) => String(lead.Email)).sort();
const idOf = (org: Org, email: string) => org.emulator.records('Lead').find((lead) => lead.Email === email)?.Id;

/** Each org saw its own bearer token on every data call, and never the other's. */
function expectOwnTokensOnly() {
	for (const org of orgs) {
		const tokens = new Set(dataCalls(org.emulator).map((request) => request.headers.authorization));
		expect({ org: org.name, tokens: [...tokens] }).toEqual({ org: org.name, tokens: [`Bearer ${accessToken(org.credential)}`] });
	}
}

/** Runs `first` alone (it warms the describe cache), then the others at once while creates are in flight. */
async function warmThenTogether(first: () => Promise<WorkflowResult>, together: Array<() => Promise<WorkflowResult>>): Promise<WorkflowResult[]> {
	const warm = await first();
	return [warm, ...(await Promise.all(together.map((start) => start())))];
}

describe.each([
	['org a first', 0],
	['org b first', 1],
])('one credential id resolving to two orgs, concurrent executions (%s)', (_, firstOrg) => {
	it('stores every lead once in its own org, reports its own id, and sends each org only its own token', async () => {
		const [a, b] = await twoOrgs();
		const [first, second] = firstOrg === 0 ? [a, b] : [b, a];
		const together = [1, 2, 3].flatMap((index) => [() => run(second, [leadOf(second, index)]), () => run(first, [leadOf(first, index)])]);

		const results = await warmThenTogether(() => run(first, [leadOf(first, 0)]), together);

		expect(emailsStoredIn(a)).toEqual(['a-0', 'a-1', 'a-2', 'a-3'].map((name) => `${name}@example.com`).filter((email) => firstOrg === 0 || email !== 'a-0@example.com'));
		expect(emailsStoredIn(b)).toEqual(['b-0', 'b-1', 'b-2', 'b-3'].map((name) => `${name}@example.com`).filter((email) => firstOrg === 1 || email !== 'b-0@example.com'));
		const runs: Array<[Org, number]> = [[first, 0], ...[1, 2, 3].flatMap((index): Array<[Org, number]> => [[second, index], [first, index]])];
		results.forEach((result, position) => {
			const [org, index] = runs[position];
			expect(result.outputs.Salesforce.map((item) => item.json)).toEqual([{ id: idOf(org, `${org.name}-${index}@example.com`), success: true }]);
		});
		expectOwnTokensOnly();
	});

	it('checks each org’s items against that org’s own describe', async () => {
		const [a, b] = await twoOrgs({ describes: { Lead: leadDescribeRequiring('Region__c') } });
		const first = firstOrg === 0 ? a : b;
		const needsRegion = (org: Org) => org === b;

		await run(first, [leadOf(first, 0, needsRegion(first) ? { region: 'North' } : {})], leadCreateParameters({ ...LEAD_MAPPING, Region__c: '={{ $json.body.region }}' }));
		const [ofA, ofB] = await Promise.all([
			run(a, [leadOf(a, 1)], leadCreateParameters({ ...LEAD_MAPPING, Region__c: '={{ $json.body.region }}' })),
			run(b, [leadOf(b, 1)], leadCreateParameters({ ...LEAD_MAPPING, Region__c: '={{ $json.body.region }}' })),
		]);

		expect(ofA.outputs.Salesforce[0].json).toMatchObject({ success: true });
		expect(ofB.outputs.Salesforce[0].json).toMatchObject({ success: false, errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Region__c'] });
		expect(emailsStoredIn(b)).toEqual(needsRegion(first) ? ['b-0@example.com'] : []);
		expect(dataCalls(b.emulator).filter((request) => request.path.endsWith('/describe')).length).toBeGreaterThanOrEqual(1);
		expectOwnTokensOnly();
	});

	it('finds each org’s leads by Email in that org only (Create or Update)', async () => {
		const [a, b] = await twoOrgs();
		const [first, second] = firstOrg === 0 ? [a, b] : [b, a];
		const shared = 'same@example.com';
		const existingInA = a.emulator.insert('Lead', { LastName: 'Existing', Company: 'In A', Email: shared });
		const upsert = leadUpsertParameters(LEAD_MAPPING);

		await run(first, [leadOf(first, 0)], upsert);
		const [ofFirst, ofSecond] = await Promise.all([run(first, [leadOf(first, 1, { email: shared })], upsert), run(second, [leadOf(second, 1, { email: shared })], upsert)]);

		const ofA = first === a ? ofFirst : ofSecond;
		const ofB = first === a ? ofSecond : ofFirst;
		expect(ofA.outputs.Salesforce.map((item) => item.json)).toEqual([{ id: existingInA, success: true, created: false }]);
		expect(ofB.outputs.Salesforce.map((item) => item.json)).toEqual([{ id: idOf(b, shared), success: true, created: true }]);
		expect(a.emulator.records('Lead').filter((lead) => lead.Email === shared).map((lead) => lead.LastName)).toEqual(['A 1']);
		expect(b.emulator.records('Lead').filter((lead) => lead.Email === shared).map((lead) => lead.LastName)).toEqual(['B 1']);
		expectOwnTokensOnly();
	});
});

describe('the API budget of one credential id resolving to two orgs', () => {
	it('stops the org whose budget is low, never the other', async () => {
		forgetSharedState();
		const a = await startOrg('a', { apiLimit: 100, apiUsed: 96 });
		const b = await startOrg('b', { org: 2 });
		const reserve = leadCreateParameters(LEAD_MAPPING, { keepInReserve: 10 });

		const lowA = await run(a, [leadOf(a, 0)], reserve);
		const [againA, ofB] = await Promise.all([run(a, [leadOf(a, 1)], reserve), run(b, [leadOf(b, 1)], reserve)]);

		expect(lowA.outputs.Salesforce[0].json).toMatchObject({ success: false, errorCode: 'API_BUDGET_RESERVED' });
		expect(againA.outputs.Salesforce[0].json).toMatchObject({ success: false, errorCode: 'API_BUDGET_RESERVED' });
		expect(ofB.outputs.Salesforce[0].json).toEqual({ id: idOf(b, 'b-1@example.com'), success: true });
		expectOwnTokensOnly();
	});
});

describe.each([
	['ada first', 0],
	['bob first', 1],
])('one credential id resolving to two users of one org, concurrent executions (%s)', (_, firstUser) => {
	const BOB = 'bob@example.com';

	it('stores every lead with its own user’s token (created by that user), reports its own id, and never combines the two users’ records', async () => {
		forgetSharedState();
		const emulator = await startEmulator({ users: [{ username: BOB }] });
		emulator.faults.add({ method: 'POST', path: '/composite/sobjects', latencyMs: 150, times: Infinity });
		const ada: Org = { name: 'ada', emulator, credential: await connectedCredential(emulator) };
		const bob: Org = { name: 'bob', emulator, credential: await connectedCredential(emulator, { user: BOB }) };
		orgs.push(ada);
		const [first, second] = firstUser === 0 ? [ada, bob] : [bob, ada];
		const together = [1, 2, 3].flatMap((index) => [() => run(second, [leadOf(second, index)]), () => run(first, [leadOf(first, index)])]);

		const results = await warmThenTogether(() => run(first, [leadOf(first, 0)]), together);

		const userOf = (user: Org) => (user === ada ? emulator.userId('emulator.user@example.com') : emulator.userId(BOB));
		const runs: Array<[Org, number]> = [[first, 0], ...[1, 2, 3].flatMap((index): Array<[Org, number]> => [[second, index], [first, index]])];
		results.forEach((result, position) => {
			const [user, index] = runs[position];
			const stored = emulator.records('Lead').filter((lead) => lead.Email === `${user.name}-${index}@example.com`);
			expect(stored.map((lead) => lead.CreatedById)).toEqual([userOf(user)]);
			expect(result.outputs.Salesforce.map((item) => item.json)).toEqual([{ id: stored[0].Id, success: true }]);
		});
		for (const create of dataCalls(emulator).filter((request) => request.method === 'POST')) {
			const owners = new Set((create.body as { records: IDataObject[] }).records.map((record) => String(record.LastName).split(' ')[0].toLowerCase()));
			expect({ tokenOf: create.tokenUser, records: [...owners] }).toEqual({ tokenOf: create.tokenUser === userOf(ada) ? userOf(ada) : userOf(bob), records: [create.tokenUser === userOf(ada) ? 'ada' : 'bob'] });
		}
	});
});

/** The captured Lead describe with a required custom text field more. */
function leadDescribeRequiring(fieldName: string): IDataObject {
	const describe = capturedLeadDescribe();
	const template = (describe.fields as IDataObject[]).find((field) => field.name === 'SICCode__c')!;
	const required = { ...template, name: fieldName, label: fieldName, length: 40, nillable: false, defaultedOnCreate: false };
	return { ...describe, fields: [...(describe.fields as IDataObject[]), required] };
}
