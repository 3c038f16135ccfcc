import { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	IConnections,
	INode,
	INodeParameters,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { InMemoryCredentialsHelper } from './credentials-helper';

/** Where n8n would say it runs; only used to build URLs no test calls. */
const BASE_URL = 'http://localhost:5678';

/** What a sub-workflow or code-runner call would need: the workflows here never make one. */
function unavailable(what: string) {
	return async () => {
		throw new Error(`${what} is not available in the engine harness`);
	};
}

/** The stored-workflow record n8n's lifecycle hooks receive. */
export function workflowRecord(
	name: string,
	nodes: INode[] = [],
	connections: IConnections = {},
	settings?: IWorkflowBase['settings'],
): IWorkflowBase {
	const now = new Date();
	return {
		id: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
		name,
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
		settings,
	};
}

/**
 * The execution-wide services n8n's CLI hands to WorkflowExecute (its WorkflowExecuteAdditionalData
 * .getBase), reduced to what a workflow of webhook and HTTP-calling nodes reaches.
 */
export function createAdditionalData(options: {
	credentialsHelper: InMemoryCredentialsHelper;
	mode: WorkflowExecuteMode;
	executionId: string;
	workflowData: IWorkflowBase;
	currentNodeParameters?: INodeParameters;
}): IWorkflowExecuteAdditionalData {
	const { credentialsHelper, mode, executionId, workflowData, currentNodeParameters } = options;
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
		executionId,
		currentNodeParameters,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: `${BASE_URL}/`,
		formBaseUrl: `${BASE_URL}/form`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		variables: {},
		executeWorkflow: unavailable('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unavailable('The code task runner'),
		logAiEvent: () => {},
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}
