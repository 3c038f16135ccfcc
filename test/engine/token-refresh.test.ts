import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type EmulatorHandle } from '../../emulator';
import {
	connectedCredential,
	forgetSharedState,
	connectThroughConsent,
	leadCreateParameters,
	runWorkflow,
	webhookToSalesforce,
	type StoredCredential,
} from '../harness';
import { accessToken, API, callLine, LEAD_MAPPING, numberedLeads } from './helpers';

let emulator: EmulatorHandle;

// Each test meets a cold describe cache, as a freshly started n8n would.
beforeEach(() => forgetSharedState());

afterEach(async () => await emulator.stop());

function createLeads(credential: StoredCredential, count: number, continueOnFail = false) {
	return runWorkflow({
		workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING), { continueOnFail }),
		input: numberedLeads(count),
		credentials: [credential],
	});
}

/** Runs `then` once the emulator has refused a refresh grant (this run's own refresh). */
function afterOwnRefreshRefused(then: () => void): void {
	const watch = setInterval(() => {
		if (!emulator.requests().some((request) => request.path === '/services/oauth2/token' && request.status === 400)) return;
		clearInterval(watch);
		then();
	}, 5);
}

const expireTokenOnCreate = { method: 'POST', path: '/composite/sobjects', expireToken: true };

describe('An access token that expires during a run', () => {
	it('is refreshed once through n8n\'s OAuth2 code between two batches, nothing lost or stored twice', async () => {
		emulator = await startEmulator();
		const credential = await connectedCredential(emulator);
		const issued = credential.data.oauthTokenData as IDataObject;
		// The first batch of 200 goes through; the token expires as the second batch arrives.
		emulator.faults.add({ ...expireTokenOnCreate, after: 1 });

		const result = await createLeads(credential, 400);

		expect(result.error).toBeUndefined();
		expect(emulator.requests().map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			`POST ${API}/composite/sobjects 200`,
			`POST ${API}/composite/sobjects 401`,
			'POST /services/oauth2/token 200',
			`POST ${API}/composite/sobjects 200`,
		]);
		const [describe, firstBatch, refused, refresh, retried] = emulator.requests();
		expect(refresh.body).toMatchObject({ grant_type: 'refresh_token', refresh_token: issued.refresh_token });

		expect(result.tokenUpdates).toHaveLength(1);
		const refreshed = result.tokenUpdates[0].oauthTokenData;
		expect(refreshed.access_token).not.toBe(issued.access_token);
		expect(refreshed).toMatchObject({ refresh_token: issued.refresh_token, instance_url: emulator.url });
		expect(result.credentials[0].data.oauthTokenData).toEqual(refreshed);
		for (const call of [describe, firstBatch, refused]) expect(call.headers.authorization).toBe(`Bearer ${issued.access_token}`);
		expect(retried.headers.authorization).toBe(`Bearer ${refreshed.access_token}`);
		expect(retried.body).toEqual(refused.body);

		const stored = emulator.records('Lead');
		expect(stored.map((record) => record.LastName)).toEqual(numberedLeads(400).map((item) => (item.body as IDataObject).last_name));
		expect(result.outputs.Salesforce.map((item) => item.json.id)).toEqual(stored.map((record) => record.Id));
	});

	it('is refreshed when it has already expired at the first create call', async () => {
		emulator = await startEmulator();
		const credential = await connectedCredential(emulator);
		emulator.faults.add(expireTokenOnCreate);

		const result = await createLeads(credential, 3);

		expect(result.error).toBeUndefined();
		expect(emulator.requests().map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			`POST ${API}/composite/sobjects 401`,
			'POST /services/oauth2/token 200',
			`POST ${API}/composite/sobjects 200`,
		]);
		expect(result.tokenUpdates).toHaveLength(1);
		expect(emulator.records('Lead')).toHaveLength(3);
	});

	it('stores the new refresh token when the org rotates refresh tokens', async () => {
		emulator = await startEmulator({ rotateRefreshTokens: true });
		const credential = await connectedCredential(emulator);
		const issued = credential.data.oauthTokenData as IDataObject;
		emulator.expireAccessTokens();

		const result = await createLeads(credential, 1);

		expect(result.error).toBeUndefined();
		expect(result.tokenUpdates).toHaveLength(1);
		const stored = result.credentials[0].data.oauthTokenData as IDataObject;
		expect(stored.refresh_token).toEqual(expect.any(String));
		expect(stored.refresh_token).not.toBe(issued.refresh_token);
		expect(stored.access_token).toBe(result.tokenUpdates[0].oauthTokenData.access_token);
	});
});

