/**
 * One scenario reconciled: each posted lead against the records the emulator stored (the truth) and
 * the execution n8n recorded for it (what the user sees), plus the Salesforce calls each n8n
 * process made, counted from the emulator's request log by the caller's loopback address.
 *
 *   stored once / twice / lost   from the emulator: records with the lead's email (lost = none)
 *   unknown                      n8n does not tell whether the lead was stored: no execution that
 *                                names the lead, or one without Create or Update Lead's id or a definite
 *                                error, or an OUTCOME_UNKNOWN item (of the leads the webhook took)
 */
import type { RecordedRequest } from '../../emulator/types';
import type { ExecutionRecord } from './executions';
import type { PostedLead } from './lead-intake';
import type { N8nProcess } from './stack';

export interface ProcessCalls {
	executions: number;
	/** CPU seconds the process used during the scenario. */
	cpuSeconds: number;
	describes: number;
	creates: number;
	refreshGrants: number;
	unauthorized: number;
}

export interface ScenarioReport {
	name: string;
	posted: number;
	accepted: number;
	storedOnce: number;
	storedTwice: number;
	lost: number;
	unknown: number;
	apiCalls: number;
	callsByEndpoint: Record<string, number>;
	callsByProcess: Record<string, ProcessCalls>;
	refreshGrants: number;
	/** Refresh grants Salesforce refused (invalid_grant), with the caller. */
	refusedRefreshes: string[];
	leadsPerSecond: number;
	p50Ms: number;
	p95Ms: number;
	executionsByStatus: Record<string, number>;
	/** Leads the emulator holds under an id other than the one the execution reported. */
	idMismatches: string[];
	/** Leads posted and accepted that no execution names (the execution kept no data). */
	leadsWithoutExecution: string[];
	/** Executions that name no lead: status and error. */
	executionsWithoutLead: ExecutionRecord[];
	/** Leads the emulator does not hold, with what n8n showed for them. */
	lostLeads: Array<{ email: string; execution?: ExecutionRecord }>;
	/** Create or Update Lead items that carry an error, by error code. */
	itemErrors: Record<string, number>;
}

export interface ScenarioEvidence {
	name: string;
	posted: PostedLead[];
	/** The emulator's Lead records (all of them; the scenario's are found by email). */
	records: Array<Record<string, unknown>>;
	executions: ExecutionRecord[];
	/** The emulator's requests made during the scenario. */
	requests: RecordedRequest[];
	/** API calls the emulator counted during the scenario. */
	apiCalls: number;
	processes: N8nProcess[];
	/** CPU seconds each process used during the scenario, by process name. */
	cpuSeconds: Record<string, number>;
}

export function reconcile(evidence: ScenarioEvidence): ScenarioReport {
	const accepted = evidence.posted.filter((entry) => entry.status === 200);
	const recordsByEmail = groupBy(evidence.records, (record) => String(record.Email ?? ''));
	const executionsByEmail = groupBy(evidence.executions.filter((execution) => execution.email), (execution) => execution.email!);
	const report: ScenarioReport = {
		name: evidence.name,
		posted: evidence.posted.length,
		accepted: accepted.length,
		storedOnce: 0,
		storedTwice: 0,
		lost: 0,
		unknown: 0,
		apiCalls: evidence.apiCalls,
		...callsOf(evidence),
		...throughput(evidence.posted, recordsByEmail),
		executionsByStatus: countBy(evidence.executions, (execution) => execution.status),
		idMismatches: [],
		leadsWithoutExecution: [],
		executionsWithoutLead: evidence.executions.filter((execution) => !execution.email),
		lostLeads: [],
		itemErrors: countBy(evidence.executions.filter((execution) => execution.itemErrorCode), (execution) => execution.itemErrorCode!),
	};
	for (const { lead, status } of evidence.posted) {
		const stored = recordsByEmail.get(lead.email) ?? [];
		const [execution] = executionsByEmail.get(lead.email) ?? [];
		if (stored.length === 1) report.storedOnce++;
		if (stored.length > 1) report.storedTwice++;
		if (stored.length === 0) {
			report.lost++;
			report.lostLeads.push({ email: lead.email, execution });
		}
		if (status !== 200) continue;
		if (execution === undefined) report.leadsWithoutExecution.push(lead.email);
		if (!toldOutcome(execution)) report.unknown++;
		if (execution?.createdId !== undefined && !stored.some((record) => record.Id === execution.createdId)) {
			report.idMismatches.push(`${lead.email}: execution ${execution.id} reported ${execution.createdId}, stored ${stored.map((record) => record.Id).join(', ') || 'nothing'}`);
		}
	}
	return report;
}

