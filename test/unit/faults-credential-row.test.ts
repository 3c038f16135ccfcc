import type { IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { CredentialRow } from '../../scripts/faults/credential-row';
import type { Scenario } from '../../scripts/faults/scenario';
import { InMemoryCredentialsHelper, type StoredCredential, type WorkflowResult } from '../../test/harness';
import type { PackageTypes } from '../../test/harness/package-types';

const TYPE = 'salesforceRestOAuth2Api';
const credential = (tenant: string, accessToken = `${tenant}-token`): StoredCredential => ({
	id: 'salesforce-emulator',
	name: 'Salesforce (emulator)',
	type: TYPE,
	data: { myDomainUrl: `http://${tenant}.test`, oauthTokenData: { access_token: accessToken } },
});
const scenario = (more: Partial<Scenario>): Scenario => ({
	name: 'row',
	fault: '',
	items: 'leads',
	tenants: [{ org: 0 }, { org: 1 }],
	shape: { executions: 8, itemsPerExecution: 1, batchSize: 1, concurrency: 2 },
	evidence: () => ({ count: 0, text: '' }),
	minimumEvidence: 0,
	...more,
});

/** An execution's store, as runWorkflow makes it, and what one of its reads resolves. */
function storeOf(start: StoredCredential): InMemoryCredentialsHelper {
	return new InMemoryCredentialsHelper({} as PackageTypes, [start]);
}
async function read(store: InMemoryCredentialsHelper): Promise<unknown> {
	const data = await store.getDecrypted({} as IWorkflowExecuteAdditionalData, { id: 'salesforce-emulator', name: 'Salesforce (emulator)' }, TYPE, 'webhook', undefined, true);
	return data.myDomainUrl;
}
/** What runWorkflow returns after n8n refreshed the token in the execution's store. */
function refreshedIn(store: InMemoryCredentialsHelper, accessToken: string): WorkflowResult {
	store.storeTokens('salesforce-emulator', { access_token: accessToken });
	const tokenUpdates = [{ credentialId: 'salesforce-emulator', type: TYPE, oauthTokenData: { access_token: accessToken } }];
	return { tokenUpdates, credentials: [store.stored('salesforce-emulator')] } as unknown as WorkflowResult;
}

describe('the fault runner’s credential row', () => {
	afterEach(() => jest.useRealTimers());

	it('starts each execution as its turn’s tenant, and records what its reads resolved', async () => {
		const row = new CredentialRow(scenario({}), [credential('a'), credential('b')], [0, 1]);

		const uses = [row.begin(0), row.begin(1)];
		const stores = uses.map((use) => storeOf(use.credential));
		uses.forEach((use, index) => use.watch(stores[index]));

		expect(await Promise.all(stores.map(read))).toEqual(['http://a.test', 'http://b.test']);
		expect(uses.map((use) => [use.tenantAtStart, use.readTenants])).toEqual([
			[0, [0]],
			[1, [1]],
		]);
	});

	it('reconnects the running executions too: a read after the reconnection resolves the new tenant, and later executions start there', async () => {
		jest.useFakeTimers();
		const row = new CredentialRow(scenario({ reconnect: { execution: 1, afterMs: 50 } }), [credential('a'), credential('b')], [0, 1, 2]);
		const running = row.begin(0);
		const store = storeOf(running.credential);
		running.watch(store);
		await read(store);

		const reconnecting = row.begin(1);
		jest.advanceTimersByTime(50);

		expect(await read(store)).toBe('http://b.test');
		expect([running.readTenants, reconnecting.tenantAtStart, row.begin(2).tenantAtStart]).toEqual([[0, 1], 0, 1]);
		expect(row.reconnectedAt).toBeDefined();
	});

	it('keeps the tokens a refresh stored for the tenant the store held then', () => {
		jest.useFakeTimers();
		const row = new CredentialRow(scenario({ reconnect: { execution: 0, afterMs: 10 } }), [credential('a'), credential('b')], [0]);
		const use = row.begin(0);
		const store = storeOf(use.credential);
		use.watch(store);
		jest.advanceTimersByTime(10);

		use.end(refreshedIn(store, 'b-refreshed'));

		expect(row.credentials().map((stored) => stored.data.oauthTokenData)).toEqual([{ access_token: 'a-token' }, { access_token: 'b-refreshed' }]);
	});

	it('starts reconnected in a worker that runs only executions after the reconnecting one', () => {
		const row = new CredentialRow(scenario({ reconnect: { execution: 3, afterMs: 50 } }), [credential('a'), credential('b')], [4, 5]);

		expect(row.begin(4).credential.data.myDomainUrl).toBe('http://b.test');
	});
});
