/**
 * sObject Collections: POST /composite/sobjects (create, mixed types) and PATCH /composite/sobjects
 * (update by Id); the upsert is in upsert.ts. Up to 200 records, one API call, 200 with one result
 * per record in order; problems reading the JSON fail the whole call.
 */
import { jsonReply, type Reply } from '../http';
import type { ObjectSchema } from '../describes/catalog';
import { isWellFormedId } from '../ids';
import { isPlainObject, lockRowError, openBatch, unsupportedMediaType, type RestCall } from './call';
import { apiError, collectionsErrorEntry, errorsReply, type SaveError } from './errors';
import { booleanFlag, parseJsonBody, parserError } from './json-body';
import { WriteBatch, type Plan } from './save';
import { readRecord, type FieldValues } from './validation';

export const COLLECTION_LIMIT = 200;

export interface CollectionRecord {
	schema: ObjectSchema;
	values: FieldValues;
}

export type CollectionRead = { ok: true; allOrNone: boolean; records: CollectionRecord[]; batch: WriteBatch } | { ok: false; reply: Reply };

const ROLLED_BACK: SaveError = {
	errorCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
	message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
	fields: [],
};

export function readCollection(call: RestCall): CollectionRead {
	const fail = (reply: Reply): CollectionRead => ({ ok: false, reply });
	const unsupported = unsupportedMediaType(call.request);
	if (unsupported !== undefined) return fail(unsupported);
	const batch = openBatch(call);
	if (!(batch instanceof WriteBatch)) return fail(batch);
	const text = call.request.rawBody;
	const parsed = parseJsonBody(text);
	if (!parsed.ok) return fail(errorsReply(400, [parsed.error]));
	const body = parsed.value;
	if (!isPlainObject(body) || !Array.isArray(body.records)) {
		return fail(errorsReply(400, [parserError('The request body must be an object with a "records" array of sObjects')]));
	}
	const allOrNone = booleanFlag(body, 'allOrNone');
	if (typeof allOrNone !== 'boolean') return fail(errorsReply(400, [allOrNone]));
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
	return { ok: true, allOrNone, records, batch };
}

/** Records a fault finds locked fail like any refused record (so all-or-none rolls the others back). */
function withLockedRecords(call: RestCall, plans: Plan[]): Plan[] {
	const { lockRecord } = call;
	if (lockRecord === undefined) return plans;
	return plans.map((plan): Plan => (plan.kind !== 'fail' && lockRecord() ? { kind: 'fail', errors: [lockRowError(call.userId)] } : plan));
}

/** Stores the plans (or none of them) and answers one result per record, in order; an upsert's results say `created`. */
export function finish(call: RestCall, read: Extract<CollectionRead, { ok: true }>, planned: Plan[], upsert: boolean): Reply {
	if (call.lockRow) {
		return jsonReply(200, planned.map((plan) => failure(plan.kind === 'fail' ? plan.errors : [lockRowError(call.userId)], upsert)));
	}
	const plans = withLockedRecords(call, planned);
	if (read.allOrNone && plans.some((plan) => plan.kind === 'fail')) {
		return jsonReply(200, plans.map((plan) => failure(plan.kind === 'fail' ? plan.errors : [ROLLED_BACK], upsert)));
	}
	return jsonReply(200, plans.map((plan) => {
		if (plan.kind === 'fail') return failure(plan.errors, upsert);
		return { id: read.batch.commit(plan), success: true, errors: [], ...(upsert ? { created: plan.kind === 'create' } : {}) };
	}));
}

/** A failed entry has no `id` key at all. */
function failure(errors: SaveError[], upsert: boolean): Record<string, unknown> {
	return { success: false, errors: errors.map(collectionsErrorEntry), ...(upsert ? { created: false } : {}) };
}

export function createCollection(call: RestCall): Reply {
	const read = readCollection(call);
	if (!read.ok) return read.reply;
	return finish(call, read, read.records.map(({ schema, values }) => read.batch.create(schema, values)), false);
}

/** PATCH /composite/sobjects: each record names the record to change by `id` (any letter case, as a field). */
export function updateCollection(call: RestCall): Reply {
	const read = readCollection(call);
	if (!read.ok) return read.reply;
	const idCounts = new Map<string, number>();
	for (const { values } of read.records) {
		if (typeof values.Id === 'string') idCounts.set(values.Id.slice(0, 15), (idCounts.get(values.Id.slice(0, 15)) ?? 0) + 1);
	}
	const plans = read.records.map(({ schema, values }): Plan => {
		const { Id: id, ...changes } = values;
		const fail = (errorCode: string, message: string, fields: string[] = []): Plan => ({ kind: 'fail', errors: [{ errorCode, message, fields }] });
		if (typeof id !== 'string') return fail('MISSING_ARGUMENT', 'Id not specified in an update call');
		if (!isWellFormedId(id) || id.slice(0, 3) !== schema.keyPrefix) {
			return fail('MALFORMED_ID', `${schema.fieldIndex.get('id')?.label ?? 'Record ID'}: id value of incorrect type: ${id}`, ['Id']);
		}
		if ((idCounts.get(id.slice(0, 15)) ?? 0) > 1) return fail('DUPLICATE_VALUE', `Duplicate id in list: ${id}`);
		const target = call.org.store.byId(schema.name, id);
		if (target === undefined) return fail('ENTITY_IS_DELETED', 'entity is deleted');
		return read.batch.update(schema, target, changes);
	});
	return finish(call, read, plans, false);
}
