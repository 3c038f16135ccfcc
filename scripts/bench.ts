/**
 * Throughput of Lead → Create in n8n's engine against the emulator, next to the naive way (one
 * `POST /sobjects/Lead` per record, sent one after the other as a per-item node would), with the
 * same added latency per call so that the number of calls shows in the time.
 *
 *   npm run bench -- [--sizes 1000,5000] [--latency 20]
 *
 * The emulator runs in this process: RSS and heap include it (and the engine, loaded once).
 */
import { parseArgs } from 'node:util';

import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type EmulatorHandle } from '../emulator';
import {
	connectedCredential,
	leadCreateParameters,
	loadPackageTypes,
	runWorkflow,
	webhookItem,
	webhookToSalesforce,
} from '../test/harness';

interface Measure {
	calls: number;
	wallMs: number;
	peakRssMb: number;
	peakHeapMb: number;
}

const MB = 1024 * 1024;

function leads(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) =>
		webhookItem({ first_name: 'Bench', last_name: `Lead ${index}`, company: `Company ${index}`, email: `bench${index}@example.com` }),
	);
}

/** Runs `work` while sampling memory; calls are what the emulator counted meanwhile. */
async function measure(emulator: EmulatorHandle, work: () => Promise<void>): Promise<Measure> {
	global.gc?.();
	let peakRss = 0;
	let peakHeap = 0;
	const sample = () => {
		const { rss, heapUsed } = process.memoryUsage();
		peakRss = Math.max(peakRss, rss);
		peakHeap = Math.max(peakHeap, heapUsed);
	};
	const sampler = setInterval(sample, 25);
	const callsBefore = emulator.apiUsage().used;
	const started = performance.now();
	try {
		await work();
	} finally {
		clearInterval(sampler);
	}
	sample();
	return {
		calls: emulator.apiUsage().used - callsBefore,
		wallMs: performance.now() - started,
		peakRssMb: peakRss / MB,
		peakHeapMb: peakHeap / MB,
	};
}

async function throughEngine(emulator: EmulatorHandle, count: number): Promise<Measure> {
	const credential = await connectedCredential(emulator);
	const workflow = webhookToSalesforce(
		leadCreateParameters({
			FirstName: '={{ $json.body.first_name }}',
			LastName: '={{ $json.body.last_name }}',
			Company: '={{ $json.body.company }}',
			Email: '={{ $json.body.email }}',
		}),
	);
	const input = leads(count);
	return await measure(emulator, async () => {
		const result = await runWorkflow({ workflow, input, credentials: [credential] });
		if (result.error) throw new Error(`The engine run failed: ${result.error.message}`);
		const created = result.outputs.Salesforce.filter((item) => item.json.success).length;
		if (created !== count) throw new Error(`The engine run created ${created} of ${count} leads`);
	});
}

async function oneCallPerRecord(emulator: EmulatorHandle, count: number): Promise<Measure> {
	const tokens = await emulator.issueTokens();
	const url = `${tokens.instance_url}/services/data/v66.0/sobjects/Lead`;
	const headers = { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' };
	const input = leads(count);
	return await measure(emulator, async () => {
		for (const item of input) {
			const body = item.body as IDataObject;
			const record = { FirstName: body.first_name, LastName: body.last_name, Company: body.company, Email: body.email };
			const answer = await fetch(url, { method: 'POST', headers, body: JSON.stringify(record) });
			if (answer.status !== 201) throw new Error(`POST /sobjects/Lead answered ${answer.status}: ${await answer.text()}`);
		}
	});
}

const fixed = (value: number, digits = 0) => value.toFixed(digits);

async function main() {
	const { values } = parseArgs({
		options: { sizes: { type: 'string', default: '1000,5000' }, latency: { type: 'string', default: '20' } },
	});
	const sizes = values.sizes.split(',').map(Number);
	const latencyMs = Number(values.latency);
	if (sizes.some((size) => !Number.isInteger(size) || size < 1) || !(latencyMs >= 0)) {
		throw new Error('--sizes takes positive integers separated by commas, --latency a number of milliseconds');
	}
	// The engine's one-off start-up (loading types, first compilation of the expression code paths)
	// is not part of any run: load it and run a few leads through it first.
	await loadPackageTypes();
	const warmUp = await startEmulator();
	await throughEngine(warmUp, 50).finally(() => warmUp.stop());
	console.log(`Lead → Create, ${latencyMs} ms added to every emulator answer (Node ${process.version})\n`);
	const header = ['leads', 'way', 'API calls', 'wall s', 'items/s', 'peak RSS MB', 'peak heap MB'];
	const rows: string[][] = [];
	const ratios: string[] = [];
	for (const size of sizes) {
		const results: Array<[string, Measure]> = [];
		for (const [way, run] of [
			['n8n engine, Collections', throughEngine],
			['one POST per record', oneCallPerRecord],
		] as const) {
			const emulator = await startEmulator({ latencyMs, apiLimit: 1_000_000 });
			try {
				const result = await run(emulator, size);
				results.push([way, result]);
				rows.push([
					String(size),
					way,
					String(result.calls),
					fixed(result.wallMs / 1000, 2),
					fixed(size / (result.wallMs / 1000)),
					fixed(result.peakRssMb),
					fixed(result.peakHeapMb),
				]);
				process.stderr.write(`  ${size} leads, ${way}: ${fixed(result.wallMs)} ms\n`);
			} finally {
				await emulator.stop();
			}
		}
		const [[, engine], [, perRecord]] = results;
		ratios.push(
			`${size} leads: ${fixed(perRecord.calls / engine.calls, 1)}x fewer API calls, ` +
				`${fixed(perRecord.wallMs / engine.wallMs, 1)}x faster than one POST per record`,
		);
	}
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => cells.map((cell, column) => cell.padStart(column === 1 ? 0 : widths[column]).padEnd(widths[column])).join('  ');
	console.log([line(header), ...rows.map(line)].join('\n'));
	console.log(`\n${ratios.join('\n')}`);
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exitCode = 1;
});
