/**
 * Finding the leads items are matched on, by SOQL: read-only, so nothing here can create or change a
 * record. Values are escaped for SOQL and long lists split so that each query fits Salesforce's URL
 * limit; text is compared in any letter case, as Salesforce compares it.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { inQueries } from '../../../helpers/soql';
import { queryAll } from '../../../transport/query';
import type { SalesforceConnection } from '../../../transport';

interface MatchedRecord {
	Id: string;
	[field: string]: unknown;
}

/**
 * The ids of the records whose `field` has each value (lower-cased), most recently modified first.
 * `unconvertedLeads` leaves converted leads out: they can no longer be updated.
 */
export async function idsByValue(
	this: IExecuteFunctions,
	connection: SalesforceConnection,
	objectName: string,
	field: string,
	values: string[],
	unconvertedLeads: boolean,
): Promise<Map<string, string[]>> {
	const where = unconvertedLeads ? 'IsConverted = false AND ' : '';
	const prefix = `SELECT Id, ${field} FROM ${objectName} WHERE ${where}${field}`;
	const byValue = new Map<string, string[]>();
	for (const soql of inQueries(prefix, [...new Set(values)], 'ORDER BY LastModifiedDate DESC')) {
		for (const record of await queryAll<MatchedRecord>(this, connection, soql)) {
			const value = String(record[field] ?? '').toLowerCase();
			byValue.set(value, [...(byValue.get(value) ?? []), record.Id]);
		}
	}
	return byValue;
}
