/**
 * Short cases run several rounds, the nodes taking turns, and report each node's median round:
 * on a shared 2-core machine one round of the same work varies by up to 20%, more than the
 * difference the (a) and (b) targets are about. Every round must reconcile cleanly.
 */
import type { CaseResult } from './run-case';

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The variants in the order they run in round `round` (rotated, so that no node always goes first). */
export function turnOrder<T>(variants: T[], round: number): T[] {
	const shift = round % variants.length;
	return [...variants.slice(shift), ...variants.slice(0, shift)];
}

/** One result of one case and variant from its rounds: median wall and CPU, highest memory, worst reconciliation. */
export function combineRounds(rounds: CaseResult[]): CaseResult {
	const failed = rounds.find((round) => round.error !== undefined);
	if (failed || rounds.length === 1) return failed ?? rounds[0];
	const measurements = rounds.map((round) => round.measurement!);
	const worst = rounds.reduce((worse, round) => {
		const problems = (result: CaseResult) => result.reconciliation!.lost + result.reconciliation!.storedTwice + result.reconciliation!.misreported + result.reconciliation!.strangers;
		return problems(round) > problems(worse) ? round : worse;
	});
	return {
		...worst,
		measurement: {
			wallMs: median(measurements.map((measurement) => measurement.wallMs)),
			cpuMs: median(measurements.map((measurement) => measurement.cpuMs)),
			peakRssMb: Math.max(...measurements.map((measurement) => measurement.peakRssMb)),
			executionErrors: measurements.flatMap((measurement) => measurement.executionErrors),
		},
	};
}
