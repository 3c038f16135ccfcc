/**
 * The outputs held against the orgs: each item is matched to the stored Leads carrying its key (but
 * those converted before the run), and each Lead that was there before the run (Create or Update's)
 * to what became of it.
 * - stored twice: an item whose key is on more than one of them;
 * - updated: an item that reported updating a Lead (`created: false`) that is there under its key:
 *   saved once, in place;
 * - lost: an item reporting success whose record is not there under its key (or has another id), a
 *   new record no item accounts for (no item with its key, or its item says it failed or has no
 *   answer), or a Lead of before the run that is gone or was changed without an item reporting that
 *   it updated it (also counted as overwritten);
 * - an item reported OUTCOME_UNKNOWN may account for no new record or one.
 */
import type { ItemOutcome } from './protocol';

/** A stored Lead with the key items are matched on (the org's, when there are several). */
export interface StoredLead {
	key: string;
	id: string;
	fields: Record<string, unknown>;
}

export interface Tally {
	items: number;
	stored: number;
	updated: number;
	storedTwice: number;
	lost: number;
	/** Leads of before the run gone, or changed by no item that reported updating them (part of lost). */
	overwritten: number;
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
/** The fields the plain leads set: a Lead of before the run whose values changed was written to. */
const WRITTEN_FIELDS = ['FirstName', 'LastName', 'Company', 'Email'];

/** A Lead in its org: ids are unique within an org only, and keys carry the org. */
const refOf = (key: string, id: string) => `${key}\n${id}`;
const changed = (before: StoredLead, after: StoredLead) => WRITTEN_FIELDS.some((field) => before.fields[field] !== after.fields[field]);
const idsOf = (leads: StoredLead[]) => leads.map((lead) => lead.id).join(', ');

export function reconcile(outcomes: ItemOutcome[], records: StoredLead[], keyField: string, before: StoredLead[] = []): Tally {
	const beforeRefs = new Set(before.map((lead) => refOf(lead.key, lead.id)));
	const recordsByKey = new Map<string, StoredLead[]>();
	for (const record of records) {
		// A lead converted before the run is no key's lead: Create or Update leaves it out, and so does this
		// (a lead an item created converted is that item's).
		if (record.fields.IsConverted === true && beforeRefs.has(refOf(record.key, record.id))) continue;
		recordsByKey.set(record.key, [...(recordsByKey.get(record.key) ?? []), record]);
	}
	const tally: Tally = { items: outcomes.length, stored: records.length, updated: 0, storedTwice: 0, lost: 0, overwritten: 0, outcomeUnknown: 0, failed: 0, noAnswer: 0, problems: [], failureCodes: [] };
	const shown = new Map<string, number>();
	const problem = (kind: string, text: string) => {
		shown.set(kind, (shown.get(kind) ?? 0) + 1);
		if ((shown.get(kind) as number) <= PROBLEMS_SHOWN) tally.problems.push(`${kind}: ${text}`);
	};
	const codes = new Map<string, number>();
	const itemKeys = new Set<string>();
	const reportedUpdated = new Set<string>();

	for (const outcome of outcomes) {
		itemKeys.add(outcome.key);
		const stored = recordsByKey.get(outcome.key) ?? [];
		if (stored.length > 1) {
			tally.storedTwice += 1;
			problem('stored twice', `item "${outcome.key}" (${outcome.kind}${outcome.id ? ` ${outcome.id}` : ''}) is on ${stored.length} records: ${idsOf(stored)}`);
		}
		if (outcome.kind === 'created') {
			if (!stored.some((record) => record.id === outcome.id)) {
				tally.lost += 1;
				problem('lost', `item "${outcome.key}" reported ${outcome.id}, stored: ${idsOf(stored) || 'nothing'}`);
			} else if (outcome.created === false) {
				tally.updated += 1;
				reportedUpdated.add(refOf(outcome.key, outcome.id as string));
			}
			continue;
		}
		if (outcome.kind === 'unknown') tally.outcomeUnknown += 1;
		if (outcome.kind === 'failed') {
			tally.failed += 1;
			codes.set(outcome.errorCode ?? 'NO_CODE', (codes.get(outcome.errorCode ?? 'NO_CODE') ?? 0) + 1);
		}
		if (outcome.kind === 'none') tally.noAnswer += 1;
		const added = stored.filter((record) => !beforeRefs.has(refOf(record.key, record.id)));
		if (outcome.kind !== 'unknown' && added.length > 0) {
			tally.lost += 1;
			problem('lost', `item "${outcome.key}" ${outcome.kind === 'failed' ? `reported failure ${outcome.errorCode}` : 'has no answer'}, yet ${idsOf(added)} was stored`);
		}
	}
	for (const [key, stored] of recordsByKey) {
		const added = stored.filter((record) => !beforeRefs.has(refOf(record.key, record.id)));
		if (itemKeys.has(key) || added.length === 0) continue;
		tally.lost += added.length;
		problem('lost', `${added.length} stored record(s) with ${keyField} "${key.slice(0, 60)}" match no item: ${idsOf(added)}`);
	}
	const after = new Map(records.map((record) => [refOf(record.key, record.id), record]));
	for (const lead of before) {
		const now = after.get(refOf(lead.key, lead.id));
		const ref = refOf(lead.key, lead.id);
		if (now !== undefined && (!changed(lead, now) || reportedUpdated.has(ref))) continue;
		tally.lost += 1;
		tally.overwritten += 1;
		problem('overwritten', `lead ${lead.id} (${keyField} "${lead.key.slice(0, 60)}") was there before the run; ${now === undefined ? 'it is gone' : `now LastName "${String(now.fields.LastName).slice(0, 60)}", and no item reported updating it`}`);
	}
	tally.failureCodes = [...codes].sort((a, b) => b[1] - a[1]);
	return tally;
}
