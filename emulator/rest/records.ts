/** sObject Rows: create (POST /sobjects/{Name}), retrieve (GET /sobjects/{Name}/{Id}), upsert by external id. */
import { emptyReply, jsonReply, type Reply } from '../http';
import type { DescribeField, ObjectSchema } from '../describes/catalog';
import type { StoredRecord } from '../store';
import { isPlainObject, LOCK_ROW_ERROR, unsupportedMediaType, type RestCall } from './call';
import { apiError, errorsReply, notFound } from './errors';
import { parseJsonBody, parserError } from './json-body';
import { commitCreate, commitUpdate, prepareCreate, prepareUpdate, saveOptions } from './save';
import { readRecord, type FieldValues } from './validation';

type BodyRead = { ok: true; values: FieldValues } | { ok: false; reply: Reply };

/** The JSON body of a single-record write, read against the object's describe. */
function readBody(call: RestCall, schema: ObjectSchema): BodyRead {
	const text = call.request.rawBody;
	const parsed = parseJsonBody(text);
	if (!parsed.ok) return { ok: false, reply: errorsReply(400, [parsed.error]) };
	if (!isPlainObject(parsed.value)) {
		const token = Array.isArray(parsed.value) ? 'START_ARRAY value [' : `value ${String(parsed.value)}`;
		return { ok: false, reply: errorsReply(400, [parserError(`Cannot deserialize instance of ${schema.name} from ${token} at [line:1, column:1]`)]) };
	}
	const read = readRecord(schema, parsed.value, text);
	return read.ok ? read : { ok: false, reply: errorsReply(400, [read.error]) };
}

export function createRecord(call: RestCall): Reply {
	const unsupported = unsupportedMediaType(call.request);
	if (unsupported !== undefined) return unsupported;
	const schema = call.org.catalog.find(call.params.Name);
	if (schema === undefined) return notFound();
	const body = readBody(call, schema);
	if (!body.ok) return body.reply;
	const prepared = prepareCreate(call.org, schema, body.values, saveOptions(call.request.headers, call.version));
	if (!prepared.ok) return errorsReply(400, prepared.errors);
	if (call.lockRow) return errorsReply(400, [LOCK_ROW_ERROR]);
	const id = commitCreate(call.org, schema, prepared.record);
	return jsonReply(201, { id, success: true, errors: [] });
}

export function retrieveRecord(call: RestCall): Reply {
	const schema = call.org.catalog.find(call.params.Name);
	if (schema === undefined) return notFound();
	const [record] = call.org.store.findBy(schema.name, 'Id', call.params.Id, true);
	if (record === undefined) return apiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${call.params.Id}`);
	const wanted = call.request.query.fields?.split(',').map((name) => name.trim()).filter((name) => name !== '');
	const unknown = wanted?.find((name) => !schema.fieldIndex.has(name.toLowerCase()));
	if (unknown !== undefined) return apiError(400, 'INVALID_FIELD', `No such column '${unknown}' on entity '${schema.name}'.`);
	const fields = wanted === undefined ? schema.fields : wanted.map((name) => schema.fieldIndex.get(name.toLowerCase()) as DescribeField);
	return jsonReply(200, recordView(schema, record, fields.map((f) => f.name), call.version));
}

/** A record as the API shows it: attributes, then the asked fields (null when empty). */
export function recordView(schema: ObjectSchema, record: StoredRecord, fieldNames: string[], version: string): Record<string, unknown> {
	const view: Record<string, unknown> = { attributes: { type: schema.name, url: `/services/data/v${version}/sobjects/${schema.name}/${record.Id}` } };
	for (const name of fieldNames) view[name] = record[name] ?? null;
	return view;
}

/** The field an upsert matches on: an external id or id-lookup field. */
export function upsertKeyField(schema: ObjectSchema, name: string): DescribeField | undefined {
	const describeField = schema.fieldIndex.get(name.toLowerCase());
	return describeField !== undefined && (describeField.externalId || describeField.idLookup) ? describeField : undefined;
}

export function missingKeyField(name: string): Reply {
	return apiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${name}`);
}

/** PATCH /sobjects/{Name}/{Field}/{Value}: 201 created, 200 updated (204 before v46), 300 when several match. */
export function upsertRecord(call: RestCall): Reply {
	const unsupported = unsupportedMediaType(call.request);
	if (unsupported !== undefined) return unsupported;
	const schema = call.org.catalog.find(call.params.Name);
	if (schema === undefined) return notFound();
	const keyField = upsertKeyField(schema, call.params.Field);
	if (keyField === undefined) return missingKeyField(call.params.Field);
	const body = readBody(call, schema);
	if (!body.ok) return body.reply;
	const keyValue = call.params.Value;
	const matches = call.org.store.findBy(schema.name, keyField.name, keyValue, keyField.caseSensitive || keyField.type === 'id');
	if (matches.length > 1) {
		return jsonReply(300, matches.map((match) => `/services/data/v${call.version}/sobjects/${schema.name}/${match.Id}`));
	}
	if (matches.length === 1) {
		const checked = prepareUpdate(schema, body.values);
		if (!checked.ok) return errorsReply(400, checked.errors);
		if (call.lockRow) return errorsReply(400, [LOCK_ROW_ERROR]);
		commitUpdate(schema, matches[0], body.values);
		if (Number(call.version) < 46) return emptyReply(204);
		return jsonReply(200, { id: matches[0].Id, success: true, errors: [], created: false });
	}
	if (keyField.type === 'id') return apiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${keyValue}`);
	const prepared = prepareCreate(call.org, schema, { ...body.values, [keyField.name]: keyValue }, saveOptions(call.request.headers, call.version));
	if (!prepared.ok) return errorsReply(400, prepared.errors);
	if (call.lockRow) return errorsReply(400, [LOCK_ROW_ERROR]);
	const id = commitCreate(call.org, schema, prepared.record);
	return jsonReply(201, { id, success: true, errors: [], created: true });
}
