/**
 * Sending planned records: in Collections calls of up to Batch Size records, one kind of save per call
 * (create, update by id, upsert by key), with each record's outcome back on its item.
 *
 * Records Salesforce did not save and says why in a way that passes (row lock contention, or, with
 * all-or-none, being rolled back because of such a record or of a duplicate the user takes as the
 * existing record) are sent again, and so is a call that surely never reached Salesforce (connection
 * refused); nothing else is. A create is never sent again after a broken connection: its outcome is
 * unknown, and the item says so.
 */
import { sleep, type IExecuteFunctions } from 'n8n-workflow';

import { toBatches } from '../../../helpers/batching';
import type { SalesforceProblem } from '../../../helpers/problem';
import { DUPLICATES_DETECTED, neverReachedSalesforce, resendPositions, retryDelay } from '../../../helpers/retry';
import type { SalesforceRecord } from '../../../helpers/validation';
import { createRecords, updateRecords, upsertRecords, type SaveResponse } from '../../../transport/collections';
import { problemFromErrorList } from '../../../transport/errors';
import type { SalesforceConnection, SaveResult } from '../../../transport';
import { saveHeaders, type SaveSettings } from '../options';
import type { MatchField } from './match';
import type { Action, Outcome, Planned } from './work';

export interface SendContext {
	connection: SalesforceConnection;
	objectName: string;
	settings: SaveSettings;
	/** Without Continue On Fail each call is all-or-none. */
	allOrNone: boolean;
	/** Create or Update: what to do when a key matches several leads. */
	severalMatches: 'fail' | 'newest';
	/** Create or Update: the field items are matched on, as the describe has it. */
	matchField?: MatchField;
}

export interface SentBatch {
	batch: Planned[];
	/** One per record of the batch, in order. */
	outcomes: Outcome[];
	/** When the call failed as a whole (every outcome then says so): what Salesforce answered, if it did. */
	failedCall?: Extract<SaveResponse, { ok: false }>;
}

/** A record the call carrying it may or may not have saved (the connection broke). */
const OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN';

const failureCode = (result: SaveResult) => (result.success ? undefined : problemFromErrorList(result.errors ?? []).errorCode);

function failedResult(problem: SalesforceProblem): SaveResult {
	return { success: false, errors: [{ statusCode: problem.errorCode, message: problem.message, fields: problem.fields }] };
}

/** Why a record was not saved when the call carrying it failed as a whole: Salesforce's answer, or that nobody knows. */
function wholeCallProblem(response: Extract<SaveResponse, { ok: false }>, doing: string): SalesforceProblem {
	if (response.delivery !== 'unknown') return response.problem;
	const message = `The connection broke while this lead was ${doing} (${response.problem.errorCode}): check Salesforce before retrying, it may or may not have been saved`;
	return { ...response.problem, errorCode: OUTCOME_UNKNOWN, message };
}

type Call = (records: SalesforceRecord[]) => Promise<SaveResponse>;

function callFor(this: IExecuteFunctions, action: Action['kind'], keyField: string | undefined, context: SendContext): Call {
	const { connection, objectName, settings, allOrNone } = context;
	const options = { objectName, allOrNone, headers: saveHeaders(settings, action !== 'update') };
	if (action === 'create') return async (records) => await createRecords(this, connection, records, { ...options, combine: settings.combineConcurrent });
	if (action === 'update') return async (records) => await updateRecords(this, connection, records as Array<SalesforceRecord & { id: string }>, options);
	return async (records) => await upsertRecords(this, connection, records, { ...options, keyField: keyField as string });
}

/** One call, asked again after a pause while it surely never reached Salesforce (a restart, a refused connection). */
async function callUntilDelivered(call: Call, records: SalesforceRecord[]): Promise<SaveResponse> {
	for (let retries = 0; ; retries++) {
		const response = await call(records);
		const delay = retryDelay(retries);
		if (response.ok || delay === undefined || !neverReachedSalesforce(response.problem, response.delivery)) return response;
		await sleep(delay);
	}
}

