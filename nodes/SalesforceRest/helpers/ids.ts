/**
 * The shape of a Salesforce record id. Pure.
 *
 * 15 case-sensitive letters and digits, or those 15 plus a 3-character suffix that encodes which of
 * them are upper case (so the 18-character form survives case-insensitive tools). Salesforce refuses
 * any other value in an id field with MALFORMED_ID.
 */

import { isAsciiLetterOrDigit } from './ascii';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

function isAlphanumeric(text: string): boolean {
	for (const char of text) if (!isAsciiLetterOrDigit(char)) return false;
	return true;
}

/** The 3-character suffix Salesforce appends to a 15-character id. */
export function idSuffix(id15: string): string {
	let suffix = '';
	for (let chunk = 0; chunk < 3; chunk++) {
		let bits = 0;
		for (let position = 0; position < 5; position++) {
			const char = id15[chunk * 5 + position];
			if (char >= 'A' && char <= 'Z') bits |= 1 << position;
		}
		suffix += SUFFIX_ALPHABET[bits];
	}
	return suffix;
}

export function isSalesforceId(value: string): boolean {
	if (value.length !== 15 && value.length !== 18) return false;
	if (!isAlphanumeric(value)) return false;
	return value.length === 15 || idSuffix(value.slice(0, 15)) === value.slice(15).toUpperCase();
}
