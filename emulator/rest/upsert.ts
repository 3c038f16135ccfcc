/**
 * Upsert by an external id: PATCH /sobjects/{Name}/{Field}/{Value} (201 created, 200 updated (204
 * before v46), 300 with the record URLs when several match, nothing written) and
 * PATCH /composite/sobjects/{Name}/{Field} (v46+, one object type, results carry `created`).
 * The field must be an External ID or an idLookup field; text keys match case-insensitively.
 */
import { emptyReply, jsonReply, type Reply } from '../http';
import type { DescribeField, ObjectSchema } from '../describes/catalog';
import type { StoredRecord } from '../store';
import { lockRowError, type RestCall } from './call';
import { finish, readCollection } from './collections';
import { apiError, errorsReply, notFound } from './errors';
import { readSingleWrite } from './records';
import type { Plan } from './save';
import type { FieldValues } from './validation';

interface UpsertTarget {
	schema: ObjectSchema;
	keyField: DescribeField;
}

/** The object and key field of the URL, or the 404 Salesforce answers. */
function upsertTarget(call: RestCall): UpsertTarget | Reply {
	const schema = call.org.catalog.find(call.params.Name);
	if (schema === undefined) return notFound();
	const keyField = schema.fieldIndex.get(call.params.Field.toLowerCase());
	if (keyField === undefined || !(keyField.externalId || keyField.idLookup)) {
		return apiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${call.params.Field}`);
	}
	return { schema, keyField };
}

function matchesOf(call: RestCall, { schema, keyField }: UpsertTarget, key: string): StoredRecord[] {
	return call.org.store.findBy(schema.name, keyField.name, key, keyField.caseSensitive || keyField.type === 'id');
}

export function upsertRecord(call: RestCall): Reply {
	const target = upsertTarget(call);
	if (!('keyField' in target)) return target;
	const write = readSingleWrite(call, target.schema);
	if (!write.ok) return write.reply;
	const { batch, values } = write;
	const key = call.params.Value;
	const matches = matchesOf(call, target, key);
	if (matches.length > 1) return jsonReply(300, matches.map((match) => `/services/data/v${call.version}/sobjects/${target.schema.name}/${match.Id}`));
	if (matches.length === 0 && target.keyField.type === 'id') return apiError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${key}`);
	const plan = matches.length === 1 ? batch.update(target.schema, matches[0], values) : batch.create(target.schema, { ...values, [target.keyField.name]: key });
	if (plan.kind === 'fail') return errorsReply(400, plan.errors);
	if (call.lockRow) return errorsReply(400, [lockRowError(call.userId)]);
	const id = batch.commit(plan);
	if (plan.kind === 'create') return jsonReply(201, { id, success: true, errors: [], created: true });
	return Number(call.version) < 46 ? emptyReply(204) : jsonReply(200, { id, success: true, errors: [], created: false });
}

export function upsertCollection(call: RestCall): Reply {
	if (Number(call.version) < 46) return notFound();
	const target = upsertTarget(call);
	if (!('keyField' in target)) return target;
	const read = readCollection(call);
	if (!read.ok) return read.reply;
	const { schema, keyField } = target;
	const mismatched = read.records.find((record) => record.schema !== schema);
	if (mismatched !== undefined) {
		return apiError(400, 'INVALID_TYPE', `Upsert of a collection takes records of one type: ${schema.name}, got ${mismatched.schema.name}`);
	}
	const caseSensitive = keyField.caseSensitive || keyField.type === 'id';
	const keyOf = (values: FieldValues) => (values[keyField.name] == null ? undefined : String(values[keyField.name]));
	const normalised = (key: string) => (caseSensitive ? key : key.toLowerCase());
	const keyCounts = new Map<string, number>();
	for (const { values } of read.records) {
		const key = keyOf(values);
		if (key !== undefined) keyCounts.set(normalised(key), (keyCounts.get(normalised(key)) ?? 0) + 1);
	}
	const plans = read.records.map(({ values }): Plan => {
		const key = keyOf(values);
		const fail = (errorCode: string, message: string): Plan => ({ kind: 'fail', errors: [{ errorCode, message, fields: [keyField.name] }] });
		if (key === undefined) return fail('MISSING_ARGUMENT', `${keyField.name} not specified`);
		if ((keyCounts.get(normalised(key)) ?? 0) > 1) return fail('DUPLICATE_VALUE', `Duplicate external id specified: ${key}`);
		const matches = matchesOf(call, target, key);
		if (matches.length > 1) {
			return fail('DUPLICATE_EXTERNAL_ID', `${keyField.label}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`);
		}
		if (matches.length === 0) return read.batch.create(schema, values);
		const changes = { ...values };
		delete changes[keyField.name];
		return read.batch.update(schema, matches[0], changes);
	});
	return finish(call, read, plans, true);
}
