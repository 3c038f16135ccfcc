/**
 * sObject Collections: POST /composite/sobjects (create, mixed types) and
 * PATCH /composite/sobjects/{Name}/{Field} (upsert by external id, v46+). Up to 200 records, one
 * API call, 200 with one result per record in order; problems reading the JSON fail the whole call.
 */
import { jsonReply, type Reply } from '../http';
import type { ObjectSchema } from '../describes/catalog';
import type { StoredRecord } from '../store';
import { isPlainObject, LOCK_ROW_ERROR, unsupportedMediaType, type RestCall } from './call';
import { apiError, collectionsErrorEntry, errorsReply, notFound, type SaveError } from './errors';
import { jsonToken, parseJsonBody, parserError, tokenText } from './json-body';
import { missingKeyField, upsertKeyField } from './records';
import { commitCreate, commitUpdate, prepareCreate, prepareUpdate, saveOptions } from './save';
import { readRecord, type FieldValues } from './validation';

export const COLLECTION_LIMIT = 200;

interface CollectionRecord {
	schema: ObjectSchema;
	values: FieldValues;
}

type CollectionRead = { ok: true; allOrNone: boolean; records: CollectionRecord[] } | { ok: false; reply: Reply };

/** One record's fate, decided before anything is stored. */
type Plan =
	| { kind: 'create'; schema: ObjectSchema; record: Record<string, unknown> }
	| { kind: 'update'; schema: ObjectSchema; target: StoredRecord; values: FieldValues }
	| { kind: 'fail'; errors: SaveError[] };

const ROLLED_BACK: SaveError = {
	errorCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
	message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
	fields: [],
};

