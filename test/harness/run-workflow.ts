import { randomUUID } from 'node:crypto';

import { WorkflowExecute } from 'n8n-core';
import { createRunExecutionData, ExecutionBaseError, Workflow } from 'n8n-workflow';
import type {
	ExecutionError,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	IPairedItemData,
	IRun,
	IWorkflowSettings,
} from 'n8n-workflow';

import { createAdditionalData, workflowRecord } from './additional-data';
import { InMemoryCredentialsHelper } from './credentials-helper';
import type { StoredCredential, TokenUpdate } from './credentials-helper';
import { loadPackageTypes } from './load-package';
import type { OtherPackage } from './other-packages';
import { WEBHOOK_NODE_TYPE } from './webhook-node';

/** A workflow as n8n exports it (the fields the engine reads). */
export interface WorkflowFile {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

export interface OutputItem {
	json: IDataObject;
	pairedItem?: IPairedItemData | IPairedItemData[] | number;
}

export interface WorkflowResult {
	/** Each node's items on its first output, by node name (its last run); absent when it failed. */
	outputs: Record<string, OutputItem[]>;
	/** Each node's items on its error output (On Error: "Continue (using error output)"), by node name. */
	errorOutputs: Record<string, OutputItem[]>;
	/** The error that stopped the execution, if any. */
	error?: ExecutionError;
	/** The token data n8n's OAuth2 code stored after refreshing, in order. */
	tokenUpdates: TokenUpdate[];
	/** Credentials as stored after the run. */
	credentials: StoredCredential[];
	run: IRun;
}

export interface RunWorkflowOptions {
	workflow: WorkflowFile;
	/** The Webhook node's output items, e.g. `{ body: {...} }` per received request. */
	input: IDataObject[];
	/** Bound to the workflow's nodes by credential type, as when importing a workflow in n8n. */
	credentials: StoredCredential[];
	/** The n8n package whose nodes the workflow uses; this repository by default. */
	packageDir?: string;
	/** Types of other installed packages the workflow also uses (e.g. n8n's built-in Salesforce node). */
	otherPackages?: OtherPackage[];
	/**
	 * Called with the run's credential store once it exists, as the database other n8n processes
	 * write to (a test can store tokens "another worker" refreshed while the run goes on).
	 */
	onCredentialStore?: (store: InMemoryCredentialsHelper) => void;
}

/**
 * Runs a workflow in n8n-core's WorkflowExecute the way n8n runs a production webhook execution:
 * the Webhook node is put on the execution stack with the received items, the engine passes them
 * through and executes every node after it.
 */
export async function runWorkflow(options: RunWorkflowOptions): Promise<WorkflowResult> {
	const { workflow, input, credentials, packageDir, otherPackages } = options;
	const types = await loadPackageTypes(packageDir, otherPackages);
	const credentialsHelper = new InMemoryCredentialsHelper(types, credentials);
	options.onCredentialStore?.(credentialsHelper);
	const nodes = bindCredentials(structuredClone(workflow.nodes), credentials);
	const executionId = randomUUID();
	const workflowData = workflowRecord(workflow.name ?? 'Workflow', nodes, workflow.connections, workflow.settings);
	const engineWorkflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections: workflow.connections,
		active: false,
		nodeTypes: types,
		settings: workflow.settings,
	});
	const webhookNode = nodes.find((node) => node.type === WEBHOOK_NODE_TYPE);
	if (!webhookNode) throw new Error(`The workflow has no ${WEBHOOK_NODE_TYPE} node to start from`);

	const receivedItems: INodeExecutionData[] = input.map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: webhookNode, data: { main: [receivedItems] }, source: null }],
		},
	});
	const mode = 'webhook';
	const additionalData = createAdditionalData({ credentialsHelper, mode, executionId, workflowData });
	let run: IRun;
	try {
		run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(engineWorkflow);
	} catch (error) {
		// Raised before any node runs (e.g. WorkflowHasIssuesError): n8n records it as the execution's error.
		if (!(error instanceof ExecutionBaseError)) throw error;
		run = { data: runExecutionData, mode, startedAt: new Date(), storedAt: 'db', status: 'error' };
		run.data.resultData.error = error;
	}

	return {
		outputs: collectOutputs(run, 0),
		errorOutputs: collectOutputs(run, 1),
		error: run.data.resultData.error,
		tokenUpdates: credentialsHelper.tokenUpdates,
		credentials: credentials.map(({ id }) => credentialsHelper.stored(id)),
		run,
	};
}

/** The input item an output item answers (its pairedItem), or `fallback` when it names none. */
export function pairedItemIndex(output: OutputItem, fallback: number): number {
	const paired = Array.isArray(output.pairedItem) ? output.pairedItem[0] : output.pairedItem;
	if (typeof paired === 'number') return paired;
	return paired?.item ?? fallback;
}

function bindCredentials(nodes: INode[], credentials: StoredCredential[]): INode[] {
	for (const node of nodes) {
		for (const type of Object.keys(node.credentials ?? {})) {
			const credential = credentials.find((candidate) => candidate.type === type);
			if (!credential) throw new Error(`Node "${node.name}" needs a "${type}" credential`);
			node.credentials![type] = { id: credential.id, name: credential.name };
		}
	}
	return nodes;
}

function collectOutputs(run: IRun, output: number): Record<string, OutputItem[]> {
	const outputs: Record<string, OutputItem[]> = {};
	for (const [nodeName, tasks] of Object.entries(run.data.resultData.runData)) {
		const items = tasks[tasks.length - 1].data?.main?.[output];
		// A node that stopped with an error has no output at all (not an empty one).
		if (items) outputs[nodeName] = items.map(({ json, pairedItem }) => ({ json, pairedItem }));
	}
	return outputs;
}
