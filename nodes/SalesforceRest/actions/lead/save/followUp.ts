/**
 * What a Create or Update does after a batch, for records whose first answer is not the last word:
 * - a create by Email whose outcome is unknown (the connection broke): the unconverted leads with its
 *   Email are looked up. No lead had it before (that is why it was a create, and this process held the
 *   key meanwhile), so one found now is the lead the create saved, and the item reports it; none
 *   found, the create never landed and is sent once more. A converted lead with the same Email is
 *   never matched (an upsert by Email would have collided with it and left the saved lead unreported);
 * - an upsert whose external ID several leads have: their ids are looked up, and the item fails
 *   naming them, or updates the most recently modified one, as the user chose;
 * - an upsert sent again after an unknown outcome that Salesforce says it updated: the lead's
 *   CreatedDate tells whether the first attempt created it.
 * A lookup that fails here, after the saves, is reported on the items it concerns, never thrown: the
 * other items of the run keep their saved ids.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { SalesforceProblem } from '../../../helpers/problem';
import { soqlString } from '../../../helpers/soql';
import { problemOfError } from '../../../transport/errors';
import { queryAll } from '../../../transport/query';
import { idsByValue, type MatchField } from './match';
import type { SaveMode } from './plan';
import { severalMatchesProblem } from './plan';
import { sendPlanned, SEVERAL_MATCHES, type SendContext, type SentBatch } from './send';
import { settleDuplicates } from './duplicates';
import type { Outcome, Planned } from './work';

/** The ids of leads with these keys, or the problem that kept the node from finding out. */
async function leadsByKey(this: IExecuteFunctions, context: SendContext, keys: string[], unconvertedLeads: boolean): Promise<Map<string, string[]> | SalesforceProblem> {
	try {
		return await idsByValue.call(this, context.connection, context.objectName, context.matchField as MatchField, keys, unconvertedLeads);
	} catch (error) {
		return problemOfError(error);
	}
}

function withLookupFailure(problem: SalesforceProblem, doing: string, failure: SalesforceProblem): SalesforceProblem {
	return { ...problem, message: `${problem.message}. ${doing} failed as well (${failure.errorCode}: ${failure.message})` };
}

/** Upserts whose key several leads have: fail naming them, or update the newest. */
async function ambiguousKeys(this: IExecuteFunctions, sent: SentBatch, context: SendContext, positions: number[], again: Map<number, Planned>): Promise<void> {
	if (positions.length === 0 || context.matchField === undefined) return;
	const { field } = context.matchField;
	const found = await leadsByKey.call(this, context, positions.map((position) => sent.batch[position].item.key as string), false);
	for (const position of positions) {
		const { item } = sent.batch[position];
		if (!(found instanceof Map)) {
			sent.outcomes[position] = { saved: false, problem: withLookupFailure(severalMatchesProblem(field, []), 'Looking them up', found) };
			continue;
		}
		const ids = found.get(item.key as string) ?? [];
		if (context.severalMatches === 'newest' && ids.length > 0) again.set(position, { item, action: { kind: 'update', id: ids[0] } });
		else sent.outcomes[position] = { saved: false, problem: severalMatchesProblem(field, ids) };
	}
}

/** Creates by Email whose outcome is unknown: the lead found now is theirs; none found, they are created once more. */
async function unknownCreates(this: IExecuteFunctions, sent: SentBatch, context: SendContext, positions: number[], again: Map<number, Planned>): Promise<void> {
	if (positions.length === 0) return;
	const found = await leadsByKey.call(this, context, positions.map((position) => sent.batch[position].item.key as string), true);
	for (const position of positions) {
		const { item } = sent.batch[position];
		const outcome = sent.outcomes[position] as Extract<Outcome, { saved: false }>;
		if (!(found instanceof Map)) {
			sent.outcomes[position] = { ...outcome, problem: withLookupFailure(outcome.problem, 'Looking it up afterwards', found) };
			continue;
		}
		const [newest] = found.get(item.key as string) ?? [];
		if (newest !== undefined) sent.outcomes[position] = { saved: true, id: newest, created: true };
		else again.set(position, { item, action: { kind: 'create' } });
	}
}

/** Upserts answered "updated" after an unknown first attempt: created by that attempt when the lead is no older than it. */
async function createdByFirstAttempt(this: IExecuteFunctions, sent: SentBatch, context: SendContext): Promise<void> {
	const resent = sent.outcomes.flatMap((outcome) => (outcome.saved && outcome.createdSince !== undefined ? [outcome] : []));
	if (resent.length === 0) return;
	const ids = resent.map((outcome) => soqlString(outcome.id)).join(', ');
	let created: Map<string, number>;
	try {
		const records = await queryAll<{ Id: string; CreatedDate: string }>(this, context.connection, `SELECT Id, CreatedDate FROM ${context.objectName} WHERE Id IN (${ids})`, ['Id', 'CreatedDate']);
		created = new Map(records.map((record) => [record.Id, Date.parse(record.CreatedDate)]));
	} catch {
		return; // Salesforce's "updated" stands: nothing else is known.
	}
	for (const outcome of resent) {
		const at = created.get(outcome.id);
		// CreatedDate and the answer's Date are whole seconds: a second's margin.
		if (at !== undefined && at > (outcome.createdSince as number) - 1000) outcome.created = true;
	}
}

export async function followUps(this: IExecuteFunctions, sent: SentBatch, mode: SaveMode, context: SendContext): Promise<void> {
	const ambiguous: number[] = [];
	const unknown: number[] = [];
	sent.outcomes.forEach((outcome, position) => {
		if (outcome.saved) return;
		if (mode.kind === 'byEmail' && sent.batch[position].action.kind === 'create' && outcome.unknown) unknown.push(position);
		else if (outcome.problem.errorCode === SEVERAL_MATCHES) ambiguous.push(position);
	});
	const again = new Map<number, Planned>();
	await ambiguousKeys.call(this, sent, context, ambiguous, again);
	await unknownCreates.call(this, sent, context, unknown, again);
	await createdByFirstAttempt.call(this, sent, context);
	const answeredAgain = new Set([...unknown.filter((position) => sent.outcomes[position].saved), ...again.keys()]);
	if (again.size > 0) {
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
	}
	// The call's own failure no longer describes the batch once every record had a second answer.
	if (answeredAgain.size === sent.batch.length) delete sent.failedCall;
}