function readCollection(call: RestCall): CollectionRead {
	const fail = (reply: Reply): CollectionRead => ({ ok: false, reply });
	const unsupported = unsupportedMediaType(call.request);
	if (unsupported !== undefined) return fail(unsupported);
	const text = call.request.rawBody;
	const parsed = parseJsonBody(text);
	if (!parsed.ok) return fail(errorsReply(400, [parsed.error]));
	const body = parsed.value;
	if (!isPlainObject(body) || !Array.isArray(body.records)) {
		return fail(errorsReply(400, [parserError('The request body must be an object with a "records" array of sObjects')]));
	}
	const allOrNone = body.allOrNone ?? false;
	if (typeof allOrNone !== 'boolean') {
		return fail(errorsReply(400, [parserError(`Cannot deserialize instance of boolean from ${jsonToken(allOrNone)} value ${tokenText(allOrNone)} or request may be missing a required field`)]));
	}
	if (body.records.length > COLLECTION_LIMIT) {
		return fail(apiError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`));
	}
	const records: CollectionRecord[] = [];
	for (const [index, entry] of (body.records as unknown[]).entries()) {
		const type = isPlainObject(entry) && isPlainObject(entry.attributes) ? entry.attributes.type : undefined;
		if (!isPlainObject(entry) || typeof type !== 'string' || type === '') {
			return fail(errorsReply(400, [parserError(`records[${index}]: an sObject in a collection needs its type in "attributes": {"type": "..."}`)]));
		}
		const schema = call.org.catalog.find(type);
		if (schema === undefined) return fail(apiError(400, 'INVALID_TYPE', `sObject type '${type}' is not supported.`));
		const read = readRecord(schema, entry, text);
		if (!read.ok) return fail(errorsReply(400, [read.error]));
		records.push({ schema, values: read.values });
	}
	return { ok: true, allOrNone, records };
}

/** Records a fault finds locked fail like any refused record (so all-or-none rolls the others back). */
function withLockedRecords(call: RestCall, plans: Plan[]): Plan[] {
	const { lockRecord } = call;
	if (lockRecord === undefined) return plans;
	return plans.map((plan): Plan => (plan.kind !== 'fail' && lockRecord() ? { kind: 'fail', errors: [LOCK_ROW_ERROR] } : plan));
}

/** Applies the plans (or none of them) and answers one result per record, in order. */
function finish(call: RestCall, allOrNone: boolean, plans: Plan[], upsert: boolean): Reply {
	if (call.lockRow) {
		return jsonReply(200, plans.map((plan) => failure(plan.kind === 'fail' ? plan.errors : [LOCK_ROW_ERROR], upsert)));
	}
	plans = withLockedRecords(call, plans);
	const anyFailed = plans.some((plan) => plan.kind === 'fail');
	if (allOrNone && anyFailed) {
		return jsonReply(200, plans.map((plan) => failure(plan.kind === 'fail' ? plan.errors : [ROLLED_BACK], upsert)));
	}
	const results = plans.map((plan) => {
		if (plan.kind === 'fail') return failure(plan.errors, upsert);
		if (plan.kind === 'create') {
			const id = commitCreate(call.org, plan.schema, plan.record);
			return { id, success: true, errors: [], ...(upsert ? { created: true } : {}) };
		}
		commitUpdate(plan.schema, plan.target, plan.values);
		return { id: plan.target.Id, success: true, errors: [], created: false };
	});
	return jsonReply(200, results);
}

/** A failed entry has no `id` key at all. */
function failure(errors: SaveError[], upsert: boolean): Record<string, unknown> {
	return { success: false, errors: errors.map(collectionsErrorEntry), ...(upsert ? { created: false } : {}) };
}

export function createCollection(call: RestCall): Reply {
	const read = readCollection(call);
	if (!read.ok) return read.reply;
	const options = saveOptions(call.request.headers, call.version);
	const plans = read.records.map(({ schema, values }): Plan => {
		const prepared = prepareCreate(call.org, schema, values, options);
		return prepared.ok ? { kind: 'create', schema, record: prepared.record } : { kind: 'fail', errors: prepared.errors };
	});
	return finish(call, read.allOrNone, plans, false);
}

export function upsertCollection(call: RestCall): Reply {
	if (Number(call.version) < 46) return notFound();
	const schema = call.org.catalog.find(call.params.Name);
	if (schema === undefined) return notFound();
	const keyField = upsertKeyField(schema, call.params.Field);
	if (keyField === undefined) return missingKeyField(call.params.Field);
	const read = readCollection(call);
	if (!read.ok) return read.reply;
	const mismatched = read.records.find((record) => record.schema !== schema);
	if (mismatched !== undefined) {
		return apiError(400, 'INVALID_TYPE', `Upsert of a collection takes records of one type: ${schema.name}, got ${mismatched.schema.name}`);
	}
	const caseSensitive = keyField.caseSensitive || keyField.type === 'id';
	const keyOf = (values: FieldValues) => (values[keyField.name] == null ? undefined : String(values[keyField.name]));
	const seen = new Map<string, number>();
	for (const { values } of read.records) {
		const key = keyOf(values);
		if (key !== undefined) seen.set(caseSensitive ? key : key.toLowerCase(), (seen.get(caseSensitive ? key : key.toLowerCase()) ?? 0) + 1);
	}
	const options = saveOptions(call.request.headers, call.version);
	const plans = read.records.map(({ values }): Plan => {
		const key = keyOf(values);
		const fail = (errorCode: string, message: string): Plan => ({ kind: 'fail', errors: [{ errorCode, message, fields: [keyField.name] }] });
		if (key === undefined) return fail('MISSING_ARGUMENT', `${keyField.name} not specified`);
		if ((seen.get(caseSensitive ? key : key.toLowerCase()) ?? 0) > 1) return fail('DUPLICATE_VALUE', `Duplicate external id specified: ${key}`);
		const matches = call.org.store.findBy(schema.name, keyField.name, key, caseSensitive);
		if (matches.length > 1) {
			return fail('DUPLICATE_EXTERNAL_ID', `${keyField.label}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`);
		}
		if (matches.length === 1) {
			const changes = { ...values };
			delete changes[keyField.name];
			const checked = prepareUpdate(schema, changes);
			return checked.ok ? { kind: 'update', schema, target: matches[0], values: changes } : { kind: 'fail', errors: checked.errors };
		}
		const prepared = prepareCreate(call.org, schema, values, options);
		return prepared.ok ? { kind: 'create', schema, record: prepared.record } : { kind: 'fail', errors: prepared.errors };
	});
	return finish(call, read.allOrNone, plans, true);
}
