import { WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type { IDataObject, IWebhookData, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { createAdditionalData, workflowRecord } from './additional-data';
import { InMemoryCredentialsHelper } from './credentials-helper';
import { loadPackageTypes } from './load-package';
import type { WorkflowFile } from './run-workflow';
import { WEBHOOK_NODE_TYPE } from './webhook-node';

export interface WebhookRequest {
	body: IDataObject;
	headers?: Record<string, string>;
	query?: Record<string, string>;
}

/**
 * What the workflow's Webhook node answers for received HTTP requests, called as n8n's webhook
 * server calls it (`webhook()` with n8n-core's WebhookContext): the items a run then starts with.
 */
export async function receiveWebhookRequests(workflow: WorkflowFile, requests: WebhookRequest[]): Promise<IDataObject[]> {
	const types = await loadPackageTypes();
	const nodes = structuredClone(workflow.nodes);
	const engineWorkflow = new Workflow({
		id: 'webhook-workflow',
		nodes,
		connections: workflow.connections,
		active: true,
		nodeTypes: types,
	});
	const node = nodes.find((candidate) => candidate.type === WEBHOOK_NODE_TYPE);
	if (!node) throw new Error(`The workflow has no ${WEBHOOK_NODE_TYPE} node`);
	const nodeType = types.getByNameAndVersion(node.type, node.typeVersion);
	const [webhookDescription] = nodeType.description.webhooks ?? [];

	const items: IDataObject[] = [];
	for (const request of requests) {
		const additionalData = createAdditionalData({
			credentialsHelper: new InMemoryCredentialsHelper(types, []),
			mode: 'webhook',
			executionId: 'webhook-request',
			workflowData: workflowRecord('Webhook', nodes, workflow.connections),
		});
		additionalData.httpRequest = {
			body: request.body,
			headers: request.headers ?? {},
			params: {},
			query: request.query ?? {},
		} as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: String(node.parameters.path),
			webhookDescription,
			workflowId: engineWorkflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		const context = new WebhookContext(engineWorkflow, node, additionalData, 'webhook', webhookData, [], null);
		const answer = await nodeType.webhook!.call(context);
		items.push(...(answer.workflowData?.[0] ?? []).map((item) => item.json));
	}
	return items;
}
