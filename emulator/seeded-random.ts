/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence, so a
 * fault that picks "5% of records" picks the same records on every run and a failure can be replayed.
 */
export type Random = () => number;

/** Numbers in [0, 1), repeatable for a given 32-bit seed. */
export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let mixed = state;
		mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
		mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
		return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
	};
}
