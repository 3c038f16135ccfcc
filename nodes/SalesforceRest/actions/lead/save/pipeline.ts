/**
 * The one save pipeline for leads: map → validate → plan (create / update / upsert per record, by the
 * match key) → batch → send → results per item, then campaign memberships.
 *
 * Create, and Create or Update by Email or by an external ID, differ only in how they plan. Items that
 * share a key go in successive rounds, so a key is never twice in one call and the first item creates
 * what the later ones update. Failures of single items are reported on their own items with Continue
 * On Fail, and stop the node with an error naming the item otherwise. Nothing is lost from sight: every
 * output item is the saved record's id, or why it was not saved, or that its outcome is unknown.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failedOutput, failureJson, pairedOutput } from '../../../helpers/output';
import type { SalesforceProblem } from '../../../helpers/problem';
import { ROLLED_BACK } from '../../../helpers/retry';
import { orgKeyOf } from '../../../helpers/tenant';
import { forgetObjectSchema } from '../../../transport/describeCache';
import { holdKeys } from '../../../transport/keyLocks';
import type { SalesforceConnection } from '../../../transport';
import { readSaveSettings } from '../options';
import { addToCampaigns, type Joining } from './campaign';
import { settleDuplicates } from './duplicates';
import { batchFailure, campaignFailure, invalidItem, recordFailure, type StopContext } from './failures';
import { followUps } from './followUp';
import { planItem, roundsOf, startingKeys, type KeyState, type SaveMode } from './plan';
import type { MatchField } from './match';
import { prepareItems, type MatchKey } from './prepare';
import { sendPlanned, type SendContext, type SentBatch } from './send';
import { outcomeJson, type Outcome, type Planned, type WorkItem } from './work';

export type { SaveMode } from './plan';

/**
 * Salesforce's codes that mean the object's schema is not what the cached describe says (a field
 * added, removed, made required, or a picklist restricted): the next execution fetches it anew.
 */
const SCHEMA_CHANGE_CODES = new Set([
	'INVALID_FIELD',
	'INVALID_FIELD_FOR_INSERT_UPDATE',
	'REQUIRED_FIELD_MISSING',
	'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
	'JSON_PARSER_ERROR',
]);

function matchKeyOf(mode: SaveMode): MatchKey | undefined {
	if (mode.kind === 'byEmail') return { field: 'Email', label: 'Email' };
	if (mode.kind === 'byExternalId') return { field: mode.keyField, label: mode.keyField };
	return undefined;
}

/** The error that stops the node for a batch with a failure (Continue On Fail off). */
function stopError(sent: SentBatch, stop: StopContext) {
	const items = sent.batch.map((entry) => entry.item.itemIndex);
	if (sent.failedCall) return batchFailure(stop, sent.failedCall.problem, sent.failedCall.delivery === 'unknown', items);
	const failed = sent.outcomes.flatMap((outcome, position) => (outcome.saved ? [] : [{ outcome, position }]));
	const cause = failed.find(({ outcome }) => outcome.problem.errorCode !== ROLLED_BACK) ?? failed[0];
	const rolledBack = failed.filter(({ outcome }) => outcome.problem.errorCode === ROLLED_BACK).length;
	return recordFailure(stop, cause.outcome.problem, items[cause.position], rolledBack);
}

/** The keys an execution holds while it looks them up and saves them (keyLocks.ts): the org's, for this object and field. */
function heldKeysOf(connection: SalesforceConnection, objectName: string, matchField: MatchField | undefined, items: WorkItem[]): string[] {
	if (matchField === undefined) return [];
	const prefix = `${orgKeyOf(connection.tenant, connection.accessToken)} ${objectName} ${matchField.field.toLowerCase()} `;
	return items.flatMap((item) => (item.key === undefined ? [] : [prefix + item.key]));
}

