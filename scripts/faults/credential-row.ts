/**
 * n8n's one credential as the engine worker's executions read it: one id and name, connected as one
 * of the scenario's tenants, each tenant's tokens kept as the last execution on it left them (a
 * refresh stores new ones). Each execution runs on a store of its own (the harness's), filled from
 * the tenant the credential is connected as when it starts; a reconnection reaches every running
 * execution's store too, as it reaches every execution reading n8n's database: each read after it
 * (n8n's own read to sign a call among them) resolves the new tenant. Which tenant each read
 * resolved is recorded, so that the runner knows where an execution's items were meant to go.
 */
import { deepCopy } from 'n8n-workflow';

import type { InMemoryCredentialsHelper, StoredCredential, WorkflowResult } from '../../test/harness';
import { tenantByTurn, type Scenario } from './scenario';

/** One execution's use of the credential. */
export interface CredentialUse {
	/** The credential as the execution starts with it. */
	credential: StoredCredential;
	/** The tenant the credential is connected as when the execution starts. */
	tenantAtStart: number;
	/** The tenants its reads resolved, in order of first appearance. */
	readTenants: number[];
	/** runWorkflow's `onCredentialStore`: the execution's store, watched and reachable by a reconnection. */
	watch(store: InMemoryCredentialsHelper): void;
	/** The execution is over: the tokens a refresh stored are kept for the tenant they belong to. */
	end(result: WorkflowResult | undefined): void;
}

interface OpenStore {
	store: InMemoryCredentialsHelper;
	/** The tenant whose data the store holds now. */
	tenant: number;
}

const RECONNECTED_TO = 1;

export class CredentialRow {
	/** When the credential was reconnected (ms since the epoch), once it was. */
	reconnectedAt?: number;
	private readonly byTenant: StoredCredential[];
	/** Reconnecting scenarios: the tenant the credential is connected as now. */
	private connectedAs: number;
	private readonly open = new Set<OpenStore>();

	/** `executions`: those this worker runs; none of them up to the reconnecting one means the reconnection is behind. */
	constructor(
		private readonly scenario: Scenario,
		credentials: StoredCredential[],
		executions: number[],
	) {
		this.byTenant = [...credentials];
		const { reconnect } = scenario;
		this.connectedAs = reconnect !== undefined && executions.every((execution) => execution > reconnect.execution) ? RECONNECTED_TO : 0;
	}

	/** Each tenant's credential, as the executions left it. */
	credentials(): StoredCredential[] {
		return [...this.byTenant];
	}

	/** An execution starts: the credential as it finds it. */
	begin(execution: number): CredentialUse {
		const { reconnect } = this.scenario;
		const tenant = reconnect === undefined ? tenantByTurn(this.scenario, execution) : this.connectedAs;
		if (execution === reconnect?.execution && tenant !== RECONNECTED_TO) setTimeout(() => this.reconnect(RECONNECTED_TO), reconnect.afterMs);
		let opened: OpenStore | undefined;
		const use: CredentialUse = {
			credential: this.byTenant[tenant],
			tenantAtStart: tenant,
			readTenants: [],
			watch: (store) => {
				const watched: OpenStore = { store, tenant };
				opened = watched;
				this.open.add(watched);
				const read = store.getDecrypted.bind(store);
				// The store copies the data before its first await: each read resolves the tenant it holds as it is called.
				store.getDecrypted = (...args) => {
					if (!use.readTenants.includes(watched.tenant)) use.readTenants.push(watched.tenant);
					return read(...args);
				};
			},
			end: (result) => {
				if (opened !== undefined) this.open.delete(opened);
				// n8n keeps refreshed tokens in its database for the next execution; so does this row.
				if (result && result.tokenUpdates.length > 0) this.byTenant[opened?.tenant ?? tenant] = result.credentials[0];
			},
		};
		return use;
	}

	/** "Reconnect" in n8n: the credential's data is now the other tenant's, for the running executions too. */
	private reconnect(tenant: number): void {
		this.connectedAs = tenant;
		this.reconnectedAt = Date.now();
		for (const opened of this.open) {
			opened.store.stored(this.byTenant[tenant].id).data = deepCopy(this.byTenant[tenant].data);
			opened.tenant = tenant;
		}
	}
}
