/**
 * What n8n recorded about a scenario's executions, read straight from its PostgreSQL (2,000
 * executions through the REST API one by one would take longer than running them) and from the
 * workers' logs (which worker ran which execution: `Worker started execution N`).
 *
 * n8n stores an execution's data as `flatted` text: the lead comes from the Webhook node's output
 * (`body.email`), the outcome from the Create or Update Lead node's first output item (`id` or `error`).
 */
import { readFileSync } from 'node:fs';
import { parse as parseFlatted } from 'flatted';
import type { Postgres } from '../../scripts/e2e/postgres';
import { delay } from '../../scripts/e2e/processes';
import type { N8nProcess } from './stack';

/** Statuses after which n8n will not touch an execution again. */
const FINISHED_STATUSES = ['success', 'error', 'crashed', 'canceled'];
const CREATE_LEAD_NODE = 'Create or Update Lead';

export interface ExecutionRecord {
	id: number;
	status: string;
	createdAt: number;
	stoppedAt?: number;
	/** The lead's email, when the execution's data still holds the Webhook node's output. */
	email?: string;
	/** Create or Update Lead's output for the lead: the created id, or the error the node reported on the item. */
	createdId?: string;
	itemError?: string;
	itemErrorCode?: string;
	/** The execution's own error (a node that failed, or n8n giving the execution up). */
	executionError?: string;
	/** The worker whose log says it started this execution. */
	worker?: string;
}

interface RunData {
	resultData?: {
		error?: { message?: string };
		runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json?: Record<string, unknown> }> | null> } }>>;
	};
}

export async function lastExecutionId(postgres: Postgres): Promise<number> {
	return Number((await postgres.query('SELECT coalesce(max(id), 0) FROM execution_entity')).trim());
}

/** Executions of the workflow after `afterId`, counted by status. */
export async function statusCounts(postgres: Postgres, workflowId: string, afterId: number): Promise<Record<string, number>> {
	const rows = await postgres.query(`SELECT status, count(*) FROM execution_entity WHERE "workflowId" = '${sqlText(workflowId)}' AND id > ${afterId} GROUP BY status`);
	return Object.fromEntries(rows.trim().split('\n').filter(Boolean).map((row) => {
		const [status, count] = row.split('|');
		return [status, Number(count)];
	}));
}

/**
 * Waits until `expected` executions after `afterId` have finished, `timeoutMs` passes, or none has
 * finished for `stallMs` (longer than n8n takes to give up a killed worker's executions); returns
 * the last counts either way (the caller's checks say what is missing).
 */
export async function waitForExecutions(postgres: Postgres, workflowId: string, afterId: number, expected: number, timeoutMs: number, stallMs = 120_000): Promise<Record<string, number>> {
	const deadline = Date.now() + timeoutMs;
	let finishedBefore = -1;
	let progressAt = Date.now();
	for (;;) {
		const counts = await statusCounts(postgres, workflowId, afterId);
		const finished = FINISHED_STATUSES.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
		if (finished !== finishedBefore) [finishedBefore, progressAt] = [finished, Date.now()];
		if (finished >= expected || Date.now() > deadline || Date.now() - progressAt > stallMs) return counts;
		await delay(1_000);
	}
}

export function isFinished(status: string): boolean {
	return FINISHED_STATUSES.includes(status);
}

export async function readExecutions(postgres: Postgres, workflowId: string, afterId: number, workers: N8nProcess[]): Promise<ExecutionRecord[]> {
	const startedBy = workersByExecution(workers);
	const rows = await postgres.query(`SELECT row_to_json(t) FROM (
		SELECT e.id, e.status, e."createdAt", e."stoppedAt", d.data FROM execution_entity e
		LEFT JOIN execution_data d ON d."executionId" = e.id
		WHERE e."workflowId" = '${sqlText(workflowId)}' AND e.id > ${afterId} ORDER BY e.id) t`);
	return rows.split('\n').filter(Boolean).map((line) => {
		const row = JSON.parse(line) as { id: number; status: string; createdAt: string; stoppedAt: string | null; data: string | null };
		return {
			id: row.id,
			status: row.status,
			createdAt: Date.parse(row.createdAt),
			stoppedAt: row.stoppedAt === null ? undefined : Date.parse(row.stoppedAt),
			worker: startedBy.get(row.id),
			...outcomeOf(row.data === null ? {} : (parseFlatted(row.data) as RunData)),
		};
	});
}

function outcomeOf(data: RunData): Partial<ExecutionRecord> {
	const runData = data.resultData?.runData ?? {};
	const firstItem = (nodeName: string) => runData[nodeName]?.[0]?.data?.main?.[0]?.[0]?.json;
	const body = firstItem('Webhook')?.body as { email?: string } | undefined;
	const created = firstItem(CREATE_LEAD_NODE);
	const text = (value: unknown) => (value === undefined || value === null ? undefined : String(value));
	return {
		email: body?.email,
		createdId: created?.success === true ? text(created.id) : undefined,
		itemError: text(created?.error),
		itemErrorCode: text(created?.errorCode),
		executionError: data.resultData?.error?.message,
	};
}

/** execution id → the worker whose log says it started it. */
function workersByExecution(workers: N8nProcess[]): Map<number, string> {
	const startedBy = new Map<number, string>();
	for (const worker of workers) {
		for (const id of startedOn(worker)) startedBy.set(id, worker.name);
	}
	return startedBy;
}

/** Executions the worker's log says it started. */
export function startedOn(worker: N8nProcess): number[] {
	return executionIdsLogged(readLog(worker.logFile), 'started');
}

/** Executions the worker's log says it started and never finished (what was on it when it died). */
export function unfinishedOn(worker: N8nProcess): number[] {
	const log = readLog(worker.logFile);
	const finished = new Set(executionIdsLogged(log, 'finished'));
	return executionIdsLogged(log, 'started').filter((id) => !finished.has(id));
}

function executionIdsLogged(log: string, event: 'started' | 'finished'): number[] {
	return [...log.matchAll(new RegExp(`Worker ${event} execution (\\d+)`, 'g'))].map(([, id]) => Number(id));
}

function readLog(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

function sqlText(value: string): string {
	return value.replace(/'/g, "''");
}
