/**
 * Every execution reads its own credential (instance, org, user, token): one n8n credential id can stand
 * for different orgs or users, so nothing read from it is reused by another execution. A credential
 * reconnected to another org sends every lead there, once.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type EmulatorHandle } from '../../emulator';
import {
	connectedCredential,
	InMemoryCredentialsHelper,
	leadCreateParameters,
	runWorkflow,
	webhookToSalesforce,
	type StoredCredential,
} from '../harness';
import { accessToken, connectedOrg, dataCalls, LEAD_MAPPING, numberedLeads } from './helpers';

let emulator: EmulatorHandle;
let credential: StoredCredential;
let other: EmulatorHandle | undefined;
let stopped: boolean;

beforeEach(async () => {
	({ emulator, credential } = await connectedOrg());
	stopped = false;
});
afterEach(async () => {
	jest.restoreAllMocks();
	await Promise.all([stopped ? undefined : emulator.stop(), other?.stop()]);
	other = undefined;
});

function createOneLead(withCredential: StoredCredential, options: INodeParameters = {}) {
	return runWorkflow({
		workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING, options), { continueOnFail: true }),
		input: numberedLeads(1),
		credentials: [withCredential],
	});
}

/** Credential loads (n8n's getCredentials) during `run`. */
async function credentialReadsDuring(run: () => Promise<unknown>): Promise<number> {
	const reads = jest.spyOn(InMemoryCredentialsHelper.prototype, 'getDecrypted');
	await run();
	const count = reads.mock.calls.length;
	reads.mockRestore();
	return count;
}

/** The same credential (same id) reconnected by its user to another org. */
async function reconnectedToAnotherOrg(): Promise<StoredCredential> {
	other = await startEmulator({ org: 2 });
	return { ...(await connectedCredential(other)), id: credential.id, name: credential.name };
}

describe('reading the credential', () => {
	it('reads it once in every execution, warm or not: n8n signs the create with what the node read', async () => {
		await createOneLead(credential);

		const reads = await credentialReadsDuring(async () => {
			const result = await createOneLead(credential);
			expect(result.outputs.Salesforce[0].json.success).toBe(true);
		});

		expect(reads).toBe(1);
	});

	it('reads it once for two calls when the field list cache is off (0 seconds)', async () => {
		await createOneLead(credential, { describeCacheSeconds: 0 });

		expect(await credentialReadsDuring(async () => await createOneLead(credential, { describeCacheSeconds: 0 }))).toBe(1);
	});

	it('keeps each call’s token that of the org it goes to when the credential is reconnected to another org during the execution', async () => {
		const reconnected = await reconnectedToAnotherOrg();
		// The describe answers late; meanwhile the credential is reconnected to the other org.
		emulator.faults.add({ method: 'GET', path: '/describe', latencyMs: 200 });
		let store: InMemoryCredentialsHelper | undefined;
		const running = runWorkflow({
			workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING), { continueOnFail: true }),
			input: numberedLeads(1),
			credentials: [credential],
			onCredentialStore: (helper) => (store = helper),
		});
		while (!dataCalls(emulator).length) await new Promise((resolve) => setTimeout(resolve, 5));
		store!.storeTokens(credential.id, reconnected.data.oauthTokenData as IDataObject);

		const result = await running;

		const [stored] = emulator.records('Lead');
		expect(result.outputs.Salesforce.map((item) => item.json)).toEqual([{ success: true, id: stored.Id }]);
		expect(new Set(dataCalls(emulator).map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${accessToken(credential)}`]));
		expect(dataCalls(other!)).toEqual([]);
	});

	it('sends the lead to the org the credential was reconnected to, once, when the old instance refuses the new token', async () => {
		await createOneLead(credential);
		const reconnected = await reconnectedToAnotherOrg();

		const result = await createOneLead(reconnected);

		const [stored] = other!.records('Lead');
		expect(other!.records('Lead')).toHaveLength(1);
		expect(result.outputs.Salesforce.map((item) => item.json)).toEqual([{ success: true, id: stored.Id }]);
		expect(emulator.records('Lead')).toHaveLength(1);
		// The new org's token never went to the old org's instance.
		expect(dataCalls(emulator).map((request) => request.headers.authorization)).not.toContain(`Bearer ${accessToken(reconnected)}`);
	});

	it('after a reconnect as another user of the same org, creates with that user’s token and checks against that user’s own describe', async () => {
		await emulator.stop();
		({ emulator, credential } = await connectedOrg({ users: [{ username: 'bob@example.com' }] }));
		await createOneLead(credential);
		const asBob: StoredCredential = { ...(await connectedCredential(emulator, { user: 'bob@example.com' })), id: credential.id, name: credential.name };

		const result = await createOneLead(asBob);

		const describes = dataCalls(emulator).filter((request) => request.path.endsWith('/describe'));
		expect(describes.map((request) => request.tokenUser)).toEqual([emulator.userId('emulator.user@example.com'), emulator.userId('bob@example.com')]);
		const [, bobs] = emulator.records('Lead');
		expect(bobs.CreatedById).toBe(emulator.userId('bob@example.com'));
		expect(result.outputs.Salesforce.map((item) => item.json)).toEqual([{ success: true, id: bobs.Id }]);
	});

	it('sends the lead to the org the credential was reconnected to when the old instance cannot be reached', async () => {
		await createOneLead(credential);
		const reconnected = await reconnectedToAnotherOrg();
		await emulator.stop();
		stopped = true;

		const result = await createOneLead(reconnected);

		const [stored] = other!.records('Lead');
		expect(other!.records('Lead')).toHaveLength(1);
		expect(result.outputs.Salesforce.map((item) => item.json)).toEqual([{ success: true, id: stored.Id }]);
	});

	it('reports a 401 of a credential that did not move as Salesforce gave it, without sending the create again', async () => {
		await createOneLead(credential);
		const invalidSession = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
		emulator.faults.add({ method: 'POST', path: '/composite/sobjects', status: 401, body: invalidSession, times: Infinity });
		const createsSent = () => emulator.requests().filter((request) => request.path.endsWith('/composite/sobjects')).length;
		const before = createsSent();

		const result = await createOneLead(credential);

		expect(result.outputs.Salesforce[0].json).toMatchObject({ errorCode: 'INVALID_SESSION_ID' });
		// n8n's own attempt and its retry after refreshing the token; the node adds none.
		expect(createsSent() - before).toBe(2);
		expect(emulator.records('Lead')).toHaveLength(1);
	});
});
