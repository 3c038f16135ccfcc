/**
 * Which stored records an org duplicate rule matched, found without ever saving anything.
 *
 * In an sObject Collections answer Salesforce reports only DUPLICATES_DETECTED for a blocked record,
 * with no match ids; a single-record create does list them. So the record is sent again as a
 * single-record create inside a Composite request with allOrNone, followed by a request that always
 * fails (a read of an id that does not exist). If the rule still blocks the record, its answer lists
 * the matches; if not, the failing request rolls the whole transaction back. Either way nothing is
 * created. One API call per record.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { SalesforceProblem } from '../helpers/problem';
import type { SalesforceRecord } from '../helpers/validation';
import { problemFromErrorList } from './errors';
import { sendRequest, type SalesforceConnection } from './index';

/** An id no record can have (15 zeros and their suffix): reading it always fails. */
const NO_SUCH_ID = '000000000000000AAA';

interface CompositeAnswer {
	compositeResponse?: Array<{ body?: unknown; httpStatusCode?: number; referenceId?: string }>;
}

/** The ids of the records the rule matches now (possibly none), or why the node could not find out. */
export type DuplicateMatches = { ok: true; ids: string[] } | { ok: false; problem: SalesforceProblem };

export async function duplicateMatches(
	ctx: IExecuteFunctions,
	connection: SalesforceConnection,
	objectName: string,
	record: SalesforceRecord,
): Promise<DuplicateMatches> {
	const data = `/services/data/${connection.apiVersion}/sobjects/${objectName}`;
	const response = await sendRequest<CompositeAnswer>(ctx, connection, {
		method: 'POST',
		path: '/composite',
		body: {
			allOrNone: true,
			compositeRequest: [
				// No Sforce-Duplicate-Rule-Header: the rule must block it, so that its answer lists the matches.
				{ method: 'POST', url: data, referenceId: 'record', body: record },
				{ method: 'GET', url: `${data}/${NO_SUCH_ID}`, referenceId: 'rollback' },
			],
		} as IDataObject,
	});
	if (!response.ok) return { ok: false, problem: response.problem };
	const answers = response.body?.compositeResponse;
	if (!Array.isArray(answers) || answers.length === 0) {
		return { ok: false, problem: { errorCode: 'UNEXPECTED_RESPONSE', message: 'Salesforce answered the look-up of the matching records without its results', fields: [] } };
	}
	const first = answers[0]?.body;
	return { ok: true, ids: Array.isArray(first) ? (problemFromErrorList(first).duplicates ?? []) : [] };
}
