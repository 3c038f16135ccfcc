/**
 * Lead → Create of this node against n8n's built-in Salesforce node (n8n-nodes-base 2.41.1), both in
 * n8n-core's WorkflowExecute against the emulator with the same added latency, one process per
 * case and node. Prints one table and the targets of issue 7; writes docs/benchmark.md after a
 * full run. See scripts/bench/ for the parts.
 *
 *   npm run bench                              every case (the built-in node needs 200+ s at 10,000 leads)
 *   npm run bench -- --quick                   all but the 10,000 leads
 *   npm run bench -- --cases a,b [--variants built-in,ours] [--latency 20] [--write-doc]
 *   BENCH_CPU_PROF=/tmp/profiles npm run bench ...   each case's process writes a V8 CPU profile there
 *
 * Exit code 1 only when a lead was lost, stored twice or misreported, or a run failed: missed
 * speed targets are printed, not failed (this is a measurement, not a test).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

import { configuredCacheDir, ensureN8nRuntime, n8nNodesBaseDir } from './e2e/n8n-runtime';
import { CASES, findById, leadCount, QUICK_CASE_IDS, TARGET_VARIANT_ID, VARIANTS } from './bench/cases';
import { describeMachine, thisMachine, writeBenchmarkDoc } from './bench/doc';
import { isClean } from './bench/reconcile';
import { combineRounds, pairedRatios, roundOrder } from './bench/rounds';
import { runCase, type CaseResult } from './bench/run-case';
import { renderMarkdown, renderText, roundRatios, tableRows } from './bench/table';
import { checkTargets, renderTargets } from './bench/targets';

const DOC_FILE = path.resolve(__dirname, '..', 'docs', 'benchmark.md');

function options() {
	const { values } = parseArgs({
		options: {
			cases: { type: 'string' },
			quick: { type: 'boolean', default: false },
			variants: { type: 'string' },
			latency: { type: 'string', default: '20' },
			'write-doc': { type: 'boolean', default: false },
		},
	});
	const caseIds = values.cases?.split(',') ?? (values.quick ? QUICK_CASE_IDS : CASES.map((benchCase) => benchCase.id));
	const variantIds = values.variants?.split(',') ?? VARIANTS.map((variant) => variant.id);
	const latencyMs = Number(values.latency);
	if (!(latencyMs >= 0)) throw new Error('--latency takes a number of milliseconds');
	return {
		cases: caseIds.map((id) => findById(CASES, id.trim(), 'case')),
		variants: variantIds.map((id) => findById(VARIANTS, id.trim(), 'variant')),
		latencyMs,
		// The doc keeps the last full result; a subset replaces it only when asked.
		writeDoc: values['write-doc'] || (caseIds.length === CASES.length && variantIds.length === VARIANTS.length),
	};
}

/** The built-in node comes from the real-n8n install, made (about 5 minutes) when it is missing. */
async function builtInNodesDir(needed: boolean): Promise<string> {
	if (!needed) return '';
	const runtime = await ensureN8nRuntime(configuredCacheDir(), (message) => process.stderr.write(`n8n install: ${message}\n`));
	return n8nNodesBaseDir(runtime);
}

function problems(results: CaseResult[]): string[] {
	return results.flatMap((result) => {
		const name = `${result.benchCase.id} / ${result.variant.id}`;
		if (result.error) return [`${name}: ${result.error}`];
		const notes = result.measurement!.executionErrors.slice(0, 3).map((error) => `${name}: ${error}`);
		if (!isClean(result.reconciliation!, leadCount(result.benchCase))) {
			notes.push(...result.reconciliation!.examples.map((example) => `${name}: ${example}`));
		}
		return notes;
	});
}

async function main() {
	const settings = options();
	const n8nNodesBase = await builtInNodesDir(settings.variants.some((variant) => variant.fromN8nNodesBase));
	const machine = thisMachine();
	console.log(`Lead → Create, ${settings.latencyMs} ms added to every emulator answer; ${describeMachine(machine)}\n`);

	const results: CaseResult[] = [];
	for (const benchCase of settings.cases) {
		const rounds = new Map(settings.variants.map((variant) => [variant, [] as CaseResult[]]));
		for (let round = 0; round < benchCase.rounds; round++) {
			for (const variant of roundOrder(settings.variants, round, (candidate) => candidate.anchor === true || candidate.id === TARGET_VARIANT_ID)) {
				const which = benchCase.rounds > 1 ? ` (round ${round + 1} of ${benchCase.rounds})` : '';
				process.stderr.write(`  ${benchCase.title}, ${variant.label}${which} ... `);
				const result = await runCase(benchCase, variant, { latencyMs: settings.latencyMs, n8nNodesBaseDir: n8nNodesBase });
				process.stderr.write(result.error ? 'failed\n' : `${(result.measurement!.wallMs / 1000).toFixed(1)} s\n`);
				rounds.get(variant)!.push(result);
			}
		}
		const anchorRounds = [...rounds].find(([variant]) => variant.anchor)?.[1] ?? [];
		for (const [variant, ofVariant] of rounds) {
			results.push({ ...combineRounds(ofVariant), ...(!variant.anchor && { paired: pairedRatios(ofVariant, anchorRounds) }) });
		}
	}

	const rows = tableRows(results);
	const targets = renderTargets(checkTargets(results));
	const byRound = roundRatios(results);
	console.log(`\n${renderText(rows)}\n\n${byRound}\n\n${targets}`);
	const found = problems(results);
	if (found.length > 0) console.log(`\nProblems:\n${found.map((line) => `  ${line}`).join('\n')}`);

	if (settings.writeDoc) {
		const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
		writeBenchmarkDoc(DOC_FILE, { machine, command, latencyMs: settings.latencyMs, tableMarkdown: renderMarkdown(rows), roundRatios: byRound, targets });
		console.log(`\nWritten to ${path.relative(process.cwd(), DOC_FILE)}`);
	}
	if (found.length > 0) process.exitCode = 1;
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exitCode = 1;
});
