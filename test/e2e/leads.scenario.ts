/**
 * The lead-intake example in the editor and through its production webhook: the Create or Update
 * Lead node (matching on Email) shows the fields of the org's Lead describe (LastName and Company
 * required), the published workflow turns webhook posts into Leads, each exactly once, the same posts
 * a second time update those leads instead of copying them, and an expired access token is renewed
 * through the credential's refresh token without losing or doubling the lead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectedCredentials } from './credentials.scenario';
import { check, type ScenarioContext } from './scenario-context';
import { delay } from '../../scripts/e2e/processes';

const WORKFLOW_FILE = 'examples/lead-intake.workflow.json';
const LEADS_FILE = 'examples/leads.json';
const CREATE_LEAD_NODE = 'Create or Update Lead';

interface WebhookLead {
	first_name?: string;
	last_name?: string;
	company?: string;
	email?: string;
	phone?: string;
}

interface WorkflowJson {
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown>; credentials?: Record<string, { id: string; name: string }> }>;
	[key: string]: unknown;
}

export async function runLeadIntake(scenario: ScenarioContext, credentials: ConnectedCredentials): Promise<void> {
	const { runner } = scenario;
	const editor = () => scenario.editor();
	const emulator = () => scenario.standIn().emulator;
	let workflowId = '';
	let webhookPath = '';
	let postsSoFar = 0;

	await runner.step(`${WORKFLOW_FILE} imported with its Salesforce nodes bound to the My Domain credential`, async () => {
		const myDomain = credentials.myDomain;
		check(myDomain !== undefined, 'no connected My Domain credential');
		const workflow = JSON.parse(readFileSync(join(scenario.repo, WORKFLOW_FILE), 'utf8')) as WorkflowJson;
		for (const node of workflow.nodes) {
			if (node.credentials?.salesforceRestOAuth2Api) node.credentials.salesforceRestOAuth2Api = myDomain;
		}
		const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
		check(webhook !== undefined && typeof webhook.parameters.path === 'string', `${WORKFLOW_FILE} has no Webhook node with a path`);
		webhookPath = webhook.parameters.path;
		const saved = await editor().rest<{ id: string }>('POST', '/workflows', workflow);
		workflowId = saved.id;
		runner.note(`workflow ${workflowId}, webhook path /${webhookPath}`);
	});

	await runner.step(`${CREATE_LEAD_NODE} shows the Lead fields from the describe, LastName and Company required`, async () => {
		await editor().openWorkflow(workflowId);
		await editor().openNode(CREATE_LEAD_NODE);
		const fields = await editor().resourceMapperFields();
		const describeCalls = emulator().requests().filter((request) => request.path.endsWith('/sobjects/Lead/describe'));
		check(describeCalls.length > 0, 'the editor showed fields but the emulator never served the Lead describe');
		const required = fields.filter((field) => field.required).map((field) => field.id).sort();
		check(JSON.stringify(required) === JSON.stringify(['Company', 'LastName']), `required fields shown: ${required.join(', ') || 'none'}`);
		for (const mapped of ['FirstName', 'LastName', 'Company', 'Email', 'Phone', 'LeadSource']) {
			check(fields.some((field) => field.id === mapped), `mapped field ${mapped} not shown (shown: ${fields.map((field) => field.id).join(', ')})`);
		}
		runner.note(`${fields.length} fields shown; required: ${required.join(', ')}`);
		await editor().screenshot(join(scenario.imagesDir, 'node-mapped-fields.png'));
		await editor().closeNode();
	});

	await runner.step('workflow published: its production webhook is live', async () => {
		await editor().publishWorkflow();
		const workflow = await editor().rest<{ versionId: string; activeVersionId: string | null }>('GET', `/workflows/${workflowId}`);
		check(workflow.activeVersionId !== null && workflow.activeVersionId === workflow.versionId, `after Publish n8n reports active version ${workflow.activeVersionId} for version ${workflow.versionId}`);
	});

	const leads = (JSON.parse(readFileSync(join(scenario.repo, LEADS_FILE), 'utf8')) as Array<{ body: WebhookLead }>).map((item) => item.body);
	const postAll = async () => {
		for (const lead of leads) {
			const status = await postLead(scenario, webhookPath, lead);
			check(status === 200, `POST /webhook/${webhookPath} answered ${status} for ${lead.last_name}`);
		}
		postsSoFar += leads.length;
		await waitForExecutions(scenario, workflowId, postsSoFar);
	};

	await runner.step(`every lead of ${LEADS_FILE} posted to the production webhook is in Salesforce exactly once`, async () => {
		await postAll();
		const complete = leads.filter((lead) => lead.last_name && lead.company);
		const incomplete = leads.filter((lead) => !(lead.last_name && lead.company));
		for (const lead of complete) expectLeadOnce(scenario, lead);
		for (const lead of incomplete) {
			const stored = emulator().records('Lead').filter((record) => record.LastName === lead.last_name);
			check(stored.length === 0, `lead ${lead.last_name} lacks Company and must not be created, found ${stored.length}`);
			const sent = emulator().requests().some((request) => JSON.stringify(request.body ?? '').includes(String(lead.email)));
			check(!sent, `lead ${lead.last_name} lacks Company and must be refused before any request, but it was sent`);
		}
		runner.note(`${complete.length} leads created, ${incomplete.length} refused for the missing Company before any request`);
	});

	await runner.step('the same leads posted again are updated by Email, not created a second time', async () => {
		const before = emulator().records('Lead').map((record) => record.Id);
		const callsBefore = emulator().requests().length;
		await postAll();
		const after = emulator().records('Lead').map((record) => record.Id);
		check(JSON.stringify(after) === JSON.stringify(before), `the second posting changed the stored leads: ${before.length} before, ${after.length} after`);
		for (const lead of leads.filter((entry) => entry.last_name && entry.company)) expectLeadOnce(scenario, lead);
		const calls = emulator().requests().slice(callsBefore);
		const updates = calls.filter((request) => request.method === 'PATCH' && request.path.endsWith('/composite/sobjects'));
		const creates = calls.filter((request) => request.method === 'POST' && request.path.endsWith('/composite/sobjects'));
		check(updates.length > 0 && creates.length === 0, `expected updates and no creates, saw ${updates.length} updates and ${creates.length} creates`);
		runner.note(`${after.length} leads, each still once; ${updates.length} Collections updates, no create`);
	});

	await runner.step('after the access token expires n8n refreshes it through the credential and the lead arrives once', async () => {
		emulator().expireAccessTokens();
		const before = emulator().requests().length;
		const lead: WebhookLead = { first_name: 'Rhoda', last_name: 'Refresh', company: 'Token Renewal Co', email: 'rhoda@renewal.example.com' };
		const status = await postLead(scenario, webhookPath, lead);
		check(status === 200, `POST /webhook/${webhookPath} answered ${status}`);
		postsSoFar += 1;
		await waitForExecutions(scenario, workflowId, postsSoFar);
		const after = emulator().requests().slice(before);
		const refreshes = after.filter((request) => request.path === '/services/oauth2/token' && (request.body as Record<string, string>)?.grant_type === 'refresh_token');
		check(after.some((request) => request.status === 401), 'the expired token was never refused: the test did not exercise a refresh');
		check(refreshes.length === 1, `expected one refresh_token grant, saw ${refreshes.length}`);
		check(refreshes[0].host === 'acme.my.salesforce.com' && refreshes[0].status === 200, `refresh went to ${refreshes[0].host} and answered ${refreshes[0].status}`);
		expectLeadOnce(scenario, lead);
		runner.note(`401 → refresh_token grant on ${refreshes[0].host} → retried: 1 lead`);
	});

	await runner.step('the execution is shown in the editor', async () => {
		await editor().openLatestExecution(workflowId, CREATE_LEAD_NODE);
		const [lastLead] = emulator().records('Lead').filter((record) => record.LastName === 'Refresh');
		const panel = await editor().byTestId('ndv').innerText();
		check(panel.includes(String(lastLead?.Id)), `the execution's ${CREATE_LEAD_NODE} output does not show the created lead id ${lastLead?.Id}`);
		await editor().screenshot(join(scenario.imagesDir, 'execution.png'));
	});
}

/** A plain HTTP POST to the production webhook URL, as a web form backend would send it. */
async function postLead(scenario: ScenarioContext, path: string, lead: WebhookLead): Promise<number> {
	const response = await fetch(`${scenario.n8n().url}/webhook/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(lead),
	});
	await response.arrayBuffer();
	return response.status;
}

function expectLeadOnce(scenario: ScenarioContext, lead: WebhookLead): void {
	const stored = scenario.standIn().emulator.records('Lead').filter((record) => record.Email === lead.email);
	check(stored.length === 1, `lead ${lead.email}: expected exactly one record, found ${stored.length}`);
	const expected: Record<string, unknown> = { FirstName: lead.first_name, LastName: lead.last_name, Company: lead.company, Email: lead.email, LeadSource: 'Web' };
	if (lead.phone) expected.Phone = lead.phone;
	for (const [field, value] of Object.entries(expected)) {
		check(stored[0][field] === value, `lead ${lead.email}: ${field} is ${JSON.stringify(stored[0][field])}, expected ${JSON.stringify(value)}`);
	}
}

/** Waits until n8n lists `count` finished executions of the workflow (webhooks answer before they run). */
async function waitForExecutions(scenario: ScenarioContext, workflowId: string, count: number): Promise<void> {
	const deadline = Date.now() + 60_000;
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	for (;;) {
		const { results } = await scenario.editor().rest<{ results: Array<{ status: string }> }>('GET', `/executions?filter=${filter}&limit=100`);
		const finished = results.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
		if (finished.length >= count) {
			const failed = finished.filter((execution) => execution.status !== 'success');
			check(failed.length === 0, `${failed.length} execution(s) did not succeed: ${failed.map((execution) => execution.status).join(', ')}`);
			return;
		}
		if (Date.now() > deadline) throw new Error(`only ${finished.length} of ${count} executions finished within 60 s`);
		await delay(500);
	}
}
