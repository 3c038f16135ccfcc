/** Describe global, an object's basic information, and the object describe (with If-Modified-Since). */
import { emptyReply, jsonReply, type Reply } from '../http';
import type { ObjectSchema } from '../describes/catalog';
import type { RestCall } from './call';
import { notFound } from './errors';

/** The describe's top-level flags that describe global repeats for each object. */
const GLOBAL_KEYS = [
	'activateable', 'associateEntityType', 'associateParentEntity', 'createable', 'custom', 'customSetting',
	'deepCloneable', 'deletable', 'deprecatedAndHidden', 'feedEnabled', 'hasSubtypes', 'isInterface', 'isSubtype',
	'keyPrefix', 'label', 'labelPlural', 'layoutable', 'mergeable', 'mruEnabled', 'name', 'queryable',
	'replicateable', 'retrieveable', 'searchable', 'triggerable', 'undeletable', 'updateable',
];

function globalEntry(schema: ObjectSchema, version: string): Record<string, unknown> {
	const entry: Record<string, unknown> = {};
	for (const key of GLOBAL_KEYS) entry[key] = schema.describe[key] ?? null;
	entry.name = schema.name;
	entry.keyPrefix = schema.keyPrefix;
	const base = `/services/data/v${version}/sobjects/${schema.name}`;
	entry.urls = { rowTemplate: `${base}/{ID}`, defaultValues: `${base}/defaultValues?recordTypeId&fields`, describe: `${base}/describe`, sobject: base };
	return entry;
}

export function describeGlobal(call: RestCall): Reply {
	const sobjects = call.org.catalog.all().map((schema) => globalEntry(schema, call.version));
	return jsonReply(200, { encoding: 'UTF-8', maxBatchSize: 200, sobjects });
}

export function sobjectBasicInfo(call: RestCall): Reply {
	const schema = call.org.catalog.find(call.params.Name);
	if (schema === undefined) return notFound();
	return jsonReply(200, { objectDescribe: globalEntry(schema, call.version), recentItems: [] });
}

/** The describe body exactly as stored (the Lead capture byte for byte); 304 when unchanged since If-Modified-Since. */
export function describeSObject(call: RestCall): Reply {
	const schema = call.org.catalog.find(call.params.Name);
	if (schema === undefined) return notFound();
	const lastModified = call.org.catalog.lastModified;
	const headers = { 'Last-Modified': lastModified.toUTCString() };
	const since = Date.parse(call.request.headers['if-modified-since'] ?? '');
	if (!Number.isNaN(since) && lastModified.getTime() <= since) return emptyReply(304, headers);
	return { status: 200, headers: { 'Content-Type': 'application/json;charset=UTF-8', ...headers }, body: schema.body(call.version) };
}
