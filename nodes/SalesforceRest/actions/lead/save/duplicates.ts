/**
 * Records an org duplicate rule blocked: the matching records are looked up (Salesforce lists them
 * only for single-record saves, see transport/composite.ts), then the user's choice applies: the item
 * fails naming them, or takes the existing record as its own.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { DUPLICATES_DETECTED } from '../../../helpers/retry';
import { duplicateMatches } from '../../../transport/composite';
import type { SendContext, SentBatch } from './send';
import type { Outcome } from './work';

function isBlockedByRule(outcome: Outcome): outcome is Extract<Outcome, { saved: false }> {
	return !outcome.saved && outcome.problem.errorCode === DUPLICATES_DETECTED;
}

/** Replaces the outcome of each blocked record of the batch by what the user chose. */
export async function settleDuplicates(this: IExecuteFunctions, sent: SentBatch, context: SendContext): Promise<void> {
	for (const [position, outcome] of sent.outcomes.entries()) {
		if (!isBlockedByRule(outcome)) continue;
		const { item, action } = sent.batch[position];
		const own = action.kind === 'update' ? action.id : undefined;
		const found = outcome.problem.duplicates ?? (await duplicateMatches(this, context.connection, context.objectName, item.record));
		const matches = found.filter((id) => id !== own);
		if (context.settings.duplicateRule === 'useExisting' && matches.length > 0) {
			sent.outcomes[position] = { saved: true, id: matches[0], created: false, duplicate: true };
		} else {
			sent.outcomes[position] = { saved: false, problem: { ...outcome.problem, ...(matches.length > 0 && { duplicates: matches }) } };
		}
	}
}
