/**
 * Records an org duplicate rule blocked: the matching records are looked up (Salesforce lists them
 * only for single-record saves, see transport/composite.ts), then the user's choice applies: the item
 * fails naming them, or, for a lead the node was creating, takes the existing record as its own.
 *
 * "Use the Existing Record" never applies to an update or an upsert: their item stands for a lead of
 * its own (found by its key) that the save would have turned into a duplicate of another record, and
 * adopting that other record would report, and later update, a lead the item never matched.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { SalesforceProblem } from '../../../helpers/problem';
import { DUPLICATES_DETECTED } from '../../../helpers/retry';
import { duplicateMatches, type DuplicateMatches } from '../../../transport/composite';
import type { SendContext, SentBatch } from './send';
import type { Action, Outcome } from './work';

function isBlockedByRule(outcome: Outcome): outcome is Extract<Outcome, { saved: false }> {
	return !outcome.saved && outcome.problem.errorCode === DUPLICATES_DETECTED;
}

/** The item's problem once the matches were looked for: naming them, or saying why there are none to name. */
function blockedProblem(problem: SalesforceProblem, action: Action, matches: DuplicateMatches, useExisting: boolean): SalesforceProblem {
	if (!matches.ok) {
		const failure = matches.problem;
		return { ...problem, message: `${problem.message}. The records it matched could not be looked up (${failure.errorCode}: ${failure.message}), so nothing was taken in their place` };
	}
	if (matches.ids.length === 0) {
		return { ...problem, message: `${problem.message}. Looked up again, the rule matches no record now (the match may have been changed or deleted): run the item again` };
	}
	const keptOwn = useExisting && action.kind !== 'create' ? '. "Use the Existing Record" applies to new leads only: this item stands for a lead of its own, so it is not replaced by the match' : '';
	return { ...problem, message: `${problem.message}${keptOwn}`, duplicates: matches.ids };
}

/** Replaces the outcome of each blocked record of the batch by what the user chose. */
export async function settleDuplicates(this: IExecuteFunctions, sent: SentBatch, context: SendContext): Promise<void> {
	const useExisting = context.settings.duplicateRule === 'useExisting';
	for (const [position, outcome] of sent.outcomes.entries()) {
		if (!isBlockedByRule(outcome)) continue;
		const { item, action } = sent.batch[position];
		const own = action.kind === 'update' ? action.id : undefined;
		const found: DuplicateMatches = outcome.problem.duplicates
			? { ok: true, ids: outcome.problem.duplicates }
			: await duplicateMatches(this, context.connection, context.objectName, item.record);
		const matches: DuplicateMatches = found.ok ? { ok: true, ids: found.ids.filter((id) => id !== own) } : found;
		if (useExisting && action.kind === 'create' && matches.ok && matches.ids.length > 0) {
			sent.outcomes[position] = { saved: true, id: matches.ids[0], created: false, duplicate: true };
		} else {
			sent.outcomes[position] = { saved: false, problem: blockedProblem(outcome.problem, action, matches, useExisting) };
		}
	}
}
