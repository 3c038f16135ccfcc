/**
 * A parsed query bound to the org's schema (INVALID_TYPE, INVALID_FIELD, literal types) and run
 * over stored records: text compares case-insensitively, ids by their 15-character form, LIKE
 * without backtracking, ORDER BY with Salesforce's null placement.
 */
import type { DescribeField, ObjectSchema, SchemaCatalog } from '../describes/catalog';
import { isWellFormedId } from '../ids';
import type { StoredRecord } from '../store';
import { SoqlError, type LikePiece } from './lexer';
import type { Condition, Literal, Name, Operator, ParsedQuery } from './parser';

interface BoundCondition {
	field: DescribeField;
	operator: Operator;
	values: Literal[];
	/** LIKE only: the pattern cut at each %. */
	segments?: LikePiece[][];
}

export interface BoundQuery {
	schema: ObjectSchema;
	fields: DescribeField[];
	conditions: BoundCondition[];
	orderBy: Array<{ field: DescribeField; descending: boolean; nullsLast: boolean }>;
	limit?: number;
}

const NUMBER_TYPES = ['int', 'double', 'currency', 'percent'];
const ID_TYPES = ['id', 'reference'];

export function bindQuery(query: ParsedQuery, catalog: SchemaCatalog): BoundQuery {
	const schema = catalog.find(query.object.text);
	if (schema === undefined) {
		throw new SoqlError('INVALID_TYPE', `sObject type '${query.object.text}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`, query.object.at);
	}
	const field = (name: Name): DescribeField => {
		const found = schema.fieldIndex.get(name.text.toLowerCase());
		if (found !== undefined) return found;
		throw new SoqlError('INVALID_FIELD', `No such column '${name.text}' on entity '${schema.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`, name.at);
	};
	const fields = query.fields.map(field);
	const repeated = fields.find((candidate, index) => fields.indexOf(candidate) !== index);
	if (repeated !== undefined) throw new SoqlError('MALFORMED_QUERY', `duplicate field selected: ${repeated.name}`, query.fields[fields.lastIndexOf(repeated)].at);
	return {
		schema,
		fields,
		conditions: query.conditions.map((condition) => bindCondition(condition, field(condition.field))),
		orderBy: query.orderBy.map((ordering) => ({ ...ordering, field: field(ordering.field) })),
		limit: query.limit,
	};
}

function bindCondition(condition: Condition, describeField: DescribeField): BoundCondition {
	for (const value of condition.values) checkLiteral(describeField, value);
	const bound: BoundCondition = { field: describeField, operator: condition.operator, values: condition.values };
	if (condition.operator === 'LIKE') bound.segments = likeSegments((condition.values[0] as Extract<Literal, { kind: 'string' }>).pattern);
	return bound;
}

/** Salesforce checks each value against the field's type before running the query. */
function checkLiteral(describeField: DescribeField, value: Literal): void {
	if (value.kind === 'null') return;
	const mismatch = (type: string, quoted: boolean) => new SoqlError(
		'INVALID_FIELD',
		`value of filter criterion for field '${describeField.name}' must be of type ${type} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
		value.at,
	);
	const { type } = describeField;
	if (type === 'boolean' && value.kind !== 'boolean') throw mismatch('boolean', false);
	if (NUMBER_TYPES.includes(type) && value.kind !== 'number') throw mismatch(type === 'int' ? 'integer' : 'double', false);
	// Date literals (2026-01-31, TODAY) are not emulated: only null compares with a date field here.
	if (type === 'date' || type === 'datetime') throw mismatch(type, false);
	if (type !== 'boolean' && !NUMBER_TYPES.includes(type) && value.kind !== 'string') throw mismatch('string', true);
	if (ID_TYPES.includes(type) && value.kind === 'string' && !isWellFormedId(value.value)) {
		throw new SoqlError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${value.value}`, value.at);
	}
}

