/**
 * A record checked against its object's describe in Salesforce's order:
 *  1. reading the JSON (field by field, in body order): unknown field -> INVALID_FIELD, value of
 *     the wrong JSON type -> JSON_PARSER_ERROR. These fail the whole request, also in Collections.
 *  2. field-level access: fields not createable (updateable) -> one INVALID_FIELD_FOR_INSERT_UPDATE.
 *  3. required fields (createable, not nillable, not defaulted, never checkboxes) missing or
 *     blank -> one REQUIRED_FIELD_MISSING listing them in describe order; on update only a field
 *     that cannot be null (Status and OwnerId too) given as null or "".
 *  4. each value (body order): STRING_TOO_LONG, INVALID_EMAIL_ADDRESS,
 *     INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, MALFORMED_ID, NUMBER_OUTSIDE_VALID_RANGE.
 * Each stage runs only when the ones before it passed (the fixture's capture shows step 2 winning
 * over a body that is otherwise fine).
 */
import type { DescribeField, ObjectSchema } from '../describes/catalog';
import { isWellFormedId } from '../ids';
import type { SaveError } from './errors';
import { jsonToken, parserError, tokenText, valuePosition } from './json-body';

export type Operation = 'create' | 'update';

/** Field values by their describe name, converted to what Salesforce stores ('' and null become null). */
export type FieldValues = Record<string, unknown>;

export type ReadResult = { ok: true; values: FieldValues } | { ok: false; error: SaveError };

const TEXT_TYPES = ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox', 'encryptedstring', 'reference', 'id'];
const NUMBER_TYPES = ['int', 'double', 'currency', 'percent'];
/** Salesforce's address check: something@domain.tld, no spaces. */
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** Key prefixes of the objects reference fields commonly point to. */
const KNOWN_PREFIXES: Record<string, string> = {
	'001': 'Account', '003': 'Contact', '005': 'User', '006': 'Opportunity', '00G': 'Group', '00Q': 'Lead', '0PK': 'Individual', '701': 'Campaign',
};

/** Stage 1: read the body's fields into values (the `attributes` key is metadata, not a field). */
export function readRecord(schema: ObjectSchema, input: Record<string, unknown>, bodyText: string): ReadResult {
	const values: FieldValues = {};
	for (const [key, raw] of Object.entries(input)) {
		if (key === 'attributes') continue;
		const describeField = schema.fieldIndex.get(key.toLowerCase());
		if (describeField === undefined) {
			return { ok: false, error: { errorCode: 'INVALID_FIELD', message: `No such column '${key}' on sobject of type ${schema.name}` } };
		}
		const converted = convert(describeField, raw);
		if (converted === WRONG_TYPE) {
			const message = `Cannot deserialize instance of ${typeName(describeField)} from ${jsonToken(raw)} value ${tokenText(raw)} or request may be missing a required field at ${valuePosition(bodyText, key)}`;
			return { ok: false, error: parserError(message) };
		}
		values[describeField.name] = converted;
	}
	return { ok: true, values };
}

/** Stages 2-4: the save errors of a record whose JSON was read. */
export function checkRecord(schema: ObjectSchema, values: FieldValues, operation: Operation): SaveError[] {
	const denied = Object.keys(values)
		.map((name) => schema.fieldIndex.get(name.toLowerCase()) as DescribeField)
		.filter((describeField) => (operation === 'create' ? !describeField.createable : !describeField.updateable))
		.map((describeField) => describeField.name);
	if (denied.length > 0) {
		return [{
			errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
			message: `Unable to create/update fields: ${denied.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
			fields: denied,
		}];
	}
	// An edit need not repeat required fields, but may not empty a field that cannot be null.
	const missing = schema.fields
		.filter((describeField) => (operation === 'create'
			? isRequiredOnCreate(describeField) && values[describeField.name] == null
			: values[describeField.name] === null && !describeField.nillable && describeField.type !== 'boolean'))
		.map((describeField) => describeField.name);
	if (missing.length > 0) {
		return [{ errorCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${missing.join(', ')}]`, fields: missing }];
	}
	const errors: SaveError[] = [];
	for (const [name, value] of Object.entries(values)) {
		if (value === null) continue;
		const problem = valueProblem(schema.fieldIndex.get(name.toLowerCase()) as DescribeField, value);
		if (problem !== undefined) errors.push(problem);
	}
	return errors;
}

