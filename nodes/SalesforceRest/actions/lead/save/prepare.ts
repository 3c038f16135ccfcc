/**
 * Map and validate: every item read once, then checked against the object's schema before anything is
 * sent. The schema usually comes from the describe cache; an item the cached schema refuses is
 * checked again against a freshly fetched one before it fails, so a stale entry may cost one describe,
 * never a wrongly refused lead.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { quoted, shorten } from '../../../helpers/bounded';
import { isSalesforceId } from '../../../helpers/ids';
import type { MappingMode } from '../../../helpers/mapping';
import type { SalesforceProblem } from '../../../helpers/problem';
import { prepareRecord, type PreparedRecord, type PrepareOptions } from '../../../helpers/validation';
import { freshObjectSchema, objectSchema, type ObjectSchema } from '../../../transport/describeCache';
import type { SalesforceConnection } from '../../../transport';
import type { SaveSettings } from '../options';
import type { WorkItem } from './work';

/** What an item is matched on (Create or Update); none for Create. */
export interface MatchKey {
	field: string;
	/** How the node names it in messages ("Email", or the external ID field's name). */
	label: string;
}

export interface PreparedItems {
	/** Items ready to save, in input order. */
	valid: WorkItem[];
	/** Items refused before anything was sent, with the reason. */
	invalid: Array<{ itemIndex: number; problem: SalesforceProblem }>;
	/** The schema the items were finally checked against (dropped from the cache on a schema error). */
	schema: ObjectSchema;
}

/** What an item asks to save: its own JSON ("Map Automatically") or the mapped values. */
function readInput(this: IExecuteFunctions, mode: MappingMode, items: INodeExecutionData[], itemIndex: number) {
	if (mode === 'autoMapInputData') return items[itemIndex].json;
	// Our own validation (against the live describe) replaces n8n's schema check, so that every
	// problem is reported the same way, with Salesforce's error code and the field's name.
	const value = this.getNodeParameter('fields.value', itemIndex, {}, { skipValidation: true });
	return (value ?? {}) as Record<string, unknown>;
}

async function checkedRecords(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
	objectName: string,
	options: PrepareOptions,
	describeCacheMs: number,
): Promise<{ prepared: PreparedRecord[]; schema: ObjectSchema }> {
	const inputs = items.map((_, itemIndex) => readInput.call(this, options.mode, items, itemIndex));
	const cached = await objectSchema(this, connection, objectName, describeCacheMs);
	const prepared = inputs.map((input) => prepareRecord(cached.value.rules, input, options));
	if (!cached.fromCache || prepared.every((entry) => entry.ok)) return { prepared, schema: cached.value };
	const fresh = await freshObjectSchema(this, connection, objectName);
	return {
		prepared: prepared.map((entry, index) => (entry.ok ? entry : prepareRecord(fresh.rules, inputs[index], options))),
		schema: fresh,
	};
}

/** The item's match key as compared (Salesforce matches text keys in any letter case), or why it has none. */
function keyOf(entry: Extract<PreparedRecord, { ok: true }>, match: MatchKey): string | SalesforceProblem {
	const value = entry.record[match.field];
	const text = value === undefined ? '' : String(value).trim();
	if (text !== '') return text.toLowerCase();
	return {
		errorCode: 'MISSING_MATCH_KEY',
		message: `The item has no ${shorten(match.label)}, the field it is matched on: without it the node cannot tell whether the lead exists`,
		fields: [match.field],
	};
}

/** The campaign the item joins, read per item (it may be an expression), or why it is not a campaign id. */
function campaignOf(this: IExecuteFunctions, itemIndex: number): string | SalesforceProblem {
	const id = String(this.getNodeParameter('options.campaign', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (isSalesforceId(id) && id.startsWith('701')) return id;
	return { errorCode: 'MALFORMED_ID', message: `Add to Campaign: ${quoted(id)} is not a campaign id (701 followed by 12 or 15 letters and digits)`, fields: ['CampaignId'] };
}

export async function prepareItems(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
	objectName: string,
	settings: SaveSettings,
	match?: MatchKey,
): Promise<PreparedItems> {
	const mode = this.getNodeParameter('fields.mappingMode', 0) as MappingMode;
	// A record that may update an existing lead need not carry the fields required on create.
	const options: PrepareOptions = { mode, autoMapAllowed: settings.autoMapAllowed, requireCreateFields: match === undefined };
	const { prepared, schema } = await checkedRecords.call(this, items, connection, objectName, options, settings.describeCacheMs);
	const valid: WorkItem[] = [];
	const invalid: PreparedItems['invalid'] = [];
	prepared.forEach((entry, itemIndex) => {
		const key = entry.ok && match !== undefined ? keyOf(entry, match) : undefined;
		const campaignId = entry.ok && settings.addToCampaign ? campaignOf.call(this, itemIndex) : undefined;
		const problem = !entry.ok ? entry.problem : typeof key === 'object' ? key : typeof campaignId === 'object' ? campaignId : undefined;
		if (problem !== undefined) invalid.push({ itemIndex, problem });
		else if (entry.ok) valid.push({ itemIndex, record: entry.record, key: key as string | undefined, campaignId: campaignId as string | undefined });
	});
	return { valid, invalid, schema };
}
