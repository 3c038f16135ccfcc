/**
 * Turns a value from an n8n item into what Salesforce accepts for a field of a given describe type.
 * Pure, never throws, and linear in the size of the value: lengths are checked before any pattern,
 * because anything here may come from a stranger's form post. Each failure says what was expected,
 * so the item's error can name the field and the fix.
 */
import { listed, quoted, shorten } from './bounded';
import { accepted, refused, wrongType, type Conversion, type SalesforceValue } from './converted';
import type { SalesforceField } from './describe';
import { activePicklistValues } from './describe';
import { isSalesforceEmail } from './email';
import { isSalesforceId } from './ids';
import { convertNumber } from './numbers';
import { convertDate, convertDateTime, convertTime } from './temporal';

export type { Conversion, SalesforceValue } from './converted';

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'encryptedstring', 'combobox']);
const ID_TYPES = new Set(['reference', 'id']);
const INTEGER_TYPES = new Set(['int', 'long']);
const DECIMAL_TYPES = new Set(['double', 'currency', 'percent']);

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off']);

/** Longest value worth reading for a field without a length (Salesforce's longest text field). */
const LONGEST_TEXT = 131072;

/** null, undefined, '' and whitespace-only strings are "no value": the field is left out, never sent as "". */
export function isEmptyValue(value: unknown): boolean {
	if (value === null || value === undefined) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (Array.isArray(value)) return value.length === 0;
	return false;
}

export function convertValue(field: SalesforceField, value: unknown): Conversion {
	if (TEXT_TYPES.has(field.type)) return convertText(field, value);
	if (ID_TYPES.has(field.type)) return convertId(field, value);
	if (INTEGER_TYPES.has(field.type)) return convertNumber(field, value, true);
	if (DECIMAL_TYPES.has(field.type)) return convertNumber(field, value, false);
	switch (field.type) {
		case 'boolean':
			return convertBoolean(value);
		case 'date':
			return convertDate(value);
		case 'datetime':
			return convertDateTime(value);
		case 'time':
			return convertTime(value);
		case 'picklist':
			return convertPicklist(field, value);
		case 'multipicklist':
			return convertMultiPicklist(field, value);
		default:
			// anyType, base64 and other rarely createable types: sent as given when scalar.
			return isScalar(value)
				? checkLength(field, String(value), value)
				: wrongType(`a text, number or boolean value for a field of type ${field.type}`, value);
	}
}

/** Text, finite numbers and booleans; NaN and Infinity would reach Salesforce as words. */
function isScalar(value: unknown): value is SalesforceValue {
	return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** Characters as Salesforce counts them (code points), without counting past what matters. */
function tooLong(text: string, max: number): boolean {
	if (text.length <= max) return false;
	if (text.length > 2 * max) return true;
	let count = 0;
	for (let i = 0; i < text.length; i++) {
		// A high surrogate followed by a low one is one character.
		const code = text.charCodeAt(i);
		if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
			const next = text.charCodeAt(i + 1);
			if (next >= 0xdc00 && next <= 0xdfff) i++;
		}
		if (++count > max) return true;
	}
	return false;
}

function checkLength(field: SalesforceField, text: string, value: SalesforceValue = text): Conversion {
	const max = field.length > 0 ? field.length : LONGEST_TEXT;
	if (tooLong(text, max)) {
		return refused('STRING_TOO_LONG', `is ${text.length} characters long, the field allows at most ${max}`);
	}
	return accepted(typeof value === 'string' ? text : value);
}

function convertText(field: SalesforceField, value: unknown): Conversion {
	if (!isScalar(value)) return wrongType('text', value);
	const text = field.type === 'email' ? String(value).trim() : String(value);
	const checked = checkLength(field, text);
	if (checked.ok && field.type === 'email' && !isSalesforceEmail(text)) {
		return refused('INVALID_EMAIL_ADDRESS', `${quoted(text)} is not an email address Salesforce accepts (ASCII letters, digits and .!#$%&'*+/=?^_\`{|}~- before the @, a domain with a dot after it)`);
	}
	return checked;
}

function convertId(field: SalesforceField, value: unknown): Conversion {
	if (typeof value !== 'string') return wrongType('a Salesforce record id', value);
	const text = value.trim();
	if (!isSalesforceId(text)) {
		return refused('MALFORMED_ID', `${quoted(value)} is not a Salesforce record id (15 or 18 letters and digits)`);
	}
	return checkLength(field, text);
}

function convertBoolean(value: unknown): Conversion {
	if (typeof value === 'boolean') return accepted(value);
	const word = (typeof value === 'number' || typeof value === 'string') && String(value).length <= 10 ? String(value).trim().toLowerCase() : '';
	if (TRUE_WORDS.has(word)) return accepted(true);
	if (FALSE_WORDS.has(word)) return accepted(false);
	return wrongType('true or false (also accepted: yes/no, 1/0)', value);
}

/** Active values by their lower-cased text, built once per field (describes are shared across executions). */
const picklistIndexes = new WeakMap<SalesforceField, Map<string, string>>();

function picklistIndex(field: SalesforceField): Map<string, string> {
	let index = picklistIndexes.get(field);
	if (index === undefined) {
		index = new Map();
		for (const entry of activePicklistValues(field)) {
			if (!index.has(entry.value.toLowerCase())) index.set(entry.value.toLowerCase(), entry.value);
		}
		picklistIndexes.set(field, index);
	}
	return index;
}

/**
 * Finds a picklist value, case-insensitively, among the active values and returns Salesforce's own
 * spelling. Unrestricted picklists accept any text, so an unknown value passes through unchanged.
 */
function matchPicklistValue(field: SalesforceField, text: string): string | undefined {
	const trimmed = text.trim();
	const matched = picklistIndex(field).get(trimmed.toLowerCase());
	if (matched !== undefined) return matched;
	return field.restrictedPicklist === true ? undefined : trimmed;
}

/** Allowed values a picklist error names: more than other lists, since they are what the user picks from. */
const ALLOWED_VALUES_LISTED = 20;

function notInPicklist(field: SalesforceField, text: string): Conversion {
	const allowed = [...picklistIndex(field).values()];
	return refused('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${quoted(text)} is not one of the allowed values: ${listed(allowed, ALLOWED_VALUES_LISTED, ', ', (value) => shorten(value))}`);
}

function convertPicklist(field: SalesforceField, value: unknown): Conversion {
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
		return wrongType('one picklist value', value);
	}
	const text = String(value);
	if (tooLong(text.trim(), field.length > 0 ? field.length : LONGEST_TEXT)) return checkLength(field, text.trim());
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

	const chosen = new Set<string>();
	for (const part of parts) {
		if (typeof part !== 'string' && !(typeof part === 'number' && Number.isFinite(part))) {
			return wrongType('picklist values as text', part);
		}
		if (String(part).trim() === '') continue;
		const matched = matchPicklistValue(field, String(part));
		if (matched === undefined) return notInPicklist(field, String(part));
		chosen.add(matched);
	}
	return checkLength(field, [...chosen].join(';'));
}