describe('A refresh token Salesforce no longer accepts (invalid_grant)', () => {
	beforeEach(async () => {
		emulator = await startEmulator();
	});

	it('without Continue On Fail, stops the node with "reconnect the credential" and saves nothing', async () => {
		const credential = await connectedCredential(emulator);
		emulator.revokeRefreshTokens();
		emulator.faults.add(expireTokenOnCreate);

		const result = await createLeads(credential, 3);

		expect(`${result.error?.message} ${result.error?.description}`).toMatch(/reconnect/i);
		expect(result.tokenUpdates).toEqual([]);
		expect(emulator.requests().map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 200`,
			`POST ${API}/composite/sobjects 401`,
			'POST /services/oauth2/token 400',
		]);
		expect(emulator.records('Lead')).toEqual([]);
	});

	it('with Continue On Fail, reports invalid_grant on every item of the refused call', async () => {
		const credential = await connectedCredential(emulator);
		emulator.revokeRefreshTokens();
		emulator.faults.add(expireTokenOnCreate);

		const result = await createLeads(credential, 2, true);

		expect(result.outputs.Salesforce).toEqual(
			[0, 1].map((item) => ({
				json: { success: false, error: expect.stringMatching(/reconnect/i), errorCode: 'invalid_grant', fields: [] },
				pairedItem: { item },
			})),
		);
		expect(emulator.records('Lead')).toEqual([]);
	});
});

describe('Two n8n processes refreshing a rotating refresh token at once (queue mode)', () => {
	it('waits for the tokens the other process stores after its refresh was refused, sends the create once more, and the lead is stored once', async () => {
		emulator = await startEmulator({ rotateRefreshTokens: true });
		const credential = await connectedCredential(emulator);
		const issued = credential.data.oauthTokenData as IDataObject;
		emulator.expireAccessTokens();
		// "Worker 2" refreshes first: Salesforce revokes the refresh token this run holds.
		const otherWorker = (await (
			await fetch(`${emulator.url}/services/oauth2/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: String(issued.refresh_token), client_id: emulator.app.clientId, client_secret: emulator.app.clientSecret }),
			})
		).json()) as IDataObject;
		let ownRefreshRefused = false;

		const run = runWorkflow({
			workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING), { continueOnFail: true }),
			input: numberedLeads(1),
			credentials: [credential],
			// ... and stores its tokens only after this run's own refresh was refused, as a slow token endpoint makes it.
			onCredentialStore: (store) =>
				afterOwnRefreshRefused(() => {
					ownRefreshRefused = true;
					store.storeTokens(credential.id, { ...issued, ...otherWorker });
				}),
		});
		const result = await run;

		expect(ownRefreshRefused).toBe(true);
		expect(emulator.requests().slice(1).map(callLine)).toEqual([
			`GET ${API}/sobjects/Lead/describe 401`,
			'POST /services/oauth2/token 400',
			`GET ${API}/sobjects/Lead/describe 200`,
			`POST ${API}/composite/sobjects 200`,
		]);
		const [stored] = emulator.records('Lead');
		expect(result.outputs.Salesforce).toEqual([{ json: { id: stored.Id, success: true }, pairedItem: { item: 0 } }]);
	});
});

describe('Another process storing tokens of another user while this run waits (the credential reconnected meanwhile)', () => {
	it('never takes them: the refused call stands, and no call carries the other user\'s token', async () => {
		emulator = await startEmulator({ rotateRefreshTokens: true, users: [{ username: 'bob@example.com' }] });
		const credential = await connectedCredential(emulator);
		const issued = credential.data.oauthTokenData as IDataObject;
		emulator.expireAccessTokens();
		emulator.revokeRefreshTokens();
		const bobs = emulator.issueTokens({ user: 'bob@example.com' });

		const result = await runWorkflow({
			workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING), { continueOnFail: true }),
			input: numberedLeads(1),
			credentials: [credential],
			onCredentialStore: (store) => afterOwnRefreshRefused(() => store.storeTokens(credential.id, { ...issued, ...bobs })),
		});

		expect(result.outputs.Salesforce[0].json).toMatchObject({ success: false, errorCode: 'invalid_grant' });
		expect(emulator.requests().map((request) => request.headers.authorization)).not.toContain(`Bearer ${bobs.access_token}`);
		expect(emulator.records('Lead')).toEqual([]);
	});
});

describe('A credential connected through the authorization-code + PKCE flow', () => {
	it('sends the verifier on the code exchange and its tokens create leads', async () => {
		emulator = await startEmulator();

		const { credential } = await connectThroughConsent(emulator);

		const oauthCalls = emulator.requests();
		expect(oauthCalls.map(callLine)).toEqual([
			'GET /services/oauth2/authorize 200',
			'POST /services/oauth2/authorize 302',
			'POST /services/oauth2/token 200',
		]);
		expect(oauthCalls[0].query).toMatchObject({
			response_type: 'code',
			client_id: emulator.app.clientId,
			scope: 'api refresh_token',
			code_challenge_method: 'S256',
		});
		expect(oauthCalls[2].body).toMatchObject({ grant_type: 'authorization_code', code_verifier: expect.any(String) });

		const result = await createLeads(credential, 1);

		expect(result.outputs.Salesforce).toEqual([
			{ json: { id: emulator.records('Lead')[0].Id, success: true }, pairedItem: { item: 0 } },
		]);
		expect(emulator.requests()[3].headers.authorization).toBe(`Bearer ${accessToken(credential)}`);
	});
});