export function runBound(query: BoundQuery, records: StoredRecord[]): StoredRecord[] {
	const matching = records.filter((record) => query.conditions.every((condition) => satisfies(record, condition)));
	if (query.orderBy.length > 0) matching.sort((a, b) => compareRecords(query, a, b));
	return query.limit === undefined ? matching : matching.slice(0, query.limit);
}

function satisfies(record: StoredRecord, condition: BoundCondition): boolean {
	const actual = record[condition.field.name] ?? null;
	switch (condition.operator) {
		case '=':
			return equals(condition.field, actual, condition.values[0]);
		case '!=':
			return !equals(condition.field, actual, condition.values[0]);
		case 'IN':
			return condition.values.some((value) => equals(condition.field, actual, value));
		case 'NOT IN':
			return !condition.values.some((value) => equals(condition.field, actual, value));
		case 'LIKE':
			return actual !== null && likeMatches(String(actual).toLowerCase(), condition.segments as LikePiece[][]);
	}
}

function equals(describeField: DescribeField, actual: unknown, value: Literal): boolean {
	if (value.kind === 'null' || actual === null) return value.kind === 'null' && actual === null;
	if (value.kind !== 'string') return actual === value.value;
	if (ID_TYPES.includes(describeField.type)) return String(actual).slice(0, 15) === value.value.slice(0, 15);
	return String(actual).toLowerCase() === value.value.toLowerCase();
}

/** The pattern lower-cased and cut at each '%': every piece but the first and last may float. */
function likeSegments(pattern: LikePiece[]): LikePiece[][] {
	const segments: LikePiece[][] = [[]];
	for (const piece of pattern) {
		if (piece === '%') segments.push([]);
		else segments[segments.length - 1].push(piece === '_' ? piece : { char: piece.char.toLowerCase() });
	}
	return segments;
}

/**
 * Glob matching without backtracking: the first segment must match at the start, the last at the
 * end, and each middle one at its leftmost place after the previous (always right for '%', which
 * absorbs anything between). Cost: text length times segment length at worst, never exponential.
 */
function likeMatches(text: string, segments: LikePiece[][]): boolean {
	const first = segments[0];
	if (segments.length === 1) return text.length === first.length && matchesAt(text, 0, first);
	const last = segments[segments.length - 1];
	if (!matchesAt(text, 0, first)) return false;
	let position = first.length;
	for (const segment of segments.slice(1, -1)) {
		const found = findFrom(text, position, segment);
		if (found < 0) return false;
		position = found + segment.length;
	}
	const lastStart = text.length - last.length;
	return lastStart >= position && matchesAt(text, lastStart, last);
}

function matchesAt(text: string, start: number, segment: LikePiece[]): boolean {
	if (start + segment.length > text.length) return false;
	for (let i = 0; i < segment.length; i++) {
		const piece = segment[i];
		if (piece !== '_' && text.charAt(start + i) !== (piece as { char: string }).char) return false;
	}
	return true;
}

function findFrom(text: string, from: number, segment: LikePiece[]): number {
	for (let start = from; start + segment.length <= text.length; start++) {
		if (matchesAt(text, start, segment)) return start;
	}
	return -1;
}

/** Text sorts case-insensitively; nulls go first ascending and last descending unless NULLS says otherwise. */
function compareRecords(query: BoundQuery, a: StoredRecord, b: StoredRecord): number {
	for (const { field, descending, nullsLast } of query.orderBy) {
		const left = a[field.name] ?? null;
		const right = b[field.name] ?? null;
		if (left === null || right === null) {
			if (left === right) continue;
			return (left === null) === nullsLast ? 1 : -1;
		}
		const order = compareValues(left, right);
		if (order !== 0) return descending ? -order : order;
	}
	return 0;
}

function compareValues(left: unknown, right: unknown): number {
	if (typeof left === 'number' && typeof right === 'number') return left - right;
	if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
	const [x, y] = [String(left).toLowerCase(), String(right).toLowerCase()];
	return x < y ? -1 : x > y ? 1 : 0;
}
