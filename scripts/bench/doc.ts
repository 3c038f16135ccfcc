/** docs/benchmark.md: the last full result, with the machine and the command it came from. */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
	cpu: string;
	cores: number;
	memoryGb: number;
	node: string;
	system: string;
	date: string;
	/** 1-minute load average when the run started: above the core count, other work shared the CPU. */
	loadAverage: number;
}

export function thisMachine(): Machine {
	let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	try {
		cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpu;
	} catch {
		// Not Linux: os.cpus() names it too.
	}
	return {
		cpu,
		cores: os.availableParallelism(),
		memoryGb: Math.round(os.totalmem() / 1024 ** 3),
		node: process.version,
		system: `${os.type()} ${os.release()}`,
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
		loadAverage: os.loadavg()[0],
	};
}

export function describeMachine(machine: Machine): string {
	const { cpu, cores, memoryGb, system, node, loadAverage } = machine;
	return `${cpu}, ${cores} cores, ${memoryGb} GB, ${system}, Node ${node}, load average ${loadAverage.toFixed(1)} at the start`;
}

export interface BenchmarkDoc {
	machine: Machine;
	command: string;
	latencyMs: number;
	tableMarkdown: string;
	/** Each round's ratios to the built-in node, for the cases run in several rounds. */
	roundRatios: string;
	targets: string;
}

export function writeBenchmarkDoc(file: string, doc: BenchmarkDoc): void {
	const text = `# Benchmark: Lead → Create against n8n's built-in Salesforce node

Written by \`npm run bench\` (scripts/bench.ts); rerun it to replace this file.

- **Run**: ${doc.machine.date}, \`${doc.command}\`
- **Machine**: ${describeMachine(doc.machine)}
- **Salesforce**: the emulator (emulator/), ${doc.latencyMs} ms added to every answer

## How

Both nodes run through the same engine: n8n-core 2.41.1's \`WorkflowExecute\` in Node 20, driven by
the harness in test/harness/ as n8n runs a production webhook execution (Webhook → Salesforce node,
continue-on-fail off). n8n's built-in node is \`n8n-nodes-base.salesforce\` 1.1 with its
\`salesforceOAuth2Api\` credential, loaded from n8n-nodes-base 2.41.1 in the real-n8n install
(.cache/e2e); its Lead → Create sends one \`POST /services/data/v59.0/sobjects/lead\` per item.
Both map the same four fields (first and last name, company, e-mail) from the webhook body.

Each case and node runs in a process of its own (the "n8n" process); the emulators run in the
parent process, so their work is not in the child's CPU or memory. The child loads the engine,
warms up against an emulator of its own (1,000 single-lead executions, 5 at a time, then one of 200
leads), then runs the measured part against a fresh emulator, so anything a node caches per org
starts cold. Executions "25 at a time" are concurrent \`runWorkflow\` calls in the one process, 25
in flight at any moment.

Cases (a) and (b) run nine rounds, each round in fresh processes. One round of the same work varies
by several percent from one minute to the next on this shared machine, more than the differences
those targets are about, and the variation is shared by runs made close together. So in every round
n8n's node and this node run back to back, the one going first alternating from round to round, and
the ratio of that round's two runs is taken. The ratio rows of those cases (and the targets) are the
median of the nine round ratios, all listed under the table; the node rows show each node's median
wall and median CPU.

- **describe / create / other**: API calls the emulator counted in the measured part
  (describe: \`GET /sobjects/{Name}/describe\`; create: \`POST /sobjects/{Name}\` and
  \`POST /composite/sobjects\`).
- **wall**, **CPU**: of the measured part; CPU is \`process.cpuUsage()\` user + system of the child.
- **peak RSS**: the child's largest resident set over its life (\`process.resourceUsage().maxRSS\`),
  engine loading and warm-up included.
- **stored once / lost / stored twice**: every lead has its own e-mail address; the emulator's stored
  Leads are found by it and checked against the id the node's output gave for that lead.
- **ours / built-in**: ratios of calls per lead, wall and CPU; below 1 means this node spends less.
  With several rounds, wall and CPU are the median of the round-by-round ratios.

## Result

${doc.tableMarkdown}

Round by round (this node's run / the built-in node's run of the same round):

\`\`\`
${doc.roundRatios}
\`\`\`

## Targets (issue 7)

\`\`\`
${doc.targets}
\`\`\`
`;
	writeFileSync(file, text);
}
