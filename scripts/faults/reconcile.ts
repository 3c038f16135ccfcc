/**
 * The outputs held against the org: each item is matched to the stored records carrying its key.
 * - stored twice: an item whose key is on more than one record;
 * - lost: an item reporting success whose record is not there (or has another id), or a stored
 *   record no item accounts for (no item with its key, or its item says it failed or has no answer);
 * - an item reported OUTCOME_UNKNOWN may account for no record or one.
 */
import type { ItemOutcome } from './protocol';

export interface Tally {
	items: number;
	stored: number;
	storedTwice: number;
	lost: number;
	outcomeUnknown: number;
	failed: number;
	/** Items without an answer: no output item (a frozen or failed execution) or a shapeless one. */
	noAnswer: number;
	/** What went wrong, item by item (the first few of each kind). */
	problems: string[];
	/** Failed items by error code, most frequent first. */
	failureCodes: Array<[string, number]>;
}

const PROBLEMS_SHOWN = 5;

export function reconcile(outcomes: ItemOutcome[], records: Array<Record<string, unknown>>, keyField: string): Tally {
	const recordsByKey = new Map<string, Array<Record<string, unknown>>>();
	for (const record of records) {
		const key = String(record[keyField] ?? '');
		recordsByKey.set(key, [...(recordsByKey.get(key) ?? []), record]);
	}
	const tally: Tally = { items: outcomes.length, stored: records.length, storedTwice: 0, lost: 0, outcomeUnknown: 0, failed: 0, noAnswer: 0, problems: [], failureCodes: [] };
	const shown = new Map<string, number>();
	const problem = (kind: string, text: string) => {
		shown.set(kind, (shown.get(kind) ?? 0) + 1);
		if ((shown.get(kind) as number) <= PROBLEMS_SHOWN) tally.problems.push(`${kind}: ${text}`);
	};
	const codes = new Map<string, number>();
	const itemKeys = new Set<string>();

	for (const outcome of outcomes) {
		itemKeys.add(outcome.key);
		const stored = recordsByKey.get(outcome.key) ?? [];
		const ids = stored.map((record) => String(record.Id)).join(', ');
		if (stored.length > 1) {
			tally.storedTwice += 1;
			problem('stored twice', `item "${outcome.key}" (${outcome.kind}${outcome.id ? ` ${outcome.id}` : ''}) is on ${stored.length} records: ${ids}`);
		}
		if (outcome.kind === 'created') {
			if (!stored.some((record) => record.Id === outcome.id)) {
				tally.lost += 1;
				problem('lost', `item "${outcome.key}" reported ${outcome.id}, stored: ${ids || 'nothing'}`);
			}
			continue;
		}
		if (outcome.kind === 'unknown') tally.outcomeUnknown += 1;
		if (outcome.kind === 'failed') {
			tally.failed += 1;
			codes.set(outcome.errorCode ?? 'NO_CODE', (codes.get(outcome.errorCode ?? 'NO_CODE') ?? 0) + 1);
		}
		if (outcome.kind === 'none') tally.noAnswer += 1;
		if (outcome.kind !== 'unknown' && stored.length > 0) {
			tally.lost += 1;
			problem('lost', `item "${outcome.key}" ${outcome.kind === 'failed' ? `reported failure ${outcome.errorCode}` : 'has no answer'}, yet ${ids} was stored`);
		}
	}
	for (const [key, stored] of recordsByKey) {
		if (itemKeys.has(key)) continue;
		tally.lost += stored.length;
		problem('lost', `${stored.length} stored record(s) with ${keyField} "${key.slice(0, 60)}" match no item: ${stored.map((record) => String(record.Id)).join(', ')}`);
	}
	tally.failureCodes = [...codes].sort((a, b) => b[1] - a[1]);
	return tally;
}
