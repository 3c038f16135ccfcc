/**
 * Map and validate: every item read once, then checked against the object's schema before anything is
 * sent. The schema usually comes from the describe cache; an item the cached schema refuses is
 * checked again against a freshly fetched one before it fails, so a stale entry may cost one describe,
 * never a wrongly refused lead.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { MappingMode } from '../../../helpers/mapping';
import { prepareRecord, type PreparedRecord, type PrepareOptions } from '../../../helpers/validation';
import { freshObjectSchema, objectSchema, type ObjectSchema } from '../../../transport/describeCache';
import type { SalesforceConnection } from '../../../transport';
import type { SaveSettings } from '../options';

export interface PreparedItems {
	/** One per input item, in order. */
	prepared: PreparedRecord[];
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

export async function prepareItems(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
	objectName: string,
	settings: SaveSettings,
): Promise<PreparedItems> {
	const mode = this.getNodeParameter('fields.mappingMode', 0) as MappingMode;
	const options: PrepareOptions = { mode, autoMapAllowed: settings.autoMapAllowed };
	const inputs = items.map((_, itemIndex) => readInput.call(this, mode, items, itemIndex));
	const cached = await objectSchema(this, connection, objectName, settings.describeCacheMs);
	const prepared = inputs.map((input) => prepareRecord(cached.value.rules, input, options));
	if (!cached.fromCache || prepared.every((entry) => entry.ok)) return { prepared, schema: cached.value };

	const fresh = await freshObjectSchema(this, connection, objectName);
	return {
		prepared: prepared.map((entry, index) => (entry.ok ? entry : prepareRecord(fresh.rules, inputs[index], options))),
		schema: fresh,
	};
}
