/**
 * What reached Salesforce, lead by lead: each lead's stored records found by its unique key (its
 * e-mail address) in the emulator, set against the id the node's output gave for it.
 */
import type { LeadOutcome } from './protocol';

export interface Reconciliation {
	/** Leads with exactly one stored record. */
	storedOnce: number;
	/** Leads with no stored record. */
	lost: number;
	/** Leads with two or more stored records. */
	storedTwice: number;
	/** Leads whose output did not tell the truth: an id that is not its stored record's, or a failure although it was stored. */
	misreported: number;
	/** Stored records that belong to no lead of the case. */
	strangers: number;
	/** A few examples, for the report. */
	examples: string[];
}

const EXAMPLES = 3;

export function reconcile(outcomes: LeadOutcome[], storedLeads: Array<Record<string, unknown>>, expectedCount: number): Reconciliation {
	const idsByKey = new Map<string, string[]>();
	for (const record of storedLeads) {
		const key = String(record.Email ?? '').toLowerCase();
		idsByKey.set(key, [...(idsByKey.get(key) ?? []), String(record.Id)]);
	}
	const result: Reconciliation = { storedOnce: 0, lost: 0, storedTwice: 0, misreported: 0, strangers: 0, examples: [] };
	const note = (text: string) => {
		if (result.examples.length < EXAMPLES) result.examples.push(text);
	};
	if (outcomes.length !== expectedCount) note(`${outcomes.length} outcomes for ${expectedCount} leads`);
	for (const outcome of outcomes) {
		const ids = idsByKey.get(outcome.key.toLowerCase()) ?? [];
		idsByKey.delete(outcome.key.toLowerCase());
		if (ids.length === 0) {
			result.lost++;
			note(`${outcome.key} lost (${outcome.failure ?? `output id ${outcome.id}`})`);
		} else if (ids.length > 1) {
			result.storedTwice++;
			note(`${outcome.key} stored ${ids.length} times: ${ids.join(', ')}`);
		} else {
			result.storedOnce++;
		}
		const truthful = ids.length === 0 ? outcome.id === undefined : outcome.id !== undefined && ids.includes(outcome.id);
		if (!truthful) {
			result.misreported++;
			note(`${outcome.key}: output says ${outcome.id ?? outcome.failure}, stored ${ids.join(', ') || 'nothing'}`);
		}
	}
	for (const [key, ids] of idsByKey) {
		result.strangers += ids.length;
		note(`stored record(s) ${ids.join(', ')} with key "${key}" belong to no lead`);
	}
	return result;
}

/** Everything that makes a run wrong rather than slow. */
export function isClean(reconciliation: Reconciliation, expectedCount: number): boolean {
	const { storedOnce, lost, storedTwice, misreported, strangers } = reconciliation;
	return storedOnce === expectedCount && lost === 0 && storedTwice === 0 && misreported === 0 && strangers === 0;
}
