/**
 * The benchmark's one table: a row per case and node, then per compared node a row of ratios to
 * the anchor (n8n's built-in node). Rendered aligned for the terminal and as Markdown for the doc.
 */
import { leadCount } from './cases';
import type { CaseResult } from './run-case';

export const COLUMNS = [
	'case',
	'node',
	'describe',
	'create',
	'other',
	'calls/lead',
	'wall s',
	'CPU s',
	'peak RSS MB',
	'stored once',
	'lost',
	'stored twice',
] as const;

type Row = string[];

export function callsPerLead(result: CaseResult): number {
	return (result.calls?.total ?? NaN) / leadCount(result.benchCase);
}

function resultRow(caseTitle: string, result: CaseResult): Row {
	const { measurement, calls, reconciliation } = result;
	if (!measurement || !calls || !reconciliation) {
		return [caseTitle, result.variant.label, ...COLUMNS.slice(2).map((_, column) => (column === 0 ? 'error' : '-'))];
	}
	return [
		caseTitle,
		result.variant.label,
		String(calls.describe),
		String(calls.create),
		String(calls.other),
		callsPerLead(result).toFixed(4),
		(measurement.wallMs / 1000).toFixed(2),
		(measurement.cpuMs / 1000).toFixed(2),
		measurement.peakRssMb.toFixed(0),
		String(reconciliation.storedOnce),
		String(reconciliation.lost),
		String(reconciliation.storedTwice),
	];
}

/** `ours / anchor`: below 1 means the compared node spends less. */
export function ratio(ours: number, anchor: number): string {
	if (!Number.isFinite(ours) || !Number.isFinite(anchor) || anchor === 0) return '-';
	const value = ours / anchor;
	return `${value >= 0.1 ? value.toFixed(2) : value.toPrecision(2)}x`;
}

/**
 * The ratios of a node to the anchor: with several rounds, the median of the round-by-round ratios
 * (rounds.ts); with one, the ratio of the two runs.
 */
export function wallAndCpuRatios(result: CaseResult, anchor: CaseResult): { wall: number; cpu: number } {
	if (result.paired) return { wall: result.paired.wall, cpu: result.paired.cpu };
	const wall = (run: CaseResult) => run.measurement?.wallMs ?? NaN;
	const cpu = (run: CaseResult) => run.measurement?.cpuMs ?? NaN;
	return { wall: wall(result) / wall(anchor), cpu: cpu(result) / cpu(anchor) };
}

function ratioRow(result: CaseResult, anchor: CaseResult): Row {
	const { wall, cpu } = wallAndCpuRatios(result, anchor);
	const row: Row = COLUMNS.map(() => '');
	row[1] = `  ${result.variant.id} / ${anchor.variant.id}`;
	row[COLUMNS.indexOf('calls/lead')] = ratio(callsPerLead(result), callsPerLead(anchor));
	row[COLUMNS.indexOf('wall s')] = ratio(wall, 1);
	row[COLUMNS.indexOf('CPU s')] = ratio(cpu, 1);
	return row;
}

/** Each round's ratios of every node to the anchor, for the cases that ran several rounds. */
export function roundRatios(results: CaseResult[]): string {
	const line = (values: number[]) => values.map((value) => value.toFixed(3)).join(' ');
	return results
		.filter((result) => result.paired !== undefined)
		.map(({ benchCase, variant, paired }) => {
			const rounds = paired!.rounds;
			return `${benchCase.title}, ${variant.id} / built-in, ${rounds.length} rounds: wall ${line(rounds.map((round) => round.wall))}; CPU ${line(rounds.map((round) => round.cpu))}`;
		})
		.join('\n');
}

/** Rows in case order, each case's anchor first, then the ratios of every other node to it. */
export function tableRows(results: CaseResult[]): Row[] {
	const rows: Row[] = [];
	const caseIds = [...new Set(results.map((result) => result.benchCase.id))];
	for (const caseId of caseIds) {
		const ofCase = results.filter((result) => result.benchCase.id === caseId);
		const anchor = ofCase.find((result) => result.variant.anchor);
		ofCase.forEach((result, index) => rows.push(resultRow(index === 0 ? result.benchCase.title : '', result)));
		if (!anchor) continue;
		for (const result of ofCase.filter((candidate) => candidate !== anchor)) rows.push(ratioRow(result, anchor));
	}
	return rows;
}

/** Text columns left-aligned, numbers right-aligned. */
export function renderText(rows: Row[]): string {
	const widths = COLUMNS.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
			.join('  ')
			.trimEnd();
	return [line(COLUMNS), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

export function renderMarkdown(rows: Row[]): string {
	const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.trim()).join(' | ')} |`;
	const alignment = COLUMNS.map((_, column) => (column < 2 ? '---' : '---:'));
	return [line(COLUMNS), line(alignment), ...rows.map(line)].join('\n');
}
