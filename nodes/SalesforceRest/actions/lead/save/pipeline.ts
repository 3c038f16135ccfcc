/**
 * The one save pipeline for leads: map → validate → batch → send → results per item.
 *
 * Failures of single items are reported on their own items with Continue On Fail, and stop the node
 * with an error naming the item otherwise. Nothing is lost from sight: every output item is either the
 * saved record's id or the reason it was not saved (or that its outcome is unknown).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toBatches } from '../../../helpers/batching';
import { readableMessage } from '../../../helpers/guidance';
import { failureJson, pairedOutput } from '../../../helpers/output';
import type { SalesforceRecord } from '../../../helpers/validation';
import { forgetObjectSchema } from '../../../transport/describeCache';
import { problemFromErrorList } from '../../../transport/errors';
import type { SalesforceConnection, SaveResult } from '../../../transport';
import { readSaveSettings } from '../options';
import { batchFailure, invalidItem, recordFailure, type SavedItem } from './failures';
import { prepareItems } from './prepare';
import { createBatch } from './send';
import { ROLLED_BACK } from '../../../helpers/retry';

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

interface PendingRecord {
	itemIndex: number;
	record: SalesforceRecord;
}

const codeOf = (result: SaveResult) => problemFromErrorList(result.errors ?? []).errorCode;

/** The position of the record that made an all-or-none call fail (the others only report the rollback). */
function failedPosition(results: SaveResult[]): number {
	const failed = results.map((result, position) => ({ result, position })).filter(({ result }) => !result.success);
	const cause = failed.find(({ result }) => codeOf(result) !== ROLLED_BACK);
	return (cause ?? failed[0]).position;
}

export async function createLeads(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
	objectName: string,
): Promise<INodeExecutionData[]> {
	if (items.length === 0) return [];
	const continueOnFail = this.continueOnFail();
	const settings = readSaveSettings.call(this);
	const { prepared, schema } = await prepareItems.call(this, items, connection, objectName, settings);

	const outputs: INodeExecutionData[] = new Array(items.length);
	const pending: PendingRecord[] = [];
	prepared.forEach((entry, itemIndex) => {
		if (entry.ok) pending.push({ itemIndex, record: entry.record });
		else if (continueOnFail) outputs[itemIndex] = pairedOutput(failureJson(entry.problem), itemIndex);
		// Checked before any create call: nothing has been saved yet.
		else throw invalidItem(this.getNode(), entry.problem, itemIndex, objectName);
	});

	const saved: SavedItem[] = [];
	let schemaChanged = false;
	const batches = toBatches(pending, settings.batchSize);
	for (const [batchNumber, batch] of batches.entries()) {
		const stop = () => ({ node: this.getNode(), saved, later: batches.slice(batchNumber + 1).flat().map((entry) => entry.itemIndex) });
		const response = await createBatch.call(this, connection, batch.map((entry) => entry.record), {
			objectName,
			allOrNone: !continueOnFail,
			autoAssign: settings.autoAssign,
			allowDuplicates: settings.allowDuplicates,
			combine: settings.combineConcurrent,
		});
		if (!response.ok) {
			schemaChanged ||= SCHEMA_CHANGE_CODES.has(response.problem.errorCode);
			if (schemaChanged) forgetObjectSchema(connection, objectName, schema);
			const outcomeUnknown = response.delivery === 'unknown';
			if (!continueOnFail) throw batchFailure(stop(), response.problem, outcomeUnknown, batch.map((entry) => entry.itemIndex));
			const problem = outcomeUnknown ? { ...response.problem, errorCode: 'OUTCOME_UNKNOWN' } : response.problem;
			const message = outcomeUnknown
				? `The connection broke while this lead was being created (${response.problem.errorCode}): check Salesforce before retrying, it may or may not have been saved`
				: readableMessage(response.problem);
			for (const { itemIndex } of batch) outputs[itemIndex] = pairedOutput(failureJson(problem, message), itemIndex);
			continue;
		}
		const results = response.body;
		if (results.some((result) => !result.success && SCHEMA_CHANGE_CODES.has(codeOf(result)))) {
			forgetObjectSchema(connection, objectName, schema);
		}
		if (!continueOnFail && results.some((result) => !result.success)) {
			const position = failedPosition(results);
			throw recordFailure(stop(), problemFromErrorList(results[position].errors ?? []), batch[position].itemIndex, batch.length);
		}
		results.forEach((result, position) => {
			const { itemIndex } = batch[position];
			if (result.success && result.id) {
				saved.push({ itemIndex, id: result.id });
				outputs[itemIndex] = pairedOutput({ id: result.id, success: true }, itemIndex);
			} else {
				outputs[itemIndex] = pairedOutput(failureJson(problemFromErrorList(result.errors ?? [])), itemIndex);
			}
		});
	}
	return outputs;
}
