import {
	NodeOperationError,
	sleep,
	type NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { checkBatchSize, MAX_RECORDS_PER_COLLECTION, toBatches } from '../../helpers/batching';
import type { MappingMode } from '../../helpers/mapping';
import { describeItems, failureJson, pairedOutput } from '../../helpers/output';
import type { SalesforceProblem } from '../../helpers/problem';
import { lockedPositions, retryDelay, ROLLED_BACK } from '../../helpers/retry';
import { createRecordRules, prepareRecord, type SalesforceRecord } from '../../helpers/validation';
import { withFullStop } from '../../helpers/bounded';
import { readableMessage } from '../../helpers/guidance';
import { problemFromErrorList, toNodeApiError } from '../../transport/errors';
import {
	createRecords,
	describeSObject,
	type CreateOptions,
	type SalesforceConnection,
	type SalesforceResponse,
	type SaveResult,
} from '../../transport';

const OBJECT_NAME = 'Lead';

const showFor = { show: { resource: ['lead'], operation: ['create'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'resourceMapper',
		noDataExpression: true,
		required: true,
		default: { mappingMode: 'defineBelow', value: null },
		typeOptions: {
			loadOptionsDependsOn: ['apiVersion'],
			resourceMapper: {
				resourceMapperMethod: 'getLeadFields',
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		displayOptions: showFor,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor,
		options: [
			{
				displayName: 'Allow Duplicates',
				name: 'allowDuplicates',
				type: 'boolean',
				default: false,
				description:
					"Whether to save a lead even when one of the org's duplicate rules matches it",
			},
			{
				displayName: 'Auto-Assign',
				name: 'autoAssign',
				type: 'boolean',
				default: true,
				description:
					"Whether the org's active lead assignment rule picks the owner of each new lead",
			},
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_RECORDS_PER_COLLECTION },
				default: MAX_RECORDS_PER_COLLECTION,
				description:
					'How many leads go to Salesforce in one call (at most 200). Each call counts as one API request.',
			},
			{
				displayName: 'Fields Map Automatically May Set',
				name: 'autoMapFields',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getLeadFieldNames', loadOptionsDependsOn: ['apiVersion'] },
				default: [],
				description:
					'With "Map Automatically", the only fields an input item may set; an item with any other field fails. Use it when the input comes from a public form or webhook, so that a stranger cannot set fields such as the owner or the status. None chosen: every field the connected user may set. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				// DEFAULT_TIMEOUT_MS in seconds (n8n's lint wants a literal here).
				default: 120,
				description:
					'Seconds to wait for each Salesforce answer. A create that has not answered by then is reported as OUTCOME_UNKNOWN on its items (Salesforce may still save it) and is never sent again.',
			},
		],
	},
];

interface CreateSettings {
	autoAssign: boolean;
	allowDuplicates: boolean;
	batchSize: number;
	autoMapAllowed: ReadonlySet<string>;
}

interface PendingRecord {
	itemIndex: number;
	record: SalesforceRecord;
}

interface CreatedRecord {
	itemIndex: number;
	id: string;
}

function readSettings(this: IExecuteFunctions): CreateSettings {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = options.batchSize ?? MAX_RECORDS_PER_COLLECTION;
	const batchSizeError = checkBatchSize(batchSize);
	if (batchSizeError) throw new NodeOperationError(this.getNode(), batchSizeError);
	return {
		autoAssign: options.autoAssign !== false,
		allowDuplicates: options.allowDuplicates === true,
		batchSize: batchSize as number,
		autoMapAllowed: new Set(Array.isArray(options.autoMapFields) ? (options.autoMapFields as string[]) : []),
	};
}

/** What an item asks to create: its own JSON ("Map automatically") or the mapped values. */
function readInput(this: IExecuteFunctions, mode: MappingMode, items: INodeExecutionData[], itemIndex: number) {
	if (mode === 'autoMapInputData') return items[itemIndex].json;
	// Our own validation (against the live describe) replaces n8n's schema check, so that every
	// problem is reported the same way, with Salesforce's error code and the field's name.
	const value = this.getNodeParameter('fields.value', itemIndex, {}, { skipValidation: true });
	return (value ?? {}) as Record<string, unknown>;
}

/** How many ids an error message lists before it refers to the error's details for the rest. */
const IDS_IN_MESSAGE = 10;

function createdSoFar(created: CreatedRecord[]): string {
	if (created.length === 0) return 'No earlier item had been created.';
	const shown = created.slice(0, IDS_IN_MESSAGE).map(({ itemIndex, id }) => `item ${itemIndex}: ${id}`);
	const more = created.length > IDS_IN_MESSAGE ? ` and ${created.length - IDS_IN_MESSAGE} more, all listed in the error details` : '';
	return `${created.length} earlier item${created.length === 1 ? ' was' : 's were'} already created in Salesforce (${shown.join(', ')}${more}).`;
}

/** Every created id, for the error's details, so nothing already saved is lost from sight. */
function withCreatedIds(error: NodeApiError, created: CreatedRecord[]): NodeApiError {
	error.context.createdIds = created.map((entry) => entry.id);
	if (created.length > 0) {
		const list = created.map(({ itemIndex, id }) => `item ${itemIndex}: ${id}`).join(', ');
		error.description = [error.description, `Already created: ${list}.`].filter(Boolean).join(' ');
	}
	return error;
}

/** What the user must know about the items after a failed batch: they were never sent. */
function notSent(later: PendingRecord[]): string {
	if (later.length === 0) return '';
	const which = describeItems(later.map((entry) => entry.itemIndex));
	return ` ${which.charAt(0).toUpperCase()}${which.slice(1)} ${later.length === 1 ? 'was' : 'were'} not sent: the node stopped first.`;
}

/** The error when continue-on-fail is off and a whole Collections call failed or its outcome is unknown. */
function batchFailure(
	this: IExecuteFunctions,
	problem: SalesforceProblem,
	outcomeUnknown: boolean,
	batch: PendingRecord[],
	created: CreatedRecord[],
	later: PendingRecord[],
) {
	const which = describeItems(batch.map((entry) => entry.itemIndex));
	const message = outcomeUnknown
		? `The connection to Salesforce broke while creating ${which} (${problem.errorCode}): the outcome is unknown, Salesforce may or may not have saved them. Check Salesforce for these leads before running again, or they may be created twice. ${createdSoFar(created)}${notSent(later)}`
		: `Creating ${which} failed: ${problem.errorCode}: ${withFullStop(readableMessage(problem))} None of these items was saved. ${createdSoFar(created)}${notSent(later)}`;
	return withCreatedIds(toNodeApiError(this.getNode(), problem, { message, itemIndex: batch[0].itemIndex }), created);
}

/** The error when continue-on-fail is off and one record of an all-or-none call failed. */
function recordFailure(
	this: IExecuteFunctions,
	problem: SalesforceProblem,
	itemIndex: number,
	batch: PendingRecord[],
	created: CreatedRecord[],
	later: PendingRecord[],
) {
	const fields = problem.fields.length > 0 ? ` (field ${problem.fields.join(', ')})` : '';
	const rolledBack = batch.length > 1 ? ` The other ${batch.length - 1} items sent with it were rolled back, none was saved.` : '';
	const message = `Item ${itemIndex} could not be created: ${problem.errorCode}${fields}: ${withFullStop(readableMessage(problem))}${rolledBack} ${createdSoFar(created)}${notSent(later)}`;
	return withCreatedIds(toNodeApiError(this.getNode(), problem, { message, itemIndex }), created);
}

const failureCode = (result: SaveResult) =>
	result.success ? undefined : problemFromErrorList(result.errors ?? []).errorCode;

/** A result for a record whose second sending failed as a whole, so that it is reported on its own item. */
function resentFailure(response: Extract<SalesforceResponse<SaveResult[]>, { ok: false }>): SaveResult {
	const { problem } = response;
	if (response.delivery !== 'unknown') {
		return { success: false, errors: [{ statusCode: problem.errorCode, message: problem.message, fields: problem.fields }] };
	}
	const message = `The connection broke while this lead was sent again after a row lock (${problem.errorCode}): check Salesforce before retrying, it may or may not have been saved`;
	return { success: false, errors: [{ statusCode: 'OUTCOME_UNKNOWN', message, fields: [] }] };
}

/**
 * One Collections call for a batch, then the records Salesforce refused for row lock contention sent
 * again after a pause (twice at most). A locked record was not saved (with all-or-none nothing of
 * the call was), so sending it again cannot duplicate it; every other answer stands as it came.
 */
async function createBatch(
	this: IExecuteFunctions,
	connection: SalesforceConnection,
	batch: PendingRecord[],
	options: CreateOptions,
): Promise<SalesforceResponse<SaveResult[]>> {
	const response = await createRecords(this, connection, batch.map((entry) => entry.record), options);
	if (!response.ok) return response;
	const results = [...response.body];
	for (let retries = 0; ; retries++) {
		const locked = lockedPositions(results.map(failureCode), options.allOrNone);
		const delay = retryDelay(retries);
		if (locked.length === 0 || delay === undefined) return { ...response, body: results };
		await sleep(delay);
		const again = await createRecords(this, connection, locked.map((position) => batch[position].record), options);
		// All-or-none resends the whole batch, so its answer is the batch's answer.
		if (!again.ok && options.allOrNone) return again;
		locked.forEach((position, index) => {
			results[position] = again.ok ? again.body[index] : resentFailure(again);
		});
		if (!again.ok) return { ...response, body: results };
	}
}

function failedResultOf(results: SaveResult[]): number {
	const failed = results.map((result, position) => ({ result, position })).filter(({ result }) => !result.success);
	const cause = failed.find(({ result }) => problemFromErrorList(result.errors ?? []).errorCode !== ROLLED_BACK);
	return (cause ?? failed[0]).position;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
): Promise<INodeExecutionData[]> {
	if (items.length === 0) return [];
	const continueOnFail = this.continueOnFail();
	const settings = readSettings.call(this);
	const mode = this.getNodeParameter('fields.mappingMode', 0) as MappingMode;

	// One describe per execution, whatever the number of items: it is the schema every item is checked against.
	const rules = createRecordRules(await describeSObject(this, connection, OBJECT_NAME));

	const outputs: INodeExecutionData[] = new Array(items.length);
	const pending: PendingRecord[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const input = readInput.call(this, mode, items, itemIndex);
		const prepared = prepareRecord(rules, input, { mode, autoMapAllowed: settings.autoMapAllowed });
		if (prepared.ok) {
			pending.push({ itemIndex, record: prepared.record });
		} else if (continueOnFail) {
			outputs[itemIndex] = pairedOutput(failureJson(prepared.problem), itemIndex);
		} else {
			// Checked before any create call: nothing has been saved yet.
			throw toNodeApiError(this.getNode(), prepared.problem, {
				itemIndex,
				message: `Item ${itemIndex} is not a valid ${OBJECT_NAME}: ${withFullStop(prepared.problem.message)} Nothing was sent to Salesforce: the items are checked before any is sent.`,
			});
		}
	}

	const created: CreatedRecord[] = [];
	const batches = toBatches(pending, settings.batchSize);
	for (const [batchNumber, batch] of batches.entries()) {
		const later = () => batches.slice(batchNumber + 1).flat();
		const response = await createBatch.call(this, connection, batch, {
			objectName: OBJECT_NAME,
			allOrNone: !continueOnFail,
			...settings,
		});
		if (!response.ok) {
			const outcomeUnknown = response.delivery === 'unknown';
			if (!continueOnFail) throw batchFailure.call(this, response.problem, outcomeUnknown, batch, created, later());
			const problem = outcomeUnknown ? { ...response.problem, errorCode: 'OUTCOME_UNKNOWN' } : response.problem;
			const message = outcomeUnknown
				? `The connection broke while this lead was being created (${response.problem.errorCode}): check Salesforce before retrying, it may or may not have been saved`
				: readableMessage(response.problem);
			for (const { itemIndex } of batch) outputs[itemIndex] = pairedOutput(failureJson(problem, message), itemIndex);
			continue;
		}
		const results = response.body;
		if (!continueOnFail && results.some((result) => !result.success)) {
			const position = failedResultOf(results);
			const problem = problemFromErrorList(results[position].errors ?? []);
			throw recordFailure.call(this, problem, batch[position].itemIndex, batch, created, later());
		}
		results.forEach((result, position) => {
			const { itemIndex } = batch[position];
			if (result.success && result.id) {
				created.push({ itemIndex, id: result.id });
				outputs[itemIndex] = pairedOutput({ id: result.id, success: true }, itemIndex);
			} else {
				const problem = problemFromErrorList(result.errors ?? []);
				outputs[itemIndex] = pairedOutput(failureJson(problem), itemIndex);
			}
		});
	}
	return outputs;
}