/** One call, then the records that may be sent again, again (twice at most). */
async function sendWithResends(call: Call, records: SalesforceRecord[], allOrNone: boolean, settledElsewhere: ReadonlySet<string>): Promise<SaveResponse> {
	const response = await callUntilDelivered(call, records);
	if (!response.ok) return response;
	const results = [...response.body];
	for (let retries = 0; ; retries++) {
		const again = resendPositions(results.map(failureCode), allOrNone, settledElsewhere);
		const delay = again.pause ? retryDelay(retries) : 0;
		if (again.positions.length === 0 || delay === undefined) return { ...response, body: results };
		if (delay > 0) await sleep(delay);
		const resent = await call(again.positions.map((position) => records[position]));
		// All-or-none resends every record that can be saved, so a failure of that call is theirs.
		again.positions.forEach((position, index) => {
			results[position] = resent.ok ? resent.body[index] : failedResult(wholeCallProblem(resent, 'sent again'));
		});
		if (!resent.ok) return { ...response, body: results };
	}
}

function outcomeOf(result: SaveResult, action: Action): Outcome {
	if (result.success && typeof result.id === 'string') {
		const created = action.kind === 'create' || (action.kind === 'upsert' && result.created === true);
		return { saved: true, id: result.id, created, ...(action.kind === 'upsert' && result.createdSince !== undefined && { createdSince: result.createdSince }) };
	}
	const problem = problemFromErrorList(result.errors ?? []);
	return { saved: false, problem, unknown: problem.errorCode === OUTCOME_UNKNOWN };
}

function callFailure(response: Extract<SaveResponse, { ok: false }>, action: Action): Outcome {
	const problem = wholeCallProblem(response, action.kind === 'create' ? 'being created' : 'being saved');
	return { saved: false, problem, ...(response.delivery === 'unknown' && { unknown: true }) };
}

/** Salesforce's code for an upsert key that several records have. */
export const SEVERAL_MATCHES = 'DUPLICATE_EXTERNAL_ID';

/** Failures the pipeline settles after the call (so, under all-or-none, the other records go again without them). */
function settledAfterSending(context: SendContext, kind: Action['kind']): ReadonlySet<string> {
	const codes = new Set<string>();
	// Only a lead being created may take the existing record instead (duplicates.ts).
	if (context.settings.duplicateRule === 'useExisting' && kind === 'create') codes.add(DUPLICATES_DETECTED);
	if (context.severalMatches === 'newest') codes.add(SEVERAL_MATCHES);
	return codes;
}

function recordOf(planned: Planned): SalesforceRecord {
	return planned.action.kind === 'update' ? { ...planned.item.record, id: planned.action.id } : planned.item.record;
}

/** The planned records in batches of one kind of save each (creates, then updates, then upserts), outcomes per batch. */
export async function* sendPlanned(this: IExecuteFunctions, planned: Planned[], context: SendContext): AsyncGenerator<SentBatch> {
	const kinds: Array<Action['kind']> = ['create', 'update', 'upsert'];
	for (const kind of kinds) {
		const settledElsewhere = settledAfterSending(context, kind);
		const ofKind = planned.filter((entry) => entry.action.kind === kind);
		for (const batch of toBatches(ofKind, context.settings.batchSize)) {
			const { action } = batch[0];
			const call = callFor.call(this, kind, action.kind === 'upsert' ? action.keyField : undefined, context);
			const response = await sendWithResends(call, batch.map(recordOf), context.allOrNone, settledElsewhere);
			const outcomes = response.ok ? response.body.map((result, position) => outcomeOf(result, batch[position].action)) : batch.map(() => callFailure(response, action));
			yield { batch, outcomes, ...(!response.ok && { failedCall: response }) };
		}
	}
}
