/**
 * SOQL queries (`GET /query`), every page of the answer. Reads, so they are asked again when
 * Salesforce is busy or the connection broke (salesforceRequest).
 */
import type { SalesforceContext, SalesforceConnection } from './index';
import { salesforceRequest } from './index';

interface QueryPage<T> {
	records?: T[];
	done?: boolean;
	nextRecordsUrl?: string;
}

/** Salesforce answers at most 2,000 records a page; a run never needs more than this many pages. */
const MAX_PAGES = 500;

/** The records a query matches, all pages followed. */
export async function queryAll<T>(ctx: SalesforceContext, connection: SalesforceConnection, soql: string): Promise<T[]> {
	const records: T[] = [];
	let path = `/query?q=${encodeURIComponent(soql)}`;
	for (let page = 0; page < MAX_PAGES; page++) {
		const answer = await salesforceRequest<QueryPage<T>>(ctx, connection, { method: 'GET', path });
		if (Array.isArray(answer?.records)) records.push(...answer.records);
		const next = answer?.nextRecordsUrl;
		if (answer?.done !== false || typeof next !== 'string') break;
		// nextRecordsUrl is the full path, /services/data/vNN.0/query/<locator>; requests take the part after the version.
		path = next.replace(/^\/services\/data\/v\d+\.\d+/, '');
	}
	return records;
}
