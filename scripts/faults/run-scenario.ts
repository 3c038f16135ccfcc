/**
 * One scenario: a fresh emulator per org (with the users the scenario's tenants are) and the
 * scenario's faults (in this process), the executions run by an engine worker (a child process),
 * watched: a worker whose event loop stops turning for FREEZE_MS is killed, its running executions
 * are recorded as frozen, and a new worker goes on with the executions never started, on the
 * credentials as the last executions left them. Nothing runs past the scenario's budget.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

import { EMULATOR_USERNAME, startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../emulator';
import { connectedCredential, type StoredCredential } from '../../test/harness';
import type { ExecutionReport, ItemIdentity, ItemOutcome, WorkerMessage } from './protocol';
import type { StoredLead } from './reconcile';
import { DEFAULT_BUDGET_MS, orgCount, tenantsOf, usersOfOrg, type Evidence, type OrgFacts, type RunFacts, type Scenario, type TenantFacts } from './scenario';
import { keyFieldOf, keyOf } from './workload';

/** An event loop blocked this long is a frozen n8n: every workflow of the instance waits. */
export const FREEZE_MS = 5_000;
/** Loading tsx, n8n-core and the package before the first heartbeat. */
const START_UP_GRACE_MS = 30_000;
const WORKER = path.join(__dirname, 'engine-worker.ts');

export interface ScenarioRun {
	scenario: Scenario;
	/** One per item of every execution that started (items of a stopped execution: kind 'none'). */
	outcomes: ItemOutcome[];
	/** Every org's Leads at the end, and before the first execution. */
	records: StoredLead[];
	before: StoredLead[];
	keyField: string;
	evidence: Evidence;
	/** One per check of the scenario's own (`extraChecks`): undefined = holds. */
	extraFailures: Array<string | undefined>;
	tokensFound: string[];
	/** Longest event-loop block of one execution that finished (ms), and how many froze and were stopped. */
	slowestBlockMs: number;
	frozen: number;
	/** Executions that stopped with an error, froze or were cut by the budget: what happened. */
	stopped: string[];
	/** Items of executions never started (budget spent, or a worker that could not start). */
	notRun: number;
	/** The executions that blocked the event loop longest, with what their items hold. */
	slowest: string[];
	wallMs: number;
}

/** What the runner knows of each execution, whichever worker ran it. */
class Executions {
	readonly reports = new Map<number, ExecutionReport>();
	readonly stoppedItems = new Map<number, ItemIdentity[]>();
	readonly stopped: string[] = [];
	private readonly running = new Map<number, ItemIdentity[]>();
	private readonly neverStarted: Set<number>;

	constructor(private readonly count: number) {
		this.neverStarted = new Set(Array.from({ length: count }, (_, execution) => execution));
	}

	pending(): number[] {
		return [...this.neverStarted];
	}

	started(execution: number, items: ItemIdentity[]): void {
		this.neverStarted.delete(execution);
		this.running.set(execution, items);
	}

	finished(report: ExecutionReport): void {
		this.running.delete(report.execution);
		this.reports.set(report.execution, report);
		if (report.executionError !== undefined) this.stopped.push(`execution ${report.execution} failed as a whole: ${report.executionError}`);
	}

	/** The running executions will never report: their items have no answer. */
	abandon(why: string): void {
		for (const [execution, items] of this.running) {
			this.stoppedItems.set(execution, items);
			this.stopped.push(`execution ${execution} ${why}; its items: ${describeItems(items)}`);
		}
		this.running.clear();
	}

	/** The `count` executions that blocked the event loop longest. */
	slowest(count: number): string[] {
		return [...this.reports.values()]
			.sort((a, b) => b.blockedMs - a.blockedMs)
			.slice(0, count)
			.map((report) => `execution ${report.execution} blocked ${Math.round(report.blockedMs)} ms (wall ${Math.round(report.wallMs)} ms); its items: ${describeItems(report.items)}`);
	}

	outcomes(): ItemOutcome[] {
		const all: ItemOutcome[] = [];
		for (let execution = 0; execution < this.count; execution++) {
			const report = this.reports.get(execution);
			if (report) all.push(...report.items);
			for (const item of this.stoppedItems.get(execution) ?? []) all.push({ ...item, kind: 'none', outputChars: 0 });
		}
		return all;
	}
}

function describeItems(items: ItemIdentity[]): string {
	return items.map((item) => (item.about ? `${item.key} (${item.about})` : item.key)).join(', ');
}

type WorkerEnd = { how: 'done' | 'frozen' | 'crashed' | 'budget'; why?: string };

