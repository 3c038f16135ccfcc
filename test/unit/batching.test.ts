import { checkBatchSize, toBatches } from '../../nodes/SalesforceRest/helpers/batching';

describe('toBatches', () => {
	it('cuts 1,000 entries into five calls of 200, order kept', () => {
		const entries = Array.from({ length: 1000 }, (_, index) => index);
		const batches = toBatches(entries, 200);
		expect(batches.map((batch) => batch.length)).toEqual([200, 200, 200, 200, 200]);
		expect(batches.flat()).toEqual(entries);
	});

	it('puts the remainder in a last, shorter batch', () => {
		expect(toBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
	});

	it('makes no batch of nothing', () => {
		expect(toBatches([], 200)).toEqual([]);
	});
});

describe('checkBatchSize', () => {
	it.each([1, 50, 200])('accepts %d', (size) => {
		expect(checkBatchSize(size)).toBeUndefined();
	});

	it.each([0, 201, 2.5, '200', null])('refuses %j', (size) => {
		expect(checkBatchSize(size)).toBe(`Batch Size must be a whole number from 1 to 200, got ${JSON.stringify(size)}`);
	});
});
