/**
 * The lead-intake example published in the queue-mode n8n, and the leads a scenario posts to its
 * production webhook: one lead per request, at most a given number of requests in flight, bounded
 * in count and in time. Every lead has an email of its own, which is how it is found again in the
 * emulator and in n8n's executions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectedCredential } from './connect-credential';
import type { N8nRestClient } from './n8n-rest';

const WORKFLOW_FILE = 'examples/lead-intake.workflow.json';

export interface PublishedWorkflow {
	id: string;
	webhookUrl: string;
}

export interface WebhookLead {
	first_name: string;
	last_name: string;
	company: string;
	email: string;
	phone: string;
}

export interface PostedLead {
	lead: WebhookLead;
	/** When the request was sent and answered (ms since the epoch); answeredAt 0 when it never was. */
	sentAt: number;
	answeredAt: number;
	/** HTTP status of the webhook's answer, 0 when the request failed. */
	status: number;
	error?: string;
}

interface WorkflowJson {
	nodes: Array<{ type: string; parameters: Record<string, unknown>; credentials?: Record<string, ConnectedCredential> }>;
}

/** Saves the example with its Salesforce nodes bound to the credential and publishes it (its production webhook goes live). */
export async function publishLeadIntake(n8n: N8nRestClient, repo: string, credential: ConnectedCredential): Promise<PublishedWorkflow> {
	const workflow = JSON.parse(readFileSync(join(repo, WORKFLOW_FILE), 'utf8')) as WorkflowJson;
	for (const node of workflow.nodes) {
		if (node.credentials?.salesforceRestOAuth2Api) node.credentials.salesforceRestOAuth2Api = { id: credential.id, name: credential.name };
	}
	const webhookPath = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')?.parameters.path;
	if (typeof webhookPath !== 'string') throw new Error(`${WORKFLOW_FILE} has no Webhook node with a path`);
	const saved = await n8n.call<{ id: string; versionId: string }>('POST', '/workflows', workflow);
	await n8n.call('POST', `/workflows/${saved.id}/activate`, { versionId: saved.versionId });
	const published = await n8n.call<{ versionId: string; activeVersionId: string | null }>('GET', `/workflows/${saved.id}`);
	if (published.activeVersionId !== published.versionId) {
		throw new Error(`after activate n8n reports active version ${published.activeVersionId} for version ${published.versionId}`);
	}
	return { id: saved.id, webhookUrl: `${n8n.baseUrl}/webhook/${webhookPath}` };
}

/** `count` leads, each with an email that names the scenario and its number. */
export function makeLeads(scenario: string, count: number): WebhookLead[] {
	return Array.from({ length: count }, (_, index) => {
		const number = String(index).padStart(5, '0');
		return {
			first_name: 'Scale',
			last_name: `${scenario} ${number}`,
			company: `Queue Mode Co ${index % 50}`,
			email: `${scenario}-${number}@scale.example.com`,
			phone: `+1 555 ${number}`,
		};
	});
}

/**
 * Posts every lead once, `inFlight` requests at a time at most; leads not sent when `deadlineMs`
 * passes are reported with status 0 and the error "not sent". A request gets 30 s to be answered.
 */
export async function postLeads(webhookUrl: string, leads: WebhookLead[], inFlight: number, deadlineMs: number): Promise<PostedLead[]> {
	const posted: PostedLead[] = leads.map((lead) => ({ lead, sentAt: 0, answeredAt: 0, status: 0, error: 'not sent' }));
	const deadline = Date.now() + deadlineMs;
	let next = 0;
	const sender = async () => {
		while (next < leads.length && Date.now() < deadline) {
			const entry = posted[next++];
			entry.sentAt = Date.now();
			try {
				const response = await fetch(webhookUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(entry.lead),
					signal: AbortSignal.timeout(30_000),
				});
				await response.arrayBuffer();
				entry.status = response.status;
				entry.error = response.ok ? undefined : `HTTP ${response.status}`;
			} catch (error) {
				entry.error = error instanceof Error ? error.message : String(error);
			}
			entry.answeredAt = Date.now();
		}
	};
	await Promise.all(Array.from({ length: Math.min(inFlight, leads.length) }, sender));
	return posted;
}
