import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

export const WEBHOOK_NODE_TYPE = 'n8n-nodes-base.webhook';

/**
 * The part of n8n's Webhook trigger (n8n-nodes-base, v2) that a run of a webhook workflow needs.
 *
 * n8n answers the HTTP request with `webhook()` and then starts the execution with the Webhook node
 * on the execution stack, its items as input; the engine passes a webhook node's input straight
 * through (WorkflowExecute.runNode) and goes on with the next node. The harness starts runs the
 * same way. The real package is not installed (see README.md): this keeps its name, parameters and
 * item shape `{ headers, params, query, body, webhookUrl, executionMode }`.
 */
export class WebhookNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Webhook',
		name: 'webhook',
		group: ['trigger'],
		version: [1, 1.1, 2, 2.1],
		description: 'Starts the workflow when a webhook is called',
		defaults: { name: 'Webhook' },
		inputs: [],
		outputs: ['main'],
		webhooks: [
			{
				name: 'default',
				httpMethod: '={{$parameter["httpMethod"]}}',
				path: '={{$parameter["path"]}}',
				responseMode: '={{$parameter["responseMode"]}}',
				isFullPath: true,
			},
		],
		properties: [
			{
				displayName: 'HTTP Method',
				name: 'httpMethod',
				type: 'options',
				options: ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'].map((method) => ({
					name: method,
					value: method,
				})),
				default: 'GET',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '', required: true },
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				options: [
					{ name: 'Immediately', value: 'onReceived' },
					{ name: 'When Last Node Finishes', value: 'lastNode' },
				],
				default: 'onReceived',
			},
			{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
		],
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const item: IDataObject = {
			headers: this.getHeaderData() as IDataObject,
			params: this.getParamsData(),
			query: this.getQueryData() as IDataObject,
			body: this.getBodyData(),
			webhookUrl: this.getNodeWebhookUrl('default'),
			executionMode: this.getMode() === 'manual' ? 'test' : 'production',
		};
		return { workflowData: [[{ json: item }]] };
	}
}
