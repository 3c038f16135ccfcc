/**
 * GET /query?q= for simple SOQL: SELECT <fields> FROM <Object> [WHERE f = v [AND g != w ...]] [LIMIT n].
 * Values: 'quoted strings', numbers, true, false, null. Anything else is a MALFORMED_QUERY.
 */
import { jsonReply, type Reply } from '../http';
import type { DescribeField, ObjectSchema } from '../describes/catalog';
import type { StoredRecord } from '../store';
import type { RestCall } from './call';
import { apiError } from './errors';
import { recordView } from './records';

interface Condition {
	field: DescribeField;
	negate: boolean;
	value: unknown;
}

interface Soql {
	schema: ObjectSchema;
	fields: DescribeField[];
	conditions: Condition[];
	limit?: number;
}

class QueryError extends Error {
	constructor(
		readonly errorCode: string,
		message: string,
	) {
		super(message);
	}
}

const TOKEN = /\s*(?:('(?:[^'\\]|\\.)*')|(!=|=|,)|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(\S))/y;

function tokenize(soql: string): string[] {
	const tokens: string[] = [];
	TOKEN.lastIndex = 0;
	while (TOKEN.lastIndex < soql.length) {
		const match = TOKEN.exec(soql);
		if (match === null) break;
		const token = match.slice(1).find((part) => part !== undefined);
		if (token === undefined) break;
		tokens.push(token);
	}
	return tokens;
}

function parse(soql: string, call: RestCall): Soql {
	const tokens = tokenize(soql);
	let position = 0;
	const peek = () => tokens[position];
	const next = () => tokens[position++];
	const isKeyword = (token: string | undefined, keyword: string) => token !== undefined && token.toUpperCase() === keyword;
	const expect = (keyword: string) => {
		const token = next();
		if (!isKeyword(token, keyword)) throw new QueryError('MALFORMED_QUERY', `unexpected token: ${token ?? '<end of query>'} (expected ${keyword})`);
	};
	expect('SELECT');
	const fieldNames: string[] = [];
	do {
		const name = next();
		if (name === undefined || !/^[A-Za-z_]/.test(name)) throw new QueryError('MALFORMED_QUERY', `unexpected token: ${name ?? '<end of query>'}`);
		fieldNames.push(name);
	} while (peek() === ',' && next() === ',');
	expect('FROM');
	const objectName = next() ?? '';
	const schema = call.org.catalog.find(objectName);
	if (schema === undefined) {
		throw new QueryError('INVALID_TYPE', `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
	}
	const field = (name: string) => {
		const found = schema.fieldIndex.get(name.toLowerCase());
		if (found === undefined) {
			throw new QueryError('INVALID_FIELD', `No such column '${name}' on entity '${schema.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
		}
		return found;
	};
	const query: Soql = { schema, fields: fieldNames.map(field), conditions: [] };
	if (isKeyword(peek(), 'WHERE')) {
		next();
		do {
			const conditionField = field(next() ?? '');
			const operator = next();
			if (operator !== '=' && operator !== '!=') throw new QueryError('MALFORMED_QUERY', `unexpected token: ${operator ?? '<end of query>'} (expected = or !=)`);
			query.conditions.push({ field: conditionField, negate: operator === '!=', value: literal(next()) });
		} while (isKeyword(peek(), 'AND') && next() !== undefined);
	}
	if (isKeyword(peek(), 'LIMIT')) {
		next();
		const limit = Number(next());
		if (!Number.isInteger(limit) || limit < 0) throw new QueryError('MALFORMED_QUERY', 'LIMIT must be a non-negative integer');
		query.limit = limit;
	}
	if (peek() !== undefined) throw new QueryError('MALFORMED_QUERY', `unexpected token: ${peek()}`);
	return query;
}

function literal(token: string | undefined): unknown {
	if (token === undefined) throw new QueryError('MALFORMED_QUERY', 'unexpected token: <end of query> (expected a value)');
	if (token.startsWith('\'')) return token.slice(1, -1).replace(/\\(.)/g, '$1');
	if (/^-?\d/.test(token)) return Number(token);
	const lower = token.toLowerCase();
	if (lower === 'true' || lower === 'false') return lower === 'true';
	if (lower === 'null') return null;
	throw new QueryError('MALFORMED_QUERY', `unexpected token: ${token} (expected a value)`);
}

/** Text compares case-insensitively, as SOQL does. */
function satisfies(record: StoredRecord, condition: Condition): boolean {
	const actual = record[condition.field.name] ?? null;
	let equal: boolean;
	if (condition.value === null || actual === null) equal = condition.value === actual;
	else if (typeof condition.value === 'string') equal = String(actual).toLowerCase() === condition.value.toLowerCase();
	else equal = actual === condition.value;
	return condition.negate ? !equal : equal;
}

export function runQuery(call: RestCall): Reply {
	const soql = call.request.query.q;
	if (soql === undefined || soql.trim() === '') return apiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
	let query: Soql;
	try {
		query = parse(soql, call);
	} catch (error) {
		if (error instanceof QueryError) return apiError(400, error.errorCode, `\n${soql}\n^\nERROR at Row:1:Column:1\n${error.message}`);
		throw error;
	}
	let matching = call.org.store.all(query.schema.name).filter((record) => query.conditions.every((condition) => satisfies(record, condition)));
	if (query.limit !== undefined) matching = matching.slice(0, query.limit);
	const names = query.fields.map((f) => f.name);
	const records = matching.map((record) => recordView(query.schema, record, names, call.version));
	return jsonReply(200, { totalSize: records.length, done: true, records });
}
