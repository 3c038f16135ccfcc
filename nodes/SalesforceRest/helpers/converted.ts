/** The result of turning one input value into what Salesforce accepts for a field. Pure. */
import { quoted } from './bounded';

export type SalesforceValue = string | number | boolean;

export type Conversion =
	| { ok: true; value: SalesforceValue }
	| { ok: false; errorCode: string; message: string };

/** Salesforce's own code for a value of the wrong type. */
export const WRONG_TYPE = 'INVALID_TYPE_ON_FIELD_IN_RECORD';

export const accepted = (value: SalesforceValue): Conversion => ({ ok: true, value });

export const refused = (errorCode: string, message: string): Conversion => ({ ok: false, errorCode, message });

export function wrongType(expected: string, value: unknown): Conversion {
	return refused(WRONG_TYPE, `expected ${expected}, got ${quoted(value)}`);
}
