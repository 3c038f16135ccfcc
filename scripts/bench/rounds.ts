/**
 * Short cases run several rounds, each round in fresh processes, and compare the nodes round by
 * round. On a shared 2-core machine one round of the same work varies by several percent from one
 * minute to the next (other tenants, CPU frequency), more than the differences the (a) and (b)
 * targets are about. So, in every round, n8n's node and this node run back to back, the one going
 * first alternating from round to round; the ratio of the two runs of a round is taken, and the
 * median of those ratios is what is reported and judged. Each node's own median round is shown
 * beside it. Every round must reconcile cleanly.
 */
import type { CaseResult } from './run-case';

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The order the variants run in round `round`: the anchor and the target next to each other, so that
 * both meet the same machine, taking turns to go first; the other variants after them, rotated.
 */
export function roundOrder<T>(variants: T[], round: number, isPaired: (variant: T) => boolean): T[] {
	const paired = variants.filter(isPaired);
	const others = variants.filter((variant) => !isPaired(variant));
	const shift = others.length === 0 ? 0 : round % others.length;
	return [...(round % 2 === 0 ? paired : [...paired].reverse()), ...others.slice(shift), ...others.slice(0, shift)];
}

/** Ratios of a variant to the anchor, round by round (below 1: the variant spent less), and their medians. */
export interface PairedRatios {
	wall: number;
	cpu: number;
	rounds: Array<{ wall: number; cpu: number }>;
}

/** Each round's ratio to the anchor's run of the same round; undefined unless every round of both measured. */
export function pairedRatios(rounds: CaseResult[], anchorRounds: CaseResult[]): PairedRatios | undefined {
	if (rounds.length !== anchorRounds.length || rounds.length < 2) return undefined;
	if ([...rounds, ...anchorRounds].some((round) => round.measurement === undefined)) return undefined;
	const perRound = rounds.map((round, index) => ({
		wall: round.measurement!.wallMs / anchorRounds[index].measurement!.wallMs,
		cpu: round.measurement!.cpuMs / anchorRounds[index].measurement!.cpuMs,
	}));
	return { wall: median(perRound.map((ratio) => ratio.wall)), cpu: median(perRound.map((ratio) => ratio.cpu)), rounds: perRound };
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
