/**
 * What a Create or Update sends after a batch, for records whose first answer is not the last word:
 * - a create by Email whose outcome is unknown (the connection broke) is sent again as an upsert by
 *   Email, which lands on the lead if the create did save it and creates it if not: never two leads;
 * - an upsert whose external ID several leads have: their ids are looked up, and the item fails
 *   naming them, or updates the most recently modified one, as the user chose.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { idsByValue } from './match';
import type { SaveMode } from './plan';
import { severalMatchesProblem } from './plan';
import { sendPlanned, SEVERAL_MATCHES, type SendContext, type SentBatch } from './send';
import { settleDuplicates } from './duplicates';
import type { Planned } from './work';

async function ambiguousKeys(this: IExecuteFunctions, sent: SentBatch, mode: SaveMode, context: SendContext, positions: number[]): Promise<Map<number, Planned>> {
	const again = new Map<number, Planned>();
	if (mode.kind !== 'byExternalId' || positions.length === 0) return again;
	const keys = positions.map((position) => String(sent.batch[position].item.record[mode.keyField]));
	const found = await idsByValue.call(this, context.connection, context.objectName, mode.keyField, keys, false);
	for (const position of positions) {
		const { item } = sent.batch[position];
		const ids = found.get(String(item.record[mode.keyField]).toLowerCase()) ?? [];
		if (context.severalMatches === 'newest' && ids.length > 0) again.set(position, { item, action: { kind: 'update', id: ids[0] } });
		else sent.outcomes[position] = { saved: false, problem: severalMatchesProblem(mode.keyField, ids) };
	}
	return again;
}

export async function followUps(this: IExecuteFunctions, sent: SentBatch, mode: SaveMode, context: SendContext): Promise<void> {
	const ambiguous: number[] = [];
	const again = new Map<number, Planned>();
	sent.outcomes.forEach((outcome, position) => {
		if (outcome.saved) return;
		const { item, action } = sent.batch[position];
		if (mode.kind === 'byEmail' && action.kind === 'create' && outcome.unknown) {
			again.set(position, { item, action: { kind: 'upsert', keyField: 'Email' } });
		} else if (outcome.problem.errorCode === SEVERAL_MATCHES) {
			ambiguous.push(position);
		}
	});
	for (const [position, planned] of await ambiguousKeys.call(this, sent, mode, context, ambiguous)) again.set(position, planned);
	if (again.size === 0) return;
	const positionOf = new Map<Planned, number>([...again].map(([position, planned]) => [planned, position]));
	for await (const answer of sendPlanned.call(this, [...again.values()], context)) {
		await settleDuplicates.call(this, answer, context);
		answer.batch.forEach((planned, index) => {
			const position = positionOf.get(planned) as number;
			const outcome = answer.outcomes[index];
			// By Email no lead had this key before the item's own create: whichever attempt saved it, the item created it.
			const createdByItem = outcome.saved && sent.batch[position].action.kind === 'create';
			sent.outcomes[position] = createdByItem ? { ...outcome, created: true } : outcome;
		});
	}
	// The call's own failure no longer describes the batch once every record had a second answer.
	if (again.size === sent.batch.length) delete sent.failedCall;
}
