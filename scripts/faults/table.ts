/** The fault table, the table of execution shapes, the notes under them, and the checks of each scenario. */
import type { Tally } from './reconcile';
import { FREEZE_MS, type ScenarioRun } from './run-scenario';

export interface Check {
	scenario: string;
	name: string;
	/** Why it failed; undefined when it passed. */
	failure?: string;
}

export interface ScenarioResult {
	run: ScenarioRun;
	tally: Tally;
}

/** A Markdown table, columns padded so that it also reads as plain text. */
function markdownTable(header: string[], rows: string[][], rightAligned: boolean[]): string {
	const widths = header.map((title, column) => Math.max(title.length, 3, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) =>
		`| ${cells.map((cell, column) => (rightAligned[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join(' | ')} |`;
	const rule = `|${widths.map((width, column) => (rightAligned[column] ? `${'-'.repeat(width + 1)}:` : `${'-'.repeat(width + 2)}`)).join('|')}|`;
	return [line(header), rule, ...rows.map(line)].join('\n');
}

function duration(ms: number): string {
	return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** The longest block of an execution that finished, or the freezes that had to be stopped. */
function slowestCheck(run: ScenarioRun): string {
	if (run.frozen === 0) return duration(run.slowestBlockMs);
	return `>${FREEZE_MS / 1000} s: ${run.frozen} froze`;
}

export function faultTable(results: ScenarioResult[]): string {
	const header = ['scenario', 'items', 'stored', 'updated', 'stored twice', 'lost', 'outcome unknown', 'failed with a reason', 'no answer', 'slowest item check', 'tokens found'];
	const rows = results.map(({ run, tally }) => [
		run.scenario.name,
		String(tally.items + run.notRun),
		String(tally.stored),
		String(tally.updated),
		String(tally.storedTwice),
		String(tally.lost),
		String(tally.outcomeUnknown),
		String(tally.failed),
		String(tally.noAnswer + run.notRun),
		slowestCheck(run),
		String(run.tokensFound.length),
	]);
	return markdownTable(header, rows, header.map((_, column) => column > 0));
}

export function shapeTable(results: ScenarioResult[]): string {
	const header = ['scenario', 'executions × leads', 'batch size', 'at once', 'fault', 'what the runner saw', 'wall'];
	const rows = results.map(({ run }) => {
		const { shape } = run.scenario;
		return [
			run.scenario.name,
			`${shape.executions} × ${shape.itemsPerExecution}`,
			String(shape.batchSize),
			String(shape.concurrency),
			run.scenario.fault,
			run.evidence.text,
			duration(run.wallMs),
		];
	});
	return markdownTable(header, rows, [false, true, true, true, false, false, true]);
}

/** What a reader needs to act on: failure codes, stopped executions, each problem found. */
export function notes(results: ScenarioResult[]): string {
	const lines: string[] = [];
	for (const { run, tally } of results) {
		const codes = tally.failureCodes.map(([code, count]) => `${code} ${count}`).join(', ');
		lines.push(`- ${run.scenario.name}: ${codes ? `failed items by code: ${codes}` : 'no failed items'}`);
		for (const text of [...tally.problems, ...run.stopped.slice(0, 10), ...run.tokensFound.slice(0, 5)]) lines.push(`    - ${text}`);
		if (run.stopped.length > 10) lines.push(`    - ... ${run.stopped.length - 10} more executions stopped`);
		if (run.notRun > 0) lines.push(`    - ${run.notRun} items never ran`);
		if (run.scenario.items === 'hostile') {
			for (const text of run.slowest) lines.push(`    - ${text}`);
			lines.push(`    - ${largestOutput(run)}`);
		}
	}
	return lines.join('\n');
}

function largestOutput(run: ScenarioRun): string {
	const largest = run.outcomes.reduce((max, outcome) => (outcome.outputChars > max.outputChars ? outcome : max), run.outcomes[0]);
	if (!largest) return 'no output item';
	return `largest output item: ${largest.outputChars.toLocaleString('en')} characters of JSON (${largest.key}${largest.about ? `: ${largest.about}` : ''})`;
}

function check(scenario: string, name: string, failure: string | undefined): Check {
	return { scenario, name, failure };
}

export function checksOf({ run, tally }: ScenarioResult): Check[] {
	const name = run.scenario.name;
	const unanswered = tally.noAnswer + run.notRun;
	const checks = [
		check(name, 'nothing stored twice', tally.storedTwice > 0 ? `${tally.storedTwice} items stored twice` : undefined),
		check(name, 'nothing lost', tally.lost > 0 ? `${tally.lost} lost` : undefined),
		check(name, 'no token or client secret in any output or error', run.tokensFound.length > 0 ? run.tokensFound.slice(0, 3).join('; ') : undefined),
		check(
			name,
			'every item answered: no freeze, no execution failed as a whole',
			unanswered > 0 || run.stopped.length > 0 ? `${unanswered} items without an answer, ${run.stopped.length} stopped execution(s) (see the notes)` : undefined,
		),
		check(
			name,
			`the fault happened (at least ${run.scenario.minimumEvidence})`,
			run.evidence.count < run.scenario.minimumEvidence ? `only ${run.evidence.text}` : undefined,
		),
	];
	if (run.before.length > 0) {
		checks.push(check(name, 'every Lead that was there before the run is there, changed only by an item that reported updating it', tally.overwritten > 0 ? `${tally.overwritten} overwritten or gone` : undefined));
	}
	(run.scenario.extraChecks ?? []).forEach((extra, index) => checks.push(check(name, extra.name, run.extraFailures[index])));
	return checks;
}

export function checkLines(checks: Check[]): string {
	return checks
		.map((entry) => `${entry.failure === undefined ? 'PASS' : 'FAIL'}  ${entry.scenario}: ${entry.name}${entry.failure === undefined ? '' : ` — ${entry.failure}`}`)
		.join('\n');
}