/** The one rule for "must be supplied on create". */
export function isRequiredOnCreate(describeField: DescribeField): boolean {
	return describeField.createable && !describeField.nillable && !describeField.defaultedOnCreate
		&& describeField.type !== 'boolean' && !describeField.autoNumber && !describeField.calculated;
}

const WRONG_TYPE = Symbol('wrong JSON type');

/** JSON value -> stored value, accepting what Salesforce's parser coerces. */
function convert(describeField: DescribeField, raw: unknown): unknown {
	if (raw === null) return null;
	const { type } = describeField;
	if (TEXT_TYPES.includes(type)) {
		if (typeof raw === 'string') return raw === '' ? null : raw;
		if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
		return WRONG_TYPE;
	}
	if (type === 'boolean') {
		if (typeof raw === 'boolean') return raw;
		if (typeof raw === 'string' && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
		return WRONG_TYPE;
	}
	if (NUMBER_TYPES.includes(type)) {
		const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
		if (typeof raw === 'string' && raw === '') return null;
		if (!Number.isFinite(number) || (type === 'int' && !Number.isInteger(number))) return WRONG_TYPE;
		return number;
	}
	if (type === 'date' || type === 'datetime') {
		if (typeof raw !== 'string') return WRONG_TYPE;
		if (raw === '') return null;
		const parsed = parseDate(raw);
		if (parsed === undefined) return WRONG_TYPE;
		return type === 'date' ? raw.slice(0, 10) : parsed.toISOString().replace('Z', '+0000');
	}
	return raw;
}

function parseDate(text: string): Date | undefined {
	if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return undefined;
	const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
	return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The Java type the parser names in its messages. */
function typeName(describeField: DescribeField): string {
	if (TEXT_TYPES.includes(describeField.type)) return 'string';
	if (describeField.type === 'currency' || describeField.type === 'percent') return 'double';
	return describeField.type;
}

function valueProblem(describeField: DescribeField, value: unknown): SaveError | undefined {
	const { label, name, type } = describeField;
	const fail = (errorCode: string, message: string): SaveError => ({ errorCode, message: `${label}: ${message}`, fields: [name] });
	if (typeof value === 'string') {
		if (describeField.length > 0 && [...value].length > describeField.length) {
			return fail('STRING_TOO_LONG', `data value too large: ${value} (max length=${describeField.length})`);
		}
		if (type === 'email' && !EMAIL.test(value)) return fail('INVALID_EMAIL_ADDRESS', `invalid email address: ${value}`);
		if ((type === 'picklist' || type === 'multipicklist') && describeField.restrictedPicklist) {
			const allowed = describeField.picklistValues.filter((entry) => entry.active).map((entry) => entry.value);
			const chosen = type === 'multipicklist' ? value.split(';').map((part) => part.trim()) : [value];
			const bad = chosen.find((entry) => !allowed.includes(entry));
			if (bad !== undefined) return fail('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `bad value for restricted picklist field: ${bad}`);
		}
		if (type === 'reference' || type === 'id') return referenceProblem(describeField, value, fail);
	}
	if (typeof value === 'number' && NUMBER_TYPES.includes(type) && outOfRange(describeField, value)) {
		return fail('NUMBER_OUTSIDE_VALID_RANGE', `value outside of valid range on numeric field: ${value}`);
	}
	return undefined;
}

function referenceProblem(describeField: DescribeField, value: string, fail: (code: string, message: string) => SaveError): SaveError | undefined {
	if (!isWellFormedId(value)) return fail('MALFORMED_ID', `id value of incorrect type: ${value}`);
	const target = KNOWN_PREFIXES[value.slice(0, 3)];
	if (target !== undefined && describeField.referenceTo.length > 0 && !describeField.referenceTo.includes(target)) {
		return fail('FIELD_INTEGRITY_EXCEPTION', `id value of incorrect type: ${value}`);
	}
	return undefined;
}

function outOfRange(describeField: DescribeField, value: number): boolean {
	if (describeField.type === 'int') return Math.abs(value) > 2147483647;
	if (describeField.precision <= 0) return false;
	const integerDigits = Math.trunc(Math.abs(value)).toString().length;
	return integerDigits > describeField.precision - describeField.scale;
}
