/**
 * What the benchmark runs: the cases (how many executions of how many leads, how many at once) and
 * the node variants each case runs with. Node parameters live here and nowhere else: a variant is
 * one line (e.g. this node with the describe cache off, once that option exists).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TokenResponse } from '../../emulator';
import {
	builtInLeadCreate,
	builtInSalesforceCredential,
	emulatorCredential,
	leadCreateParameters,
	SALESFORCE_CREDENTIAL_TYPE,
	SALESFORCE_NODE_TYPE,
	webhookItem,
	type CalledNode,
	type EmulatorAddress,
	type StoredCredential,
} from '../../test/harness';

export interface BenchCase {
	id: string;
	title: string;
	executions: number;
	leadsPerExecution: number;
	/** Executions running at once in the one n8n process (n8n runs concurrent webhook calls so). */
	concurrency: number;
	/** How many rounds, each in fresh processes; ratios to the anchor are taken round by round (rounds.ts). */
	rounds: number;
}

export const CASES: BenchCase[] = [
	{ id: 'a', title: '(a) 300 executions of 1 lead, one after another', executions: 300, leadsPerExecution: 1, concurrency: 1, rounds: 9 },
	{ id: 'b', title: '(b) 100 executions of 1 lead, 25 at a time', executions: 100, leadsPerExecution: 1, concurrency: 25, rounds: 9 },
	{ id: 'c1000', title: '(c) 1 execution of 1,000 leads', executions: 1, leadsPerExecution: 1_000, concurrency: 1, rounds: 1 },
	{ id: 'c10000', title: '(c) 1 execution of 10,000 leads', executions: 1, leadsPerExecution: 10_000, concurrency: 1, rounds: 1 },
];

/** `--quick`: everything but the 10,000 leads (the built-in node alone needs 200+ s there). */
export const QUICK_CASE_IDS = ['a', 'b', 'c1000'];

/**
 * Before measuring, each child runs this against an emulator of its own (other URL, other
 * credential): code paths compiled, sockets and the engine warm, while a cache keyed by the
 * connection (this node's describe cache) still starts cold in the measured part. 1,000 executions
 * (against an emulator without latency, a few seconds): a node's CPU per execution keeps falling for
 * the first thousand or so while V8 optimises it, and a long-running n8n is past that.
 */
export const WARM_UP: BenchCase = { id: 'warm-up', title: 'warm-up', executions: 1000, leadsPerExecution: 1, concurrency: 5, rounds: 1 };
export const WARM_UP_BATCH: BenchCase = { id: 'warm-up-batch', title: 'warm-up', executions: 1, leadsPerExecution: 200, concurrency: 1, rounds: 1 };

export interface NodeVariant {
	id: string;
	label: string;
	/** The node every other variant is compared with (n8n's built-in Salesforce node). */
	anchor?: boolean;
	/** Needs n8n-nodes-base from the real-n8n install. */
	fromN8nNodesBase?: boolean;
	node: CalledNode;
	credential(emulator: EmulatorAddress, tokens: TokenResponse): StoredCredential;
}

/** Both nodes get the same four fields from the webhook body, as a user maps them. */
const FROM_BODY = {
	firstName: '={{ $json.body.first_name }}',
	lastName: '={{ $json.body.last_name }}',
	company: '={{ $json.body.company }}',
	email: '={{ $json.body.email }}',
};

function ours(options: INodeParameters): CalledNode {
	const mapping = { FirstName: FROM_BODY.firstName, LastName: FROM_BODY.lastName, Company: FROM_BODY.company, Email: FROM_BODY.email };
	return {
		type: SALESFORCE_NODE_TYPE,
		typeVersion: 1,
		credentialType: SALESFORCE_CREDENTIAL_TYPE,
		parameters: leadCreateParameters(mapping, options),
	};
}

const builtIn = builtInLeadCreate({
	company: FROM_BODY.company,
	lastname: FROM_BODY.lastName,
	additionalFields: { firstname: FROM_BODY.firstName, email: FROM_BODY.email },
});

/**
 * This node's credential as a Production connection, like the built-in node's: the same Environment
 * means the same credential expressions for n8n to resolve on every call (the token's instance_url,
 * the emulator, is where calls go either way).
 */
function productionCredential(emulator: EmulatorAddress, tokens: TokenResponse): StoredCredential {
	const credential = emulatorCredential(emulator, tokens);
	const { myDomainUrl: _myDomain, ...data } = credential.data;
	return { ...credential, data: { ...data, environment: 'production' } };
}

export const VARIANTS: NodeVariant[] = [
	{ id: 'built-in', label: "n8n's Salesforce node", anchor: true, fromN8nNodesBase: true, node: builtIn, credential: builtInSalesforceCredential },
	{ id: 'ours', label: 'Salesforce REST (this)', node: ours({}), credential: productionCredential },
	{ id: 'ours-cache-off', label: 'this, describe cache off', node: ours({ describeCacheSeconds: 0 }), credential: productionCredential },
	{ id: 'ours-no-group', label: 'this, group commit off', node: ours({ combineConcurrent: false }), credential: productionCredential },
];

/** The variant the targets are about. */
export const TARGET_VARIANT_ID = 'ours';

export function findById<T extends { id: string }>(list: T[], id: string, what: string): T {
	const found = list.find((entry) => entry.id === id);
	if (!found) throw new Error(`Unknown ${what} "${id}": one of ${list.map((entry) => entry.id).join(', ')}`);
	return found;
}

/** Every lead of a case has its own e-mail address: the key its stored record is found by. */
export function leadKey(benchCase: BenchCase, index: number): string {
	return `lead-${index}@${benchCase.id}.bench.example.com`;
}

export function leadCount(benchCase: BenchCase): number {
	return benchCase.executions * benchCase.leadsPerExecution;
}

/** The webhook items execution `execution` of the case starts with. */
export function executionInput(benchCase: BenchCase, execution: number): IDataObject[] {
	const first = execution * benchCase.leadsPerExecution;
	return Array.from({ length: benchCase.leadsPerExecution }, (_, offset) => {
		const index = first + offset;
		return webhookItem({ first_name: 'Bench', last_name: `Lead ${index}`, company: `Company ${index}`, email: leadKey(benchCase, index) });
	});
}
