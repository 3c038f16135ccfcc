/**
 * Numbers for int, double, currency and percent fields, checked against what the describe says the
 * field holds (digits, precision and scale), so that a value Salesforce would refuse never rolls back
 * a batch of 200. Pure; linear in the input's length, which is checked before any pattern.
 */
import { accepted, refused, wrongType, type Conversion } from './converted';
import type { SalesforceField } from './describe';

/** No Salesforce number has more than 18 digits; text much longer than that is not worth parsing. */
const LONGEST_NUMBER_TEXT = 64;

/** Unambiguous (each character has one place to go), so it cannot backtrack. */
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Salesforce's int is a 32-bit integer. */
const INT_MAX = 2147483647;

const OUT_OF_RANGE = 'NUMBER_OUTSIDE_VALID_RANGE';

/** Geolocation parts (the standard address's and custom geolocation fields'): degrees. */
function degreeRange(field: SalesforceField): number | undefined {
	if (field.name === 'Latitude' || field.name.endsWith('__Latitude__s')) return 90;
	if (field.name === 'Longitude' || field.name.endsWith('__Longitude__s')) return 180;
	return undefined;
}

/** Digits before the decimal point of a finite number (0 for |n| < 1), without throwing for any size. */
export function integerDigits(value: number): number {
	const magnitude = Math.abs(value);
	if (magnitude < 1) return 0;
	// toFixed gives plain digits below 1e21 and exponent notation above.
	if (magnitude < 1e21) return Math.trunc(magnitude).toFixed(0).length;
	return Math.floor(Math.log10(magnitude)) + 1;
}

function parseNumber(value: unknown, expected: string): number | Conversion {
	if (typeof value === 'number') return Number.isFinite(value) ? value : wrongType(expected, value);
	if (typeof value !== 'string') return wrongType(expected, value);
	const text = value.trim();
	if (text.length > LONGEST_NUMBER_TEXT) {
		return refused(OUT_OF_RANGE, `is ${text.length} characters long, more than any Salesforce number can hold`);
	}
	if (!DECIMAL_TEXT.test(text)) return wrongType(expected, value);
	const parsed = Number(text);
	return Number.isFinite(parsed) ? parsed : refused(OUT_OF_RANGE, `${text} is larger than any Salesforce number`);
}

/** The most digits before the decimal point the field holds, when the describe says. */
function allowedIntegerDigits(field: SalesforceField, integer: boolean): number | undefined {
	if (integer) return field.digits && field.digits > 0 ? field.digits : undefined;
	if (field.precision && field.precision > 0) return field.precision - (field.scale ?? 0);
	return undefined;
}

export function convertNumber(field: SalesforceField, value: unknown, integer: boolean): Conversion {
	const expected = integer ? 'a whole number' : 'a number';
	const parsed = parseNumber(value, expected);
	if (typeof parsed !== 'number') return parsed;
	if (integer && !Number.isInteger(parsed)) return wrongType(expected, value);
	if (integer && Math.abs(parsed) > INT_MAX) {
		return refused(OUT_OF_RANGE, `${parsed} is outside the range of a whole-number field (±${INT_MAX})`);
	}
	const digits = allowedIntegerDigits(field, integer);
	if (digits !== undefined && integerDigits(parsed) > digits) {
		return refused(OUT_OF_RANGE, `${parsed} has more than the ${digits} digits before the decimal point that the field holds`);
	}
	const degrees = degreeRange(field);
	if (degrees !== undefined && Math.abs(parsed) > degrees) {
		return refused(OUT_OF_RANGE, `${parsed} is not between -${degrees} and ${degrees} degrees`);
	}
	return accepted(parsed);
}