export async function saveLeads(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
	options: IDataObject,
	objectName: string,
	mode: SaveMode,
): Promise<INodeExecutionData[]> {
	if (items.length === 0) return [];
	const continueOnFail = this.continueOnFail();
	const settings = readSaveSettings.call(this, options);
	const { valid, invalid, schema, matchField } = await prepareItems.call(this, items, connection, objectName, settings, matchKeyOf(mode));
	const outcomes = new Map<number, Outcome>();
	for (const { itemIndex, problem } of invalid) {
		// Checked before any save: nothing has been sent yet.
		if (!continueOnFail) throw invalidItem(this.getNode(), problem, itemIndex, objectName);
		outcomes.set(itemIndex, { saved: false, problem });
	}

	const context: SendContext = {
		connection,
		objectName,
		settings,
		allOrNone: !continueOnFail,
		severalMatches: mode.kind === 'create' ? 'fail' : settings.severalMatches,
		matchField,
	};
	/** What the error says when the node stops while `current` (items of the failing call, or the failing item) is settled. */
	const stop = (current: number[]): StopContext => ({
		node: this.getNode(),
		verb: mode.kind === 'create' ? 'created' : 'saved',
		saved: valid.flatMap(({ itemIndex }) => {
			const outcome = outcomes.get(itemIndex);
			return outcome?.saved ? [{ itemIndex, id: outcome.id }] : [];
		}),
		later: valid.map((item) => item.itemIndex).filter((index) => !outcomes.has(index) && !current.includes(index)),
	});
	// Concurrent executions of this process with the same keys wait here until this one has saved them.
	const release = await holdKeys(heldKeysOf(connection, objectName, matchField, valid));
	try {
		const keys: Map<string, KeyState> = await startingKeys.call(this, connection, objectName, mode, valid, settings, matchField);
		const settle = (item: Planned['item'], outcome: Outcome) => {
			outcomes.set(item.itemIndex, outcome);
			const state = item.key === undefined ? undefined : keys.get(item.key);
			// The existing record of a duplicate rule is not the key's lead: later items with the key never update it.
			if (state && outcome.saved && !outcome.duplicate) state.id = outcome.id;
			if (state && !outcome.saved && outcome.unknown) state.blocked = unknownEarlier(outcome.problem);
		};

		for (const round of roundsOf(valid)) {
			const planned: Planned[] = [];
			for (const item of round) {
				const plan = planItem(item, mode, keys, schema.rules);
				if ('action' in plan) planned.push(plan);
				else if (!continueOnFail) throw recordFailure(stop([item.itemIndex]), plan.problem, item.itemIndex, 0);
				else settle(item, { saved: false, problem: plan.problem });
			}
			for await (const sent of sendPlanned.call(this, planned, context)) {
				await settleDuplicates.call(this, sent, context);
				await followUps.call(this, sent, mode, context);
				// Only Salesforce's own answers say the schema changed (the node's checks used the cached one).
				if (sent.outcomes.some((outcome) => !outcome.saved && SCHEMA_CHANGE_CODES.has(outcome.problem.errorCode))) {
					forgetObjectSchema(connection, objectName, schema);
				}
				sent.batch.forEach(({ item }, position) => settle(item, sent.outcomes[position]));
				if (!continueOnFail && sent.outcomes.some((outcome) => !outcome.saved)) throw stopError(sent, stop(sent.batch.map((entry) => entry.item.itemIndex)));
			}
		}
	} finally {
		release();
	}

	const joining = valid.flatMap((item) => {
		const outcome = outcomes.get(item.itemIndex);
		return item.campaign !== undefined && outcome?.saved ? [{ item, outcome } as Joining] : [];
	});
	if (joining.length > 0) await addToCampaigns.call(this, connection, joining);
	const campaignProblem = joining.find(({ outcome }) => outcome.campaignProblem !== undefined);
	if (!continueOnFail && campaignProblem) {
		throw campaignFailure(stop([]), campaignProblem.outcome.campaignProblem as SalesforceProblem, campaignProblem.item.itemIndex, campaignProblem.outcome.id);
	}

	return items.map((_, itemIndex) => {
		const outcome = outcomes.get(itemIndex) as Outcome;
		const json = outcomeJson(outcome, mode.kind !== 'create', (problem) => failureJson(problem));
		return json.success === false ? failedOutput(this.getNode(), json, itemIndex) : pairedOutput(json, itemIndex);
	});
}

function unknownEarlier(problem: SalesforceProblem): SalesforceProblem {
	return {
		errorCode: 'OUTCOME_UNKNOWN',
		message: `An earlier item with the same key may or may not have been saved (${problem.errorCode}): this one was not sent, so that no second lead is created. Check Salesforce and run it again`,
		fields: [],
	};
}
