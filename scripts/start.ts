/**
 * The try-it-out: starts the local Salesforce emulator, connects the credential through the real
 * authorization-code + PKCE flow, runs a workflow in n8n's engine and shows what happened.
 *
 *   npm start -- [--workflow FILE] [--input FILE.json] [--describe Name=FILE]... [--runs N] [--json]
 *
 * The example runs twice, as when a form posts the same leads again: its Create or Update by Email
 * updates them the second time instead of creating copies. Another workflow runs once unless --runs says.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import { startEmulator, withoutByteOrderMark } from '../emulator';
import { connectThroughConsent, runWorkflow, type WorkflowFile, type WorkflowResult } from '../test/harness';
import { apiUsageReport, leadReport } from './lib/lead-report';

const root = path.resolve(__dirname, '..');
const EXAMPLE_WORKFLOW = path.join(root, 'examples', 'lead-intake.workflow.json');

function readJson(file: string): unknown {
	try {
		return JSON.parse(withoutByteOrderMark(readFileSync(file)).toString('utf8'));
	} catch (error) {
		throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
	}
}

/** Name=FILE pairs for the emulator, which reads each file itself (byte order mark allowed) and names a wrong one. */
function describeOverrides(values: string[]): Record<string, string> {
	const describes: Record<string, string> = {};
	for (const value of values) {
		const equals = value.indexOf('=');
		const [name, file] = equals < 0 ? [value, ''] : [value.slice(0, equals), value.slice(equals + 1)];
		if (!name || !file) throw new Error(`--describe expects Name=FILE, got "${value}"`);
		describes[name] = path.resolve(file);
	}
	return describes;
}

async function main() {
	const { values } = parseArgs({
		options: {
			workflow: { type: 'string', default: EXAMPLE_WORKFLOW },
			input: { type: 'string', default: path.join(root, 'examples', 'leads.json') },
			describe: { type: 'string', multiple: true, default: [] },
			runs: { type: 'string' },
			json: { type: 'boolean', default: false },
		},
	});
	const runs = Number(values.runs ?? (values.workflow === EXAMPLE_WORKFLOW ? 2 : 1));
	if (!Number.isInteger(runs) || runs < 1 || runs > 10) throw new Error(`--runs takes a whole number from 1 to 10, got "${values.runs}"`);
	const workflow = readJson(values.workflow) as WorkflowFile;
	const input = readJson(values.input);
	if (!Array.isArray(input)) throw new Error(`${values.input} must hold a JSON array of items`);
	// In --json mode stdout carries only the items; everything else goes to stderr.
	const say = (text: string) => (values.json ? process.stderr : process.stdout).write(`${text}\n`);

	const emulator = await startEmulator({ describes: describeOverrides(values.describe) });
	try {
		say(`Salesforce emulator on ${emulator.url}\n\nConnecting the credential (authorization code + PKCE):`);
		const { credential, steps } = await connectThroughConsent(emulator);
		for (const step of steps) say(`  ${step}`);

		let failed = false;
		for (let run = 1; run <= runs; run++) {
			const again = run > 1 ? ', the same items again (as when a form posts them twice)' : '';
			say(`\nRun ${run} of "${workflow.name ?? values.workflow}" with ${input.length} items in n8n's engine${again}...`);
			const started = Date.now();
			const result = await runWorkflow({ workflow, input: input as IDataObject[], credentials: [credential] });
			say(`Done in ${Date.now() - started} ms.\n`);
			if (values.json) printItems(workflow, result, run);
			else say(leadReport(workflow, result));
			if (result.error) say(`\nThe workflow stopped: ${result.error.message}${result.error.description ? `\n${result.error.description}` : ''}`);
			if (result.tokenUpdates.length > 0) say(`Access token refreshed ${result.tokenUpdates.length} time(s) by n8n's OAuth2 code.`);
			failed ||= result.error !== undefined;
		}
		say(`\nLeads stored in the emulator: ${emulator.records('Lead').length}`);
		say(`\n${apiUsageReport(emulator.apiUsage())}`);
		process.exitCode = failed ? 1 : 0;
	} finally {
		await emulator.stop();
	}
}

/** --json: one line per output item of each node after the webhook. */
function printItems(workflow: WorkflowFile, result: WorkflowResult, run: number): void {
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.webhook') continue;
		for (const item of result.outputs[node.name] ?? []) process.stdout.write(`${JSON.stringify({ run, node: node.name, ...item })}\n`);
	}
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exitCode = 1;
});
