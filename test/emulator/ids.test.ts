/** Salesforce ids: key prefix, 15 case-sensitive characters, 3-character case-safe suffix. */
import { idChecksum, makeId, ORG_ID } from '../../emulator';

describe('ids', () => {
	it.each([
		['00QHo00000zTe3X', 'MAS'],
		['00D8a000003BvM7', 'EAK'],
		['0058a00000LryhyAAB'.slice(0, 15), 'AAB'],
	])('computes the suffix of the real id %s as %s', (id15, suffix) => {
		expect(idChecksum(id15)).toBe(suffix);
	});

	it('mints 18-character ids with the key prefix and a matching suffix', () => {
		expect(makeId('00Q', 1)).toBe('00QEm0000000001MAA');
		expect(makeId('00Q', 61)).toBe('00QEm000000000zMAA');
		expect(makeId('001', 62 * 62 * 62 * 62 * 11)).toBe('001Em00000B0000IAB');
	});

	it('gives the org a 00D id', () => {
		expect(ORG_ID.startsWith('00D')).toBe(true);
		expect(ORG_ID).toHaveLength(18);
	});
});
