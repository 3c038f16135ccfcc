import type { CaseResult } from '../../scripts/bench/run-case';
import { pairedRatios, roundOrder } from '../../scripts/bench/rounds';

const measured = (wallMs: number, cpuMs: number) => ({ measurement: { wallMs, cpuMs, peakRssMb: 100, executionErrors: [] } }) as unknown as CaseResult;

describe('benchmark rounds (ratios taken round by round)', () => {
	const variants = ['built-in', 'ours', 'cache-off', 'no-group'];
	const paired = (variant: string) => variant === 'built-in' || variant === 'ours';

	it('runs the anchor and the target back to back, the one going first alternating, the others after them', () => {
		expect(roundOrder(variants, 0, paired)).toEqual(['built-in', 'ours', 'cache-off', 'no-group']);
		expect(roundOrder(variants, 1, paired)).toEqual(['ours', 'built-in', 'no-group', 'cache-off']);
		expect(roundOrder(variants, 2, paired)).toEqual(['built-in', 'ours', 'cache-off', 'no-group']);
	});

	it('divides each round by the anchor run of the same round and reports the median of those ratios', () => {
		const anchor = [measured(100, 10), measured(200, 20), measured(100, 10)];
		const ours = [measured(99, 9), measured(202, 16), measured(97, 11)];
		const ratios = pairedRatios(ours, anchor)!;
		expect(ratios.rounds.map((round) => round.wall)).toEqual([0.99, 1.01, 0.97]);
		expect(ratios.rounds.map((round) => round.cpu)).toEqual([0.9, 0.8, 1.1]);
		expect(ratios.wall).toBe(0.99);
		expect(ratios.cpu).toBe(0.9);
	});

	it('gives no paired ratios when a round failed or the rounds do not match', () => {
		const anchor = [measured(100, 10), measured(100, 10)];
		expect(pairedRatios([measured(99, 9), { error: 'the child died' } as CaseResult], anchor)).toBeUndefined();
		expect(pairedRatios([measured(99, 9)], anchor)).toBeUndefined();
	});
});