/** Whether n8n told the user what became of the lead: its id, or an error that says it was not saved. */
function toldOutcome(execution: ExecutionRecord | undefined): boolean {
	if (execution === undefined) return false;
	if (execution.createdId !== undefined) return true;
	return execution.itemError !== undefined && execution.itemErrorCode !== 'OUTCOME_UNKNOWN';
}

function callsOf(evidence: ScenarioEvidence): Pick<ScenarioReport, 'callsByEndpoint' | 'callsByProcess' | 'refreshGrants' | 'refusedRefreshes'> {
	const processByAddress = new Map(evidence.processes.map((n8nProcess) => [n8nProcess.localAddress, n8nProcess.name]));
	const callsByProcess: Record<string, ProcessCalls> = {};
	for (const { name } of evidence.processes) {
		const executions = evidence.executions.filter((execution) => execution.worker === name).length;
		callsByProcess[name] = { executions, cpuSeconds: evidence.cpuSeconds[name] ?? 0, describes: 0, creates: 0, refreshGrants: 0, unauthorized: 0 };
	}
	const refreshes = evidence.requests.filter(isRefreshGrant);
	for (const request of evidence.requests) {
		const calls = callsByProcess[processByAddress.get(request.remoteAddress) ?? ''];
		if (calls === undefined) continue;
		if (request.method === 'GET' && request.path.endsWith('/describe') && request.status === 200) calls.describes++;
		if (request.method === 'POST' && request.path.endsWith('/composite/sobjects') && request.status === 200) calls.creates++;
		if (isRefreshGrant(request)) calls.refreshGrants++;
		if (request.status === 401) calls.unauthorized++;
	}
	return {
		callsByEndpoint: countBy(evidence.requests.filter((request) => request.status !== 401), endpointOf),
		callsByProcess,
		refreshGrants: refreshes.length,
		refusedRefreshes: refreshes.filter((request) => request.status !== 200).map((request) => `${processByAddress.get(request.remoteAddress) ?? request.remoteAddress} → ${request.status}`),
	};
}

/** Leads stored per second (first request sent to last record created) and request-to-record times. */
function throughput(posted: PostedLead[], recordsByEmail: Map<string, Array<Record<string, unknown>>>): Pick<ScenarioReport, 'leadsPerSecond' | 'p50Ms' | 'p95Ms'> {
	const latencies: number[] = [];
	let lastCreated = 0;
	for (const entry of posted) {
		const [record] = recordsByEmail.get(entry.lead.email) ?? [];
		if (record === undefined || entry.sentAt === 0) continue;
		const created = Date.parse(String(record.CreatedDate).replace('+0000', 'Z'));
		latencies.push(created - entry.sentAt);
		lastCreated = Math.max(lastCreated, created);
	}
	const firstSent = Math.min(...posted.filter((entry) => entry.sentAt > 0).map((entry) => entry.sentAt));
	latencies.sort((a, b) => a - b);
	const percentile = (share: number) => (latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.ceil(share * latencies.length) - 1)]);
	return {
		leadsPerSecond: latencies.length === 0 ? 0 : latencies.length / Math.max(0.001, (lastCreated - firstSent) / 1000),
		p50Ms: percentile(0.5),
		p95Ms: percentile(0.95),
	};
}

function isRefreshGrant(request: RecordedRequest): boolean {
	return request.path === '/services/oauth2/token' && (request.body as Record<string, string> | undefined)?.grant_type === 'refresh_token';
}

/** `POST /composite/sobjects`, `GET /sobjects/Lead/describe`, `POST /services/oauth2/token refresh_token`. */
function endpointOf(request: RecordedRequest): string {
	const path = request.path.replace(/^\/services\/data\/v\d+\.\d+/, '');
	const grant = request.path === '/services/oauth2/token' ? ` ${(request.body as Record<string, string> | undefined)?.grant_type ?? ''}` : '';
	return `${request.method} ${path}${grant}`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
	return groups;
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
	return counts;
}