/** Runs the pending executions in one worker until it is done, freezes, crashes or the budget is spent. */
function runWorker(scenario: Scenario, executions: Executions, credentials: { current: StoredCredential[] }, deadline: number): Promise<WorkerEnd> {
	return new Promise((resolve) => {
		const child: ChildProcess = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
		let lastSign = Date.now() + START_UP_GRACE_MS;
		let stderrTail = '';
		let ended = false;
		child.stderr?.on('data', (chunk: Buffer) => {
			stderrTail = (stderrTail + chunk.toString()).slice(-1000);
		});
		const end = (how: WorkerEnd['how'], why?: string) => {
			if (ended) return;
			ended = true;
			clearInterval(watchdog);
			if (why !== undefined) executions.abandon(why);
			// A worker that is done leaves by itself when the channel closes; any other is stopped now.
			if (how === 'done') child.disconnect();
			else if (child.exitCode === null) child.kill('SIGKILL');
			resolve({ how, why });
		};
		child.on('message', (message: WorkerMessage) => {
			// From the first message on, the start-up grace is over.
			lastSign = Date.now();
			if (message.type === 'started') executions.started(message.execution, message.items);
			if (message.type === 'finished') {
				executions.finished(message.report);
				credentials.current = message.credentials;
			}
			if (message.type === 'done') end('done');
			if (message.type === 'crashed') end('crashed', `stopped: the worker crashed: ${message.message.slice(0, 300)}`);
		});
		child.on('exit', (code, signal) => end('crashed', `stopped: the worker exited (${code ?? signal}): ${stderrTail.trim().slice(-300)}`));
		const watchdog = setInterval(() => {
			if (Date.now() - lastSign > FREEZE_MS) end('frozen', `froze: the event loop was blocked for more than ${FREEZE_MS / 1000} s, the worker was killed`);
			else if (Date.now() > deadline) end('budget', `was cut: the scenario's budget of ${(scenario.budgetMs ?? DEFAULT_BUDGET_MS) / 1000} s was spent`);
		}, 250);
		child.send({ type: 'run', scenario: scenario.name, credentials: credentials.current, executions: executions.pending() });
	});
}

/** An org's Leads, each with the key items are matched on. */
function storedLeads(scenario: Scenario, org: number, records: Array<Record<string, unknown>>): StoredLead[] {
	const keyField = keyFieldOf(scenario);
	return records.map((fields) => ({ key: keyOf(scenario, org, fields[keyField]), id: String(fields.Id), fields }));
}

/** An org's emulator: an org number of its own (no two orgs share an id or a token), and the users its tenants are. */
function orgOptions(scenario: Scenario, org: number, clientSecret: string): EmulatorOptions {
	const users = usersOfOrg(scenario, org).map((username) => ({ username }));
	return { apiLimit: 1_000_000, clientSecret, org: org + 1, users, ...scenario.emulatorOptions };
}

export async function runScenario(scenario: Scenario): Promise<ScenarioRun> {
	const started = Date.now();
	// A client secret of its own, so that finding it anywhere means it leaked.
	const clientSecret = randomBytes(24).toString('base64url');
	const emulators: EmulatorHandle[] = [];
	try {
		for (let org = 0; org < orgCount(scenario); org++) emulators.push(await startEmulator(orgOptions(scenario, org, clientSecret)));
		// Every tenant's credential has the same id and name (emulatorCredential's): n8n's one credential, resolved to each tenant.
		const tenants = tenantsOf(scenario);
		const connected = await Promise.all(tenants.map((tenant) => connectedCredential(emulators[tenant.org], { user: tenant.user })));
		const credentials = { current: connected };
		emulators.forEach((emulator, org) => scenario.arrange?.(emulator, org));
		const before = emulators.map((emulator) => emulator.records('Lead'));
		const executions = new Executions(scenario.shape.executions);
		const deadline = started + (scenario.budgetMs ?? DEFAULT_BUDGET_MS);
		let frozen = 0;
		// Each round either finishes, or stops at least one execution for good; one that starts none
		// (a worker that cannot start, or freezes before its first execution) ends the scenario.
		for (let round = 0; round < scenario.shape.executions && executions.pending().length > 0; round++) {
			const pendingBefore = executions.pending().length;
			const { how, why } = await runWorker(scenario, executions, credentials, deadline);
			if (how === 'frozen') frozen += 1;
			if (how === 'budget') break;
			if (how !== 'done' && executions.pending().length === pendingBefore) {
				executions.stopped.push(`the worker ended (${how}) before starting an execution, ${pendingBefore} executions not run${why ? `: ${why}` : ''}`);
				break;
			}
		}
		const notRun = executions.pending().length * scenario.shape.itemsPerExecution;
		const outcomes = executions.outcomes();
		const reports = [...executions.reports.values()];
		const orgs: OrgFacts[] = emulators.map((emulator, org) => ({
			emulator,
			requests: emulator.requests(),
			before: before[org],
			leads: storedLeads(scenario, org, emulator.records('Lead')),
		}));
		const tenantFacts: TenantFacts[] = tenants.map(({ org, user = EMULATOR_USERNAME }) => ({ org, username: user, userId: emulators[org].userId(user) }));
		const reconnectedAt = reports.find((report) => report.reconnectedAt !== undefined)?.reconnectedAt;
		const facts: RunFacts = {
			emulator: orgs[0].emulator,
			requests: orgs[0].requests,
			outcomes,
			orgs,
			tenants: tenantFacts,
			executions: reports.map((report) => ({
				execution: report.execution,
				tenant: report.tenant,
				startedAt: report.startedAt,
				finishedAt: report.startedAt + report.wallMs,
				readTenants: report.readTenants,
			})),
			...(reconnectedAt !== undefined && { reconnectedAt }),
		};
		return {
			scenario,
			outcomes,
			records: orgs.flatMap((org) => org.leads),
			before: before.flatMap((records, org) => storedLeads(scenario, org, records)),
			keyField: keyFieldOf(scenario),
			evidence: scenario.evidence(facts),
			extraFailures: (scenario.extraChecks ?? []).map((extra) => extra.failure(facts)),
			tokensFound: [...new Set(reports.flatMap((report) => report.tokensFound))],
			slowestBlockMs: Math.max(0, ...reports.map((report) => report.blockedMs)),
			frozen,
			stopped: executions.stopped,
			notRun,
			slowest: executions.slowest(3),
			wallMs: Date.now() - started,
		};
	} finally {
		await Promise.all(emulators.map((emulator) => emulator.stop()));
	}
}
