/**
 * The scale run's results: one table row per scenario (the README shows the same table), then per
 * scenario the Salesforce calls by endpoint and by n8n process.
 */
import type { ProcessCalls, ScenarioReport } from './reconcile';

const COLUMNS: Array<{ title: string; value: (report: ScenarioReport) => string }> = [
	{ title: 'scenario', value: (report) => report.name },
	{ title: 'leads posted', value: (report) => String(report.posted) },
	{ title: 'stored once', value: (report) => String(report.storedOnce) },
	{ title: 'stored twice', value: (report) => String(report.storedTwice) },
	{ title: 'lost', value: (report) => String(report.lost) },
	{ title: 'unknown', value: (report) => String(report.unknown) },
	{ title: 'API calls', value: (report) => String(report.apiCalls) },
	{ title: 'refresh grants', value: (report) => String(report.refreshGrants) },
	{ title: 'leads/s', value: (report) => report.leadsPerSecond.toFixed(1) },
	{ title: 'p95', value: (report) => seconds(report.p95Ms) },
];

/** A Markdown table, so the README can carry it as printed. */
export function resultsTable(reports: ScenarioReport[]): string {
	const rows = reports.map((report) => COLUMNS.map((column) => column.value(report)));
	const widths = COLUMNS.map((column, index) => Math.max(column.title.length, ...rows.map((row) => row[index].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join(' | ')} |`;
	// Text left, numbers right (the colon at the cell's right end).
	const rule = `|${widths.map((width, index) => (index === 0 ? '-'.repeat(width + 2) : `${'-'.repeat(width + 1)}:`)).join('|')}|`;
	return [line(COLUMNS.map((column) => column.title)), rule, ...rows.map(line)].join('\n');
}

/** Per scenario: calls by endpoint, then per process the executions it ran and the calls it made. */
export function callDetails(report: ScenarioReport): string {
	const endpoints = Object.entries(report.callsByEndpoint).sort(([, a], [, b]) => b - a).map(([endpoint, count]) => `${endpoint} ${count}`).join(', ');
	const processes = Object.entries(report.callsByProcess)
		.filter(([, calls]) => calls.cpuSeconds + calls.executions + calls.describes + calls.creates + calls.refreshGrants > 0)
		.map(([name, calls]) => `${name}: ${calls.executions} executions${cpuPerExecution(calls)}, ${calls.describes} describes, ${calls.creates} creates, ${calls.refreshGrants} refresh grants, ${calls.unauthorized}×401`)
		.join('; ');
	return [
		`${report.name}: p50 ${seconds(report.p50Ms)}, p95 ${seconds(report.p95Ms)}, executions ${JSON.stringify(report.executionsByStatus)}`,
		`  calls: ${endpoints}`,
		`  by process: ${processes}`,
	].join('\n');
}

function cpuPerExecution(calls: ProcessCalls): string {
	if (calls.cpuSeconds === 0) return '';
	const each = calls.executions > 0 ? `, ${Math.round((calls.cpuSeconds * 1000) / calls.executions)} ms each` : '';
	return ` (${calls.cpuSeconds.toFixed(1)} s CPU${each})`;
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}
