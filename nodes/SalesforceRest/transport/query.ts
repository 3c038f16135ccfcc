/**
 * SOQL queries (`GET /query`), every page of the answer. Reads, so they are asked again when
 * Salesforce is busy or the connection broke (salesforceRequest).
 *
 * An answer is taken only when it is a Salesforce query result: a proxy's page answered with 200, an
 * empty object or a page without `records` is an error (INVALID_QUERY_ANSWER), never "no records". A
 * lookup that took a proxy page for "no matches" would create a second lead for every existing one.
 */
import type { SalesforceContext, SalesforceConnection } from './index';
import { salesforceRequest } from './index';
import { toNodeApiError } from './errors';

/** Salesforce answers at most 2,000 records a page; a run never needs more than this many pages. */
const MAX_PAGES = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What keeps an answer from being a page of a query result, or undefined when it is one: `records` a
 * list of records each carrying the text fields the caller reads (`textFields`), `done` a boolean, and a
 * `nextRecordsUrl` path when it is not done.
 */
export function queryPageFlaw(body: unknown, textFields: readonly string[]): string | undefined {
	if (!isRecord(body)) return Array.isArray(body) ? 'a list' : `${body === null || body === undefined || body === '' ? 'no' : typeof body} content`;
	if (!Array.isArray(body.records)) return 'no list of records';
	if (typeof body.done !== 'boolean') return 'no "done"';
	if (!body.done && (typeof body.nextRecordsUrl !== 'string' || !body.nextRecordsUrl.startsWith('/services/data/'))) return 'not done, and no next page';
	const bad = body.records.findIndex((record) => !isRecord(record) || textFields.some((field) => typeof record[field] !== 'string'));
	return bad < 0 ? undefined : `record ${bad} lacks ${textFields.join(' or ')}`;
}

/** The records a query matches, all pages followed; each carries `textFields` as text. */
export async function queryAll<T>(ctx: SalesforceContext, connection: SalesforceConnection, soql: string, textFields: readonly string[] = []): Promise<T[]> {
	const records: T[] = [];
	let path = `/query?q=${encodeURIComponent(soql)}`;
	for (let page = 0; page < MAX_PAGES; page++) {
		const answer = await salesforceRequest<unknown>(ctx, connection, { method: 'GET', path });
		const flaw = queryPageFlaw(answer, textFields);
		if (flaw !== undefined) {
			const message = `The answer to a query is not a Salesforce query result (${flaw}), so the node cannot tell which records exist. Nothing was decided from it. Check that the credential's instance URL points at Salesforce, and any proxy between n8n and Salesforce`;
			throw toNodeApiError(ctx.getNode(), { errorCode: 'INVALID_QUERY_ANSWER', message, fields: [] }, { message });
		}
		const { records: pageRecords, done, nextRecordsUrl } = answer as { records: T[]; done: boolean; nextRecordsUrl?: string };
		for (const record of pageRecords) records.push(record);
		if (done) return records;
		// nextRecordsUrl is the full path, /services/data/vNN.0/query/<locator>; requests take the part after the version.
		path = (nextRecordsUrl as string).replace(/^\/services\/data\/v\d+\.\d+/, '');
	}
	const message = `A query matched more than ${MAX_PAGES} pages of records; the node does not read further. Nothing was decided from it`;
	throw toNodeApiError(ctx.getNode(), { errorCode: 'QUERY_TOO_LARGE', message, fields: [] }, { message });
}
