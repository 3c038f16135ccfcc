/**
 * How each record is saved: created, updated by id, or upserted by its key. Create plans every item as
 * a create. Create or Update looks the keys up first (by Email), or lets Salesforce match them (by an
 * external ID field; looked up first too when an assignment rule would run, see `lookupBeforeSaving`);
 * items that share a key go in successive rounds, and once a key's lead is known (found, or created by
 * an earlier item) the later items update it.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { listed } from '../../../helpers/bounded';
import type { SalesforceProblem } from '../../../helpers/problem';
import { requiredProblem, updateProblem, type RecordRules } from '../../../helpers/validation';
import type { SalesforceConnection } from '../../../transport';
import type { SaveSettings } from '../options';
import { idsByValue, type MatchField } from './match';
import type { Planned, WorkItem } from './work';

export type SaveMode =
	| { kind: 'create' }
	| { kind: 'byEmail' }
	| { kind: 'byExternalId'; keyField: string };

/** What the node knows about a key: the lead it stands for, or why items with it cannot be saved. */
export interface KeyState {
	id?: string;
	blocked?: SalesforceProblem;
}

/** Items in rounds: round r holds the r-th item of each key (all items in one round when there are no keys). */
export function roundsOf(items: WorkItem[]): WorkItem[][] {
	const rounds: WorkItem[][] = [];
	const seen = new Map<string, number>();
	for (const item of items) {
		const round = item.key === undefined ? 0 : (seen.get(item.key) ?? 0);
		if (item.key !== undefined) seen.set(item.key, round + 1);
		(rounds[round] ??= []).push(item);
	}
	return rounds;
}

export function severalMatchesProblem(field: string, ids: string[]): SalesforceProblem {
	return {
		errorCode: 'MULTIPLE_MATCHES',
		message: `${ids.length} leads have this ${field} (${listed(ids)}): the node cannot tell which one to update. Merge them in Salesforce, or choose "Update the Most Recently Modified" under "When Several Leads Match"`,
		fields: [field],
		matches: ids,
	};
}

/**
 * Which field the keys are looked up on before anything is saved, if any. By Email, always. By an
 * external ID, Salesforce matches them itself, but an upsert carries one Sforce-Auto-Assign header for
 * the records it creates and those it updates: with an assignment rule to run, the leads found are
 * updated by id instead (Sforce-Auto-Assign: FALSE), so that they keep their owner.
 */
function lookupBeforeSaving(mode: SaveMode, assignment: SaveSettings['assignment']): { unconvertedLeads: boolean } | undefined {
	if (mode.kind === 'byEmail') return { unconvertedLeads: true };
	if (mode.kind === 'byExternalId' && assignment.kind !== 'none') return { unconvertedLeads: false };
	return undefined;
}

/** The keys' leads before anything is saved: one query per batch of keys, or none (see `lookupBeforeSaving`). */
export async function startingKeys(
	this: IExecuteFunctions,
	connection: SalesforceConnection,
	objectName: string,
	mode: SaveMode,
	items: WorkItem[],
	{ assignment, severalMatches }: Pick<SaveSettings, 'assignment' | 'severalMatches'>,
	matchField: MatchField | undefined,
): Promise<Map<string, KeyState>> {
	const keys = new Map<string, KeyState>();
	for (const item of items) if (item.key !== undefined) keys.set(item.key, {});
	const lookup = lookupBeforeSaving(mode, assignment);
	if (lookup === undefined || matchField === undefined || keys.size === 0) return keys;
	const found = await idsByValue.call(this, connection, objectName, matchField, [...keys.keys()], lookup.unconvertedLeads);
	for (const [key, ids] of found) {
		const state = keys.get(key);
		if (state === undefined) continue;
		if (ids.length === 1 || severalMatches === 'newest') state.id = ids[0];
		else state.blocked = severalMatchesProblem(matchField.field, ids);
	}
	return keys;
}

/** The action for an item, or the problem that keeps it from being sent. */
export function planItem(item: WorkItem, mode: SaveMode, keys: Map<string, KeyState>, rules: RecordRules): Planned | { problem: SalesforceProblem } {
	const state = item.key === undefined ? undefined : keys.get(item.key);
	if (state?.blocked) return { problem: state.blocked };
	if (state?.id !== undefined) {
		const problem = updateProblem(rules, item.record);
		return problem ? { problem } : { item, action: { kind: 'update', id: state.id } };
	}
	if (mode.kind === 'byExternalId') return { item, action: { kind: 'upsert', keyField: mode.keyField } };
	const problem = mode.kind === 'byEmail' ? requiredProblem(rules, item.record) : undefined;
	return problem ? { problem } : { item, action: { kind: 'create' } };
}
