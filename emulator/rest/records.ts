/** sObject Rows: create (POST /sobjects/{Name}) and retrieve (GET /sobjects/{Name}/{Id}). */
import { jsonReply, type Reply } from '../http';
import type { DescribeField, ObjectSchema } from '../describes/catalog';
import type { StoredRecord } from '../store';
import { isPlainObject, lockRowError, openBatch, unsupportedMediaType, type RestCall } from './call';
import { apiError, errorsReply, notFound } from './errors';
import { parseJsonBody, parserError } from './json-body';
import { WriteBatch } from './save';
import { readRecord, type FieldValues } from './validation';

export type SingleWrite = { ok: true; batch: WriteBatch; values: FieldValues } | { ok: false; reply: Reply };

/** A single-record write: JSON only, the call's Sforce-* headers, then the body read against the object's describe. */
export function readSingleWrite(call: RestCall, schema: ObjectSchema): SingleWrite {
	const fail = (reply: Reply): SingleWrite => ({ ok: false, reply });
	const unsupported = unsupportedMediaType(call.request);
	if (unsupported !== undefined) return fail(unsupported);
	const batch = openBatch(call);
	if (!(batch instanceof WriteBatch)) return fail(batch);
	const text = call.request.rawBody;
	const parsed = parseJsonBody(text);
	if (!parsed.ok) return fail(errorsReply(400, [parsed.error]));
	if (!isPlainObject(parsed.value)) {
		const token = Array.isArray(parsed.value) ? 'START_ARRAY value [' : `value ${String(parsed.value)}`;
		return fail(errorsReply(400, [parserError(`Cannot deserialize instance of ${schema.name} from ${token} at [line:1, column:1]`)]));
	}
	const read = readRecord(schema, parsed.value, text);
	return read.ok ? { ok: true, batch, values: read.values } : fail(errorsReply(400, [read.error]));
}

export function createRecord(call: RestCall): Reply {
	const schema = call.org.catalog.find(call.params.Name);
	if (schema === undefined) return notFound();
	const write = readSingleWrite(call, schema);
	if (!write.ok) return write.reply;
	const { batch } = write;
	const plan = batch.create(schema, write.values);
	if (plan.kind === 'fail') return errorsReply(400, plan.errors);
	if (call.lockRow) return errorsReply(400, [lockRowError(call.userId)]);
	const id = batch.commit(plan);
	return jsonReply(201, { id, success: true, errors: [] }, { Location: `/services/data/v${call.version}/sobjects/${schema.name}/${id}` });
}

export function retrieveRecord(call: RestCall): Reply {
	const schema = call.org.catalog.find(call.params.Name);
	if (schema === undefined) return notFound();
	const record = call.org.store.byId(schema.name, call.params.Id);
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
