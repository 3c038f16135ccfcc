/**
 * Finding the leads items are matched on, by SOQL: read-only, so nothing here can create or change a
 * record. Values are escaped for SOQL and long lists split so that each query fits Salesforce's URL
 * limit. Keys are compared as Salesforce compares the field: in any letter case (Email, most fields),
 * or exactly (an External ID marked case-sensitive, where "AB-1" and "ab-1" are two different leads).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { inQueries } from '../../../helpers/soql';
import { queryAll } from '../../../transport/query';
import type { SalesforceConnection } from '../../../transport';

interface MatchedRecord {
	Id: string;
	[field: string]: unknown;
}

/** The field items are matched on (Create or Update), as the describe has it. */
export interface MatchField {
	field: string;
	/** Whether Salesforce tells keys apart by letter case. */
	caseSensitive: boolean;
}

/** A value as it is compared on `match` (trimmed; lower-cased unless the field is case-sensitive); '' when empty. */
export function matchKeyOf(value: unknown, { caseSensitive }: Pick<MatchField, 'caseSensitive'>): string {
	const text = value === undefined || value === null ? '' : String(value).trim();
	return caseSensitive ? text : text.toLowerCase();
}

/** The ids of `records` by their key in `match`, in the order given: linear, however many share a key. */
export function idsByKey(records: readonly MatchedRecord[], match: MatchField): Map<string, string[]> {
	const byKey = new Map<string, string[]>();
	for (const record of records) {
		const key = matchKeyOf(record[match.field], match);
		const ids = byKey.get(key);
		if (ids === undefined) byKey.set(key, [record.Id]);
		else ids.push(record.Id);
	}
	return byKey;
}

/**
 * The ids of the records whose `match.field` has each key, most recently modified first.
 * `unconvertedLeads` leaves converted leads out: they can no longer be updated.
 */
export async function idsByValue(
	this: IExecuteFunctions,
	connection: SalesforceConnection,
	objectName: string,
	match: MatchField,
	keys: string[],
	unconvertedLeads: boolean,
): Promise<Map<string, string[]>> {
	const where = unconvertedLeads ? 'IsConverted = false AND ' : '';
	const prefix = `SELECT Id, ${match.field} FROM ${objectName} WHERE ${where}${match.field}`;
	const records: MatchedRecord[] = [];
	for (const soql of inQueries(prefix, [...new Set(keys)], 'ORDER BY LastModifiedDate DESC')) {
		for (const record of await queryAll<MatchedRecord>(this, connection, soql, ['Id'])) records.push(record);
	}
	return idsByKey(records, match);
}
