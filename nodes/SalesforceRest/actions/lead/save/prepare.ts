/**
 * Map and validate: every item read once, then checked against the object's schema before anything is
 * sent. The schema usually comes from the describe cache; an item the cached schema refuses is
 * checked again against a freshly fetched one before it fails, so a stale entry may cost one describe,
 * never a wrongly refused lead.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { quoted, shorten } from '../../../helpers/bounded';
import { WRONG_TYPE } from '../../../helpers/converted';
import { isSalesforceId } from '../../../helpers/ids';
import { findField, type MappingMode } from '../../../helpers/mapping';
import type { SalesforceProblem } from '../../../helpers/problem';
import { prepareRecord, type PreparedRecord, type PrepareOptions } from '../../../helpers/validation';
import { freshObjectSchema, objectSchema, type ObjectSchema } from '../../../transport/describeCache';
import type { SalesforceConnection } from '../../../transport';
import type { SaveSettings } from '../options';
import { matchKeyOf, type MatchField } from './match';
import type { CampaignChoice, WorkItem } from './work';

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
	/** The field items are matched on, as the schema has it (Create or Update). */
	matchField?: MatchField;
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

/** The match field as the describe has it: whether Salesforce tells its keys apart by letter case. */
function matchFieldOf(schema: ObjectSchema, match: MatchKey): MatchField {
	const described = findField(schema.rules.lookup, match.field, false);
	return { field: match.field, caseSensitive: described?.caseSensitive === true };
}

/** The item's match key as compared (as Salesforce compares the field), or why it has none. */
function keyOf(entry: Extract<PreparedRecord, { ok: true }>, match: MatchKey, matchField: MatchField): string | SalesforceProblem {
	const key = matchKeyOf(entry.record[match.field], matchField);
	if (key !== '') return key;
	return {
		errorCode: 'MISSING_MATCH_KEY',
		message: `The item has no ${shorten(match.label)}, the field it is matched on: without it the node cannot tell whether the lead exists`,
		fields: [match.field],
	};
}

/** A value an expression gave, as text: '' for nothing, undefined for a list or an object. */
function textOf(value: unknown): string | undefined {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

/**
 * The campaign the item joins and with which status, read with the item's own index (either may be an
 * expression): none when its campaign is empty, or why its campaign or status cannot be used.
 */
function campaignOf(this: IExecuteFunctions, itemIndex: number): CampaignChoice | undefined | SalesforceProblem {
	const value: unknown = this.getNodeParameter('options.campaign', itemIndex, '', { extractValue: true });
	const id = textOf(value);
	if (id === '') return undefined;
	if (id === undefined || !isSalesforceId(id) || !id.startsWith('701')) {
		return { errorCode: 'MALFORMED_ID', message: `Add to Campaign: ${quoted(id ?? value)} is not a campaign id (701 followed by 12 or 15 letters and digits)`, fields: ['CampaignId'] };
	}
	const statusValue: unknown = this.getNodeParameter('options.campaignStatus', itemIndex, '');
	const status = textOf(statusValue);
	if (status === undefined) {
		return { errorCode: WRONG_TYPE, message: `Campaign Member Status: ${quoted(statusValue)} is not a status name (text)`, fields: ['Status'] };
	}
	return { id, status };
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
	const matchField = match === undefined ? undefined : matchFieldOf(schema, match);
	const valid: WorkItem[] = [];
	const invalid: PreparedItems['invalid'] = [];
	prepared.forEach((entry, itemIndex) => {
		const key = entry.ok && match !== undefined ? keyOf(entry, match, matchField as MatchField) : undefined;
		const campaign = entry.ok && settings.addToCampaign ? campaignOf.call(this, itemIndex) : undefined;
		const problem = !entry.ok ? entry.problem : typeof key === 'object' ? key : campaign !== undefined && 'errorCode' in campaign ? campaign : undefined;
		if (problem !== undefined) invalid.push({ itemIndex, problem });
		else if (entry.ok) valid.push({ itemIndex, record: entry.record, key: key as string | undefined, campaign: campaign as CampaignChoice | undefined });
	});
	return { valid, invalid, schema, matchField };
}
