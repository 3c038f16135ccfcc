/**
 * Turns a value from an n8n item into what Salesforce accepts for a field of a given describe type.
 * Pure. Each failure says what was expected, so the item's error can name the field and the fix.
 */
import type { SalesforceField } from './describe';
import { activePicklistValues } from './describe';

export type SalesforceValue = string | number | boolean;

export type Conversion =
	| { ok: true; value: SalesforceValue }
	| { ok: false; errorCode: string; message: string };

/** Salesforce's own code for a value of the wrong type. */
const WRONG_TYPE = 'INVALID_TYPE_ON_FIELD_IN_RECORD';

const TEXT_TYPES = new Set([
	'string',
	'textarea',
	'email',
	'phone',
	'url',
	'encryptedstring',
	'combobox',
	'reference',
	'id',
]);
const INTEGER_TYPES = new Set(['int', 'long']);
const DECIMAL_TYPES = new Set(['double', 'currency', 'percent']);

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const ISO_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?Z?$/i;
/** Deliberately loose: one @, something on each side, a dot in the domain, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** null, undefined, '' and whitespace-only strings are "no value": the field is left out, never sent as "". */
export function isEmptyValue(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	return false;
}

export function convertValue(field: SalesforceField, value: unknown): Conversion {
	if (TEXT_TYPES.has(field.type)) return convertText(field, value);
	if (INTEGER_TYPES.has(field.type)) return convertNumber(value, true);
	if (DECIMAL_TYPES.has(field.type)) return convertNumber(value, false);
	switch (field.type) {
		case 'boolean':
			return convertBoolean(value);
		case 'date':
			return convertDate(fromDateObject(value, true));
		case 'datetime':
			return convertDateTime(fromDateObject(value, false));
		case 'time':
			return convertTime(value);
		case 'picklist':
			return convertPicklist(field, value);
		case 'multipicklist':
			return convertMultiPicklist(field, value);
		default:
			// anyType, base64 and other rarely createable types: sent as given when scalar.
			return isScalar(value)
				? { ok: true, value }
				: wrongType(`a text, number or boolean value for a field of type ${field.type}`, value);
	}
}

