/** Splitting valid records into sObject Collections calls. Pure. */

/** Salesforce accepts at most 200 records in one `/composite/sobjects` call. */
export const MAX_RECORDS_PER_COLLECTION = 200;

/** Returns an error message when `size` is not a whole number from 1 to 200, otherwise undefined. */
export function checkBatchSize(size: unknown): string | undefined {
	if (typeof size === 'number' && Number.isInteger(size) && size >= 1 && size <= MAX_RECORDS_PER_COLLECTION) {
		return undefined;
	}
	return `Batch Size must be a whole number from 1 to ${MAX_RECORDS_PER_COLLECTION}, got ${JSON.stringify(size)}`;
}

/** Consecutive slices of at most `size` entries, order kept. */
export function toBatches<T>(entries: readonly T[], size: number): T[][] {
	const batches: T[][] = [];
	for (let start = 0; start < entries.length; start += size) {
		batches.push(entries.slice(start, start + size));
	}
	return batches;
}
