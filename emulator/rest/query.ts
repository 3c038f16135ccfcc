/**
 * GET /query?q= (see soql/ for the SOQL understood) and GET /query/{locator} for the next page:
 * at most 2,000 records a page, `done: false` and `nextRecordsUrl` while more remain. Errors are
 * 400 [{message, errorCode}] with no `fields`: the message repeats the query's line with a caret
 * under the problem, as Salesforce's do.
 */
import { jsonReply, type Reply } from '../http';
import { SoqlError } from '../soql/lexer';
import { bindQuery, runBound } from '../soql/evaluate';
import { parseSoql } from '../soql/parser';
import type { RestCall } from './call';
import { apiError } from './errors';
import { recordView } from './records';

export const QUERY_PAGE_SIZE = 2000;
/** Key prefix of Salesforce's query locators (nextRecordsUrl: /query/01g...-2000). */
const LOCATOR_PREFIX = '01g';

/** The records of an answered query, kept for its next pages (Salesforce keeps a cursor's snapshot too). */
export class QueryCursors {
	private readonly results = new Map<string, Array<Record<string, unknown>>>();

	open(locator: string, records: Array<Record<string, unknown>>): void {
		this.results.set(locator, records);
	}

	get(locator: string): Array<Record<string, unknown>> | undefined {
		return this.results.get(locator);
	}
}

export function runQuery(call: RestCall): Reply {
	const soql = call.request.query.q;
	if (soql === undefined || soql.trim() === '') return apiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
	let views: Array<Record<string, unknown>>;
	try {
		const query = bindQuery(parseSoql(soql), call.org.catalog);
		const names = query.fields.map((describeField) => describeField.name);
		views = runBound(query, call.org.store.all(query.schema.name)).map((record) => recordView(query.schema, record, names, call.version));
	} catch (error) {
		if (error instanceof SoqlError) return apiError(400, error.errorCode, queryErrorMessage(soql, error));
		throw error;
	}
	if (views.length <= QUERY_PAGE_SIZE) return jsonReply(200, { totalSize: views.length, done: true, records: views });
	const locator = call.org.ids.next(LOCATOR_PREFIX);
	call.org.cursors.open(locator, views);
	return page(call, locator, views, 0);
}

export function nextQueryPage(call: RestCall): Reply {
	const match = /^([a-zA-Z0-9]{18})-(\d{1,9})$/.exec(call.params.Locator);
	const views = match === null ? undefined : call.org.cursors.get(match[1]);
	const offset = match === null ? NaN : Number(match[2]);
	if (match === null || views === undefined || offset % QUERY_PAGE_SIZE !== 0 || offset >= views.length) {
		return apiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
	}
	return page(call, match[1], views, offset);
}

function page(call: RestCall, locator: string, views: Array<Record<string, unknown>>, offset: number): Reply {
	const end = offset + QUERY_PAGE_SIZE;
	const done = end >= views.length;
	return jsonReply(200, {
		totalSize: views.length,
		done,
		...(done ? {} : { nextRecordsUrl: `/services/data/v${call.version}/query/${locator}-${end}` }),
		records: views.slice(offset, end),
	});
}

/** "\n<the line>\n   ^\nERROR at Row:R:Column:C\n<what>", or only what is wrong for errors about the whole query. */
function queryErrorMessage(soql: string, error: SoqlError): string {
	if (error.at === undefined) return error.message;
	const lineStart = soql.lastIndexOf('\n', error.at - 1) + 1;
	const lineEnd = soql.indexOf('\n', error.at);
	const line = soql.slice(lineStart, lineEnd < 0 ? soql.length : lineEnd);
	let row = 1;
	for (let index = 0; index < lineStart; index++) if (soql.charAt(index) === '\n') row++;
	const column = error.at - lineStart + 1;
	return `\n${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${error.message}`;
}
