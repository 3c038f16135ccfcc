/**
 * Salesforce's rule for an email field, as a scan of the text (linear in its length; a regular
 * expression for the same rule backtracks on input such as `a@` followed by thousands of dots). Pure.
 *
 * An address is a local part of ASCII letters, digits and ``.!#$%&'*+/=?^_`{|}~-``, an `@`, and a
 * domain of at least two labels separated by dots, each label letters, digits and inner hyphens.
 * Salesforce refuses anything else (unicode addresses included) with INVALID_EMAIL_ADDRESS.
 */

import { isAsciiLetterOrDigit } from './ascii';

const LOCAL_SYMBOLS = new Set([...".!#$%&'*+/=?^_`{|}~-"]);

function isDomainLabel(label: string): boolean {
	if (label === '' || label[0] === '-' || label[label.length - 1] === '-') return false;
	for (const char of label) {
		if (!isAsciiLetterOrDigit(char) && char !== '-') return false;
	}
	return true;
}

export function isSalesforceEmail(text: string): boolean {
	const at = text.indexOf('@');
	if (at <= 0 || at !== text.lastIndexOf('@')) return false;
	for (let i = 0; i < at; i++) {
		if (!isAsciiLetterOrDigit(text[i]) && !LOCAL_SYMBOLS.has(text[i])) return false;
	}
	const labels = text.slice(at + 1).split('.');
	return labels.length >= 2 && labels.every(isDomainLabel);
}
