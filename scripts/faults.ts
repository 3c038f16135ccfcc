/**
 * The fault table: for each scenario of scripts/faults/scenarios.ts, 2,000 leads (2,500 items for
 * the hostile one) through Lead → Create (or Create or Update by Email) in n8n's engine, Continue On
 * Fail on, against a fresh emulator per org that misbehaves as the scenario says; then every output
 * reconciled with the records the emulators stored (and the leads that were there before), and every
 * output and error searched for the credentials' secrets.
 *
 *   npm run test:faults [-- --only <part of a scenario name>]
 *
 * Prints the fault table, the execution shapes, notes and one line per check; the last line is
 * `N passed, M failed`, and the exit code is 1 when a check failed.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';

import { reconcile } from './faults/reconcile';
import { runScenario } from './faults/run-scenario';
import { SCENARIOS } from './faults/scenarios';
import { selfChecks } from './faults/self-checks';
import { checkLines, checksOf, faultTable, notes, shapeTable, type ScenarioResult } from './faults/table';

async function main(): Promise<number> {
	const { values } = parseArgs({ options: { only: { type: 'string' } } });
	const selected = SCENARIOS.filter((scenario) => values.only === undefined || scenario.name.includes(values.only));
	if (selected.length === 0) throw new Error(`No scenario name contains "${values.only}"`);
	const started = Date.now();
	const results: ScenarioResult[] = [];
	for (const scenario of selected) {
		process.stderr.write(`${scenario.name} ... `);
		const run = await runScenario(scenario);
		results.push({ run, tally: reconcile(run.outcomes, run.records, run.keyField, run.before) });
		process.stderr.write(`${(run.wallMs / 1000).toFixed(1)} s\n`);
	}
	const checks = [...selfChecks(), ...results.flatMap(checksOf)];
	const failed = checks.filter((entry) => entry.failure !== undefined).length;
	const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}`;
	console.log(`Fault table (${machine}; ${((Date.now() - started) / 1000).toFixed(0)} s in all)\n`);
	console.log(faultTable(results));
	console.log('\nExecution shapes (executions × leads per execution, the node\'s Batch Size, executions at once)\n');
	console.log(shapeTable(results));
	console.log(`\nNotes\n${notes(results)}\n`);
	console.log(checkLines(checks));
	console.log(`${checks.length - failed} passed, ${failed} failed`);
	return failed === 0 ? 0 : 1;
}

main().then(
	(code) => {
		process.exitCode = code;
	},
	(error: Error) => {
		console.error(error.stack ?? error.message);
		console.log('0 passed, 1 failed');
		process.exitCode = 1;
	},
);
