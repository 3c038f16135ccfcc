/** Output item shapes. Pure. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { readableMessage } from './guidance';
import type { SalesforceProblem } from './problem';

/**
 * What a failed item carries with Continue On Fail: `{ error, errorCode, fields, duplicates? }`, the
 * error being Salesforce's message with what to do about it, unless the caller says more.
 */
export function failureJson(problem: SalesforceProblem, message: string = readableMessage(problem)): IDataObject {
	return {
		error: message,
		errorCode: problem.errorCode,
		fields: problem.fields,
		...(problem.duplicates && problem.duplicates.length > 0 && { duplicates: problem.duplicates }),
	};
}

export function pairedOutput(json: IDataObject, itemIndex: number): INodeExecutionData {
	return { json, pairedItem: { item: itemIndex } };
}

/** A readable list of item indexes: "items 3, 4, 5" or "items 200 to 399". */
export function describeItems(indexes: number[]): string {
	if (indexes.length === 1) return `item ${indexes[0]}`;
	const consecutive = indexes.every((index, position) => position === 0 || index === indexes[position - 1] + 1);
	if (consecutive) return `items ${indexes[0]} to ${indexes[indexes.length - 1]}`;
	return `items ${indexes.join(', ')}`;
}
