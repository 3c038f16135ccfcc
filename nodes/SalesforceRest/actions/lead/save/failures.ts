/**
 * The error that stops the node when Continue On Fail is off: which item failed and why, which earlier
 * items Salesforce already saved (with their ids, so nothing saved is lost from sight), and which
 * later items were never sent.
 */
import type { INode, NodeApiError } from 'n8n-workflow';

import { listed, listedNames, withFullStop } from '../../../helpers/bounded';
import { readableMessage } from '../../../helpers/guidance';
import { describeItems } from '../../../helpers/output';
import type { SalesforceProblem } from '../../../helpers/problem';
import { toNodeApiError } from '../../../transport/errors';

export interface SavedItem {
	itemIndex: number;
	id: string;
}

/** How many ids an error message lists before it refers to the error's details for the rest. */
const IDS_IN_MESSAGE = 10;

/** The items saved so far: `earlier` ones when the node stopped at a failing item, all of the run's after it (campaigns). */
function savedSoFar(stop: StopContext, which: 'earlier' | 'all' = 'earlier'): string {
	const { saved, verb } = stop;
	if (saved.length === 0) return `No earlier item had been ${verb}.`;
	const shown = saved.slice(0, IDS_IN_MESSAGE).map(({ itemIndex, id }) => `item ${itemIndex}: ${id}`);
	const more = saved.length > IDS_IN_MESSAGE ? ` and ${saved.length - IDS_IN_MESSAGE} more, all listed in the error details` : '';
	const items = `${saved.length}${which === 'earlier' ? ' earlier' : ''} item${saved.length === 1 ? ' was' : 's were'}`;
	return `${items} already ${verb} in Salesforce (${shown.join(', ')}${more}).`;
}

function notSent(later: number[]): string {
	if (later.length === 0) return '';
	const which = describeItems(later);
	return ` ${which.charAt(0).toUpperCase()}${which.slice(1)} ${later.length === 1 ? 'was' : 'were'} not sent: the node stopped first.`;
}

/** Every saved id, for the error's details. */
function withSavedIds(error: NodeApiError, stop: StopContext): NodeApiError {
	const { saved, verb } = stop;
	error.context.createdIds = saved.map((entry) => entry.id);
	if (saved.length > 0) {
		const list = saved.map(({ itemIndex, id }) => `item ${itemIndex}: ${id}`).join(', ');
		error.description = [error.description, `Already ${verb}: ${list}.`].filter(Boolean).join(' ');
	}
	return error;
}

export interface StopContext {
	node: INode;
	/** Items saved before the failure. */
	saved: SavedItem[];
	/** Items of later batches, never sent. */
	later: number[];
	/** What saving did: "created" (Create) or "saved" (Create or Update). */
	verb: 'created' | 'saved';
}

/** A whole Collections call failed, or its outcome is unknown. */
export function batchFailure(stop: StopContext, problem: SalesforceProblem, outcomeUnknown: boolean, batch: number[]): NodeApiError {
	const which = describeItems(batch);
	const message = outcomeUnknown
		? `The connection to Salesforce broke while saving ${which} (${problem.errorCode}): the outcome is unknown, Salesforce may or may not have saved them. Check Salesforce for these leads before running again, or they may be created twice. ${savedSoFar(stop)}${notSent(stop.later)}`
		: `${stop.verb === 'created' ? 'Creating' : 'Saving'} ${which} failed: ${problem.errorCode}: ${withFullStop(readableMessage(problem))} None of these items was saved. ${savedSoFar(stop)}${notSent(stop.later)}`;
	return withSavedIds(toNodeApiError(stop.node, problem, { message, itemIndex: batch[0] }), stop);
}

/** One record failed (in an all-or-none call the others of its call were rolled back). */
export function recordFailure(stop: StopContext, problem: SalesforceProblem, itemIndex: number, rolledBackWithIt: number): NodeApiError {
	const fields = problem.fields.length > 0 ? ` (field ${listedNames(problem.fields)})` : '';
	const rolledBack = rolledBackWithIt > 0 ? ` The other ${rolledBackWithIt} item${rolledBackWithIt === 1 ? '' : 's'} sent with it ${rolledBackWithIt === 1 ? 'was' : 'were'} rolled back, none was saved.` : '';
	const matching = problem.duplicates && problem.duplicates.length > 0 ? ` Matching records: ${listed(problem.duplicates)}.` : '';
	const message = `Item ${itemIndex} could not be ${stop.verb}: ${problem.errorCode}${fields}: ${withFullStop(readableMessage(problem))}${matching}${rolledBack} ${savedSoFar(stop)}${notSent(stop.later)}`;
	return withSavedIds(toNodeApiError(stop.node, problem, { message, itemIndex }), stop);
}

/** An item failed the local check: nothing was sent. */
export function invalidItem(node: INode, problem: SalesforceProblem, itemIndex: number, objectName: string): NodeApiError {
	return toNodeApiError(node, problem, {
		itemIndex,
		message: `Item ${itemIndex} is not a valid ${objectName}: ${withFullStop(problem.message)} Nothing was sent to Salesforce: the items are checked before any is sent.`,
	});
}

/** Leads were saved, but one could not join its campaign. */
export function campaignFailure(stop: StopContext, problem: SalesforceProblem, itemIndex: number, leadId: string): NodeApiError {
	// The problem's message names the campaign ("Adding the lead to campaign … failed: …").
	const message = `Item ${itemIndex} was ${stop.verb} as lead ${leadId}. ${withFullStop(readableMessage(problem))} (${problem.errorCode}) ${savedSoFar(stop, 'all')}`;
	return withSavedIds(toNodeApiError(stop.node, problem, { message, itemIndex }), stop);
}
