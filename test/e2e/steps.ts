/**
 * A tiny sequential runner for the end-to-end run: each step prints its start offset and duration,
 * a failure stops the run (later steps depend on earlier ones), and the summary line counts steps
 * passed, failed and not run. A `check` is counted the same way but stops nothing (the scale run's
 * scenarios each report all of their findings).
 */
export type StepOutcome = 'passed' | 'failed' | 'skipped';

export interface StepResult {
	name: string;
	outcome: StepOutcome;
	durationMs: number;
	error?: Error;
}

export class StepRunner {
	readonly results: StepResult[] = [];
	private readonly startedAt = Date.now();
	private failed = false;
	private checkFailed = false;

	constructor(private readonly onFailure: (stepName: string, error: Error) => Promise<void>) {}

	/** Prints a note under the current step (timings, counts). */
	note(message: string): void {
		console.log(`           ${message}`);
	}

	async step(name: string, body: () => Promise<void>): Promise<void> {
		if (this.failed) {
			this.results.push({ name, outcome: 'skipped', durationMs: 0 });
			console.log(`${this.clock()} - ${name} (not run)`);
			return;
		}
		console.log(`${this.clock()} … ${name}`);
		const started = Date.now();
		try {
			await body();
			const durationMs = Date.now() - started;
			this.results.push({ name, outcome: 'passed', durationMs });
			console.log(`${this.clock()} ✔ ${name} (${seconds(durationMs)})`);
		} catch (caught) {
			const error = caught instanceof Error ? caught : new Error(String(caught));
			const durationMs = Date.now() - started;
			this.failed = true;
			this.results.push({ name, outcome: 'failed', durationMs, error });
			console.log(`${this.clock()} ✘ ${name} (${seconds(durationMs)})\n${indent(error.stack ?? error.message)}`);
			await this.onFailure(name, error).catch((reportError) => console.log(`  (could not record the failure: ${reportError})`));
		}
	}

	/** A finding that passes or fails on its own: counted in the summary, nothing skipped after it. */
	check(name: string, passed: boolean, detail = ''): void {
		this.results.push({ name, outcome: passed ? 'passed' : 'failed', durationMs: 0, ...(!passed && { error: new Error(detail || name) }) });
		if (!passed) this.checkFailed = true;
		console.log(`${this.clock()} ${passed ? '✔' : '✘'} ${name}${detail ? `: ${detail}` : ''}`);
	}

	get ok(): boolean {
		return !this.failed && !this.checkFailed && this.results.length > 0;
	}

	get elapsedMs(): number {
		return Date.now() - this.startedAt;
	}

	/** `N passed, M failed[, K not run]`, then ` in T` unless `withTime` is false. */
	summary({ withTime = true } = {}): string {
		const count = (outcome: StepOutcome) => this.results.filter((result) => result.outcome === outcome).length;
		const skipped = count('skipped');
		const time = withTime ? ` in ${seconds(this.elapsedMs)}` : '';
		return `${count('passed')} passed, ${count('failed')} failed${skipped ? `, ${skipped} not run` : ''}${time}`;
	}

	private clock(): string {
		return `[${seconds(Date.now() - this.startedAt).padStart(7)}]`;
	}
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)}s`;
}

export function indent(text: string, spaces = 4): string {
	return text.split('\n').map((line) => `${' '.repeat(spaces)}${line}`).join('\n');
}

/** On SIGINT/SIGTERM: says what it stops, stops it, prints the summary so far and exits 130. */
export function stopOnSignals(runner: StepRunner, what: string, stop: () => Promise<void>): void {
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			console.log(`${signal}: stopping ${what}`);
			void stop().then(() => {
				console.log(`${runner.summary()} (interrupted)`);
				process.exit(130);
			});
		});
	}
}

/** Runs a run's main and exits 0 when it passed, else 1; a crash of the runner itself counts as one failure. */
export function exitWhenDone(main: () => Promise<boolean>): void {
	main().then(
		(ok) => process.exit(ok ? 0 : 1),
		(error) => {
			console.error(error);
			console.log('the runner itself crashed');
			console.log('0 passed, 1 failed');
			process.exit(1);
		},
	);
}