function isScalar(value: unknown): value is SalesforceValue {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function describeValue(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object' && value !== null) return 'an object';
	const text = String(value);
	return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

function wrongType(expected: string, value: unknown): Conversion {
	return { ok: false, errorCode: WRONG_TYPE, message: `expected ${expected}, got ${describeValue(value)}` };
}

function convertText(field: SalesforceField, value: unknown): Conversion {
	if (!isScalar(value)) return wrongType('text', value);
	const text = field.type === 'email' ? String(value).trim() : String(value);
	if (field.type === 'email' && !EMAIL.test(text)) {
		return { ok: false, errorCode: 'INVALID_EMAIL_ADDRESS', message: `${describeValue(value)} is not an email address` };
	}
	return checkLength(field, text);
}

function convertNumber(value: unknown, integer: boolean): Conversion {
	const expected = integer ? 'a whole number' : 'a number';
	let parsed: number;
	if (typeof value === 'number') {
		parsed = value;
	} else if (typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim())) {
		parsed = Number(value.trim());
	} else {
		return wrongType(expected, value);
	}
	if (!Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
		return wrongType(expected, value);
	}
	return { ok: true, value: parsed };
}

function convertBoolean(value: unknown): Conversion {
	if (typeof value === 'boolean') return { ok: true, value };
	const word = typeof value === 'number' || typeof value === 'string' ? String(value).trim().toLowerCase() : '';
	if (TRUE_WORDS.has(word)) return { ok: true, value: true };
	if (FALSE_WORDS.has(word)) return { ok: true, value: false };
	return wrongType('true or false (also accepted: yes/no, 1/0)', value);
}

/** Expressions can give a Luxon DateTime (`{{ $now }}`) or a JS Date: both become ISO text. */
function fromDateObject(value: unknown, dateOnly: boolean): unknown {
	if (value instanceof Date && !Number.isNaN(value.getTime())) {
		return dateOnly ? value.toISOString().slice(0, 10) : value.toISOString();
	}
	const luxon = value as { toISO?: unknown; toISODate?: unknown } | null;
	if (typeof luxon?.toISO === 'function' && typeof luxon.toISODate === 'function') {
		const iso = (dateOnly ? luxon.toISODate() : luxon.toISO()) as string | null;
		return iso ?? value;
	}
	return value;
}

function isRealDate(year: string, month: string, day: string): boolean {
	const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
	return (
		date.getUTCFullYear() === Number(year) &&
		date.getUTCMonth() === Number(month) - 1 &&
		date.getUTCDate() === Number(day)
	);
}

function isRealTime(hours: string, minutes: string, seconds: string | undefined): boolean {
	return Number(hours) < 24 && Number(minutes) < 60 && Number(seconds ?? 0) < 60;
}

/** A date field takes `YYYY-MM-DD`; an ISO date-time is accepted and its date part, as written, kept. */
function convertDate(value: unknown): Conversion {
	const expected = 'a date as YYYY-MM-DD';
	if (typeof value !== 'string') return wrongType(expected, value);
	const text = value.trim();
	const match = ISO_DATE.exec(text) ?? ISO_DATE_TIME.exec(text);
	if (!match || !isRealDate(match[1], match[2], match[3])) return wrongType(expected, value);
	return { ok: true, value: `${match[1]}-${match[2]}-${match[3]}` };
}

/**
 * A date-time field takes ISO 8601. With a time zone it is normalised to UTC; without one it is sent
 * as written (Salesforce reads it as UTC). A date alone means midnight UTC. Epoch milliseconds are accepted.
 */
function convertDateTime(value: unknown): Conversion {
	const expected = 'an ISO 8601 date-time such as 2026-05-01T14:30:00Z';
	if (typeof value === 'number' && Number.isFinite(value)) {
		return { ok: true, value: new Date(value).toISOString() };
	}
	if (typeof value !== 'string') return wrongType(expected, value);
	const text = value.trim();
	const dateOnly = ISO_DATE.exec(text);
	if (dateOnly) {
		return isRealDate(dateOnly[1], dateOnly[2], dateOnly[3])
			? { ok: true, value: `${text}T00:00:00.000Z` }
			: wrongType(expected, value);
	}
	const match = ISO_DATE_TIME.exec(text);
	if (!match || !isRealDate(match[1], match[2], match[3]) || !isRealTime(match[4], match[5], match[6])) {
		return wrongType(expected, value);
	}
	const iso = text.replace(' ', 'T').toUpperCase();
	if (!match[7]) return { ok: true, value: iso };
	return { ok: true, value: new Date(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString() };
}

function convertTime(value: unknown): Conversion {
	const expected = 'a time as HH:MM:SS';
	if (typeof value !== 'string') return wrongType(expected, value);
	const match = ISO_TIME.exec(value.trim());
	if (!match || !isRealTime(match[1], match[2], match[3])) return wrongType(expected, value);
	return { ok: true, value: value.trim() };
}

/**
 * Finds a picklist value, case-insensitively, among the active values and returns Salesforce's own
 * spelling. Unrestricted picklists accept any text, so an unknown value passes through unchanged.
 */
function matchPicklistValue(field: SalesforceField, text: string): string | undefined {
	const wanted = text.trim().toLowerCase();
	const entry = activePicklistValues(field).find((candidate) => candidate.value.toLowerCase() === wanted);
	if (entry) return entry.value;
	return field.restrictedPicklist === true ? undefined : text.trim();
}

function notInPicklist(field: SalesforceField, text: string): Conversion {
	const allowed = activePicklistValues(field).map((entry) => entry.value);
	return {
		ok: false,
		errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
		message: `"${text}" is not one of the allowed values: ${allowed.join(', ')}`,
	};
}

function convertPicklist(field: SalesforceField, value: unknown): Conversion {
	if (typeof value !== 'string' && typeof value !== 'number') return wrongType('one picklist value', value);
	const text = String(value);
	const matched = matchPicklistValue(field, text);
	if (matched === undefined) return notInPicklist(field, text);
	return checkLength(field, matched);
}

/** Several values: a list, or text separated by semicolons (Salesforce's own format). */
function convertMultiPicklist(field: SalesforceField, value: unknown): Conversion {
	let parts: unknown[];
	if (Array.isArray(value)) parts = value;
	else if (typeof value === 'string') parts = value.split(';');
	else return wrongType('picklist values as a list or separated by ";"', value);

	const chosen: string[] = [];
	for (const part of parts) {
		if (typeof part !== 'string' && typeof part !== 'number') {
			return wrongType('picklist values as text', part);
		}
		if (String(part).trim() === '') continue;
		const matched = matchPicklistValue(field, String(part));
		if (matched === undefined) return notInPicklist(field, String(part));
		if (!chosen.includes(matched)) chosen.push(matched);
	}
	return checkLength(field, chosen.join(';'));
}

function checkLength(field: SalesforceField, text: string): Conversion {
	if (field.length > 0 && text.length > field.length) {
		return {
			ok: false,
			errorCode: 'STRING_TOO_LONG',
			message: `is ${text.length} characters long, the field allows at most ${field.length}`,
		};
	}
	return { ok: true, value: text };
}
