/** Output item shapes. Pure. */
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import { boundedNames, listed } from './bounded';
import { readableMessage } from './guidance';
import type { SalesforceProblem } from './problem';

/**
 * What a failed item carries with Continue On Fail: `{ success: false, error, errorCode, fields,
 * duplicates? }`, the error being Salesforce's message with what to do about it, unless the caller says more.
 */
export function failureJson(problem: SalesforceProblem, message: string = readableMessage(problem)): IDataObject {
	return {
		success: false,
		error: message,
		errorCode: problem.errorCode,
		fields: boundedNames(problem.fields),
		...(problem.duplicates && problem.duplicates.length > 0 && { duplicates: problem.duplicates }),
		...(problem.matches && problem.matches.length > 0 && { matches: problem.matches }),
	};
}

export function pairedOutput(json: IDataObject, itemIndex: number): INodeExecutionData {
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The output item of a failed input item. With On Error set to "Continue (using error output)", n8n
 * (2.41) sends an item to the error output only when its JSON has nothing but `error`, `message` and
 * `details` (an item carrying an `error` object instead has its JSON replaced by the bare message,
 * losing the code, the fields and any saved id), so there the item is `{ error, details }`, details
 * holding everything else it says. Otherwise the item is `failureJson`'s shape as it is.
 */
export function failedOutput(node: INode, json: IDataObject, itemIndex: number): INodeExecutionData {
	if (node.onError !== 'continueErrorOutput') return pairedOutput(json, itemIndex);
	const { error, ...details } = json;
	return pairedOutput({ error, details }, itemIndex);
}

/**
 * A readable list of item indexes, runs written as ranges and at most ten of them named: "item 4",
 * "items 200 to 399", "items 1, 3 to 9, 12", "items 0, 2, 4, ... and 990 more".
 */
export function describeItems(indexes: number[]): string {
	if (indexes.length === 1) return `item ${indexes[0]}`;
	const runs: string[] = [];
	for (let start = 0; start < indexes.length; ) {
		let end = start;
		while (end + 1 < indexes.length && indexes[end + 1] === indexes[end] + 1) end++;
		runs.push(end - start >= 2 ? `${indexes[start]} to ${indexes[end]}` : indexes.slice(start, end + 1).join(', '));
		start = end + 1;
	}
	return `items ${listed(runs.join(', ').split(', '))}`;
}
