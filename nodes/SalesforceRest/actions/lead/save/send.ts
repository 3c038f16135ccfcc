/**
 * Sending one batch: a Collections call, then the records Salesforce refused for row lock contention
 * sent again after a pause (twice at most). A locked record was not saved (with all-or-none nothing
 * of the call was), so sending it again cannot duplicate it; every other answer stands as it came.
 */
import { sleep, type IExecuteFunctions } from 'n8n-workflow';

import { lockedPositions, retryDelay } from '../../../helpers/retry';
import type { SalesforceRecord } from '../../../helpers/validation';
import { problemFromErrorList } from '../../../transport/errors';
import { createRecords, type CreateOptions, type SaveResponse } from '../../../transport/collections';
import type { SalesforceConnection, SaveResult } from '../../../transport';

const failureCode = (result: SaveResult) => (result.success ? undefined : problemFromErrorList(result.errors ?? []).errorCode);

/** A result for a record whose second sending failed as a whole, so that it is reported on its own item. */
function resentFailure(response: Extract<SaveResponse, { ok: false }>): SaveResult {
	const { problem } = response;
	if (response.delivery !== 'unknown') {
		return { success: false, errors: [{ statusCode: problem.errorCode, message: problem.message, fields: problem.fields }] };
	}
	const message = `The connection broke while this lead was sent again after a row lock (${problem.errorCode}): check Salesforce before retrying, it may or may not have been saved`;
	return { success: false, errors: [{ statusCode: 'OUTCOME_UNKNOWN', message, fields: [] }] };
}

export async function createBatch(
	this: IExecuteFunctions,
	connection: SalesforceConnection,
	records: SalesforceRecord[],
	options: CreateOptions,
): Promise<SaveResponse> {
	const response = await createRecords(this, connection, records, options);
	if (!response.ok) return response;
	const results = [...response.body];
	for (let retries = 0; ; retries++) {
		const locked = lockedPositions(results.map(failureCode), options.allOrNone);
		const delay = retryDelay(retries);
		if (locked.length === 0 || delay === undefined) return { ...response, body: results };
		await sleep(delay);
		const again = await createRecords(this, connection, locked.map((position) => records[position]), options);
		// All-or-none resends the whole batch, so its answer is the batch's answer.
		if (!again.ok && options.allOrNone) return again;
		locked.forEach((position, index) => {
			results[position] = again.ok ? again.body[index] : resentFailure(again);
		});
		if (!again.ok) return { ...response, body: results };
	}
}
