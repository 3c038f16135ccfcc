/**
 * Saving records as the org does once their JSON was read, for one API call (a WriteBatch): the
 * describe's rules (validation.ts), references that must exist, the object's own rules (converted
 * leads, campaign members: rules/), the duplicate rule, unique fields; then defaults, the
 * calling user as owner and in the audit fields (or the assignment rule's owner) and an id. Preparing and committing are separate so an all-or-none
 * Collections call can store nothing; a unique value claimed by an earlier record of the call
 * fails the later ones.
 */
import type { DescribeField, ObjectSchema } from '../describes/catalog';
import { applyChanges, storeNew, withDefaults, type Org } from '../org';
import { readAutoAssignHeader } from '../rules/assignment';
import { duplicateRuleError } from '../rules/duplicates';
import { OBJECT_RULES, type SaveContext } from '../rules/objects';
import type { StoredRecord } from '../store';
import type { SaveError } from './errors';
import { checkRecord, type FieldValues } from './validation';

export type Plan =
	| { kind: 'create'; schema: ObjectSchema; record: Record<string, unknown> }
	| { kind: 'update'; schema: ObjectSchema; target: StoredRecord; changes: FieldValues }
	| { kind: 'fail'; errors: SaveError[] };

export class WriteBatch {
	private readonly claimed = new Set<string>();

	private constructor(private readonly context: SaveContext) {}

	/** A write call by `userId`: its Sforce-* headers read once; a bad Sforce-Auto-Assign fails the whole call. */
	static open(org: Org, userId: string, headers: Record<string, string>, version: string): WriteBatch | SaveError {
		const choice = readAutoAssignHeader(headers['sforce-auto-assign']);
		if ('errorCode' in choice) return choice;
		const owner = org.rules.assignment.ownerFor(choice);
		if ('errorCode' in owner) return owner;
		const allowSave = /(?:^|[;,\s])allowSave\s*=\s*true\b/i.test(headers['sforce-duplicate-rule-header'] ?? '');
		return new WriteBatch({ org, version, allowSave, userId, assignedOwnerId: owner.ownerId });
	}

	create(schema: ObjectSchema, values: FieldValues): Plan {
		if (schema.describe.createable === false) return failed(entityError('inserted', schema));
		const { org } = this.context;
		const rules = OBJECT_RULES[schema.name] ?? {};
		const claims = this.claims();
		const errors = firstFailing([
			() => checkRecord(schema, values, 'create'),
			() => resolveReferences(org, schema, values),
			() => rules.createErrors?.(this.context, values, claims.claim) ?? [],
		]);
		if (errors.length > 0) return failed(...errors);
		const record = withDefaults(schema, values, this.context.userId);
		rules.beforeInsert?.(this.context, record);
		const late = this.lateErrors(schema, record, record, undefined, claims.claim);
		if (late.length > 0) return failed(...late);
		claims.keep();
		return { kind: 'create', schema, record };
	}

	update(schema: ObjectSchema, target: StoredRecord, values: FieldValues): Plan {
		if (schema.describe.updateable === false) return failed(entityError('updated', schema));
		const { org } = this.context;
		const rules = OBJECT_RULES[schema.name] ?? {};
		const errors = firstFailing([
			() => rules.updateErrors?.(this.context, target) ?? [],
			() => checkRecord(schema, values, 'update'),
			() => resolveReferences(org, schema, values),
		]);
		if (errors.length > 0) return failed(...errors);
		const changes = { ...values };
		rules.beforeUpdate?.(this.context, target, changes);
		const claims = this.claims();
		const late = this.lateErrors(schema, { ...target, ...changes }, changes, target.Id, claims.claim);
		if (late.length > 0) return failed(...late);
		claims.keep();
		return { kind: 'update', schema, target, changes };
	}

	/** Stores a prepared plan; answers the record's id. */
	commit(plan: Exclude<Plan, { kind: 'fail' }>): string {
		if (plan.kind === 'update') {
			applyChanges(plan.schema, plan.target, plan.changes, this.context.userId);
			return plan.target.Id;
		}
		const stored = storeNew(this.context.org, plan.schema, plan.record);
		OBJECT_RULES[plan.schema.name]?.afterInsert?.(this.context, stored);
		return stored.Id;
	}

	/**
	 * Unique keys one record asks for: `claim` is false for a key an earlier record of the call
	 * holds; they become the call's only with `keep`, once the record passed every check.
	 */
	private claims(): { claim: (key: string) => boolean; keep: () => void } {
		const asked: string[] = [];
		return {
			claim: (key) => {
				asked.push(key);
				return !this.claimed.has(key);
			},
			keep: () => asked.forEach((key) => this.claimed.add(key)),
		};
	}

	/** What the org checks on the whole record just before writing: the duplicate rule, then unique fields. */
	private lateErrors(schema: ObjectSchema, record: Record<string, unknown>, written: FieldValues, selfId: string | undefined, claim: (key: string) => boolean): SaveError[] {
		const { org, allowSave, version } = this.context;
		const duplicate = duplicateRuleError(org, schema, record, { allowSave, version, selfId });
		if (duplicate !== undefined) return [duplicate];
		return uniqueFieldErrors(org, schema, written, selfId, claim);
	}
}

function failed(...errors: SaveError[]): Plan {
	return { kind: 'fail', errors };
}

/** Salesforce stops at the first stage that finds something. */
function firstFailing(stages: Array<() => SaveError[]>): SaveError[] {
	for (const stage of stages) {
		const errors = stage();
		if (errors.length > 0) return errors;
	}
	return [];
}

function entityError(verb: 'inserted' | 'updated', schema: ObjectSchema): SaveError {
	return { errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', message: `entity type cannot be ${verb}: ${schema.label}`, fields: [] };
}

/**
 * A well-formed id of an object this org stores must name a stored record (wrong types are
 * FIELD_INTEGRITY_EXCEPTION earlier); one given in 15 characters is stored in 18, as Salesforce does.
 */
function resolveReferences(org: Org, schema: ObjectSchema, values: FieldValues): SaveError[] {
	for (const [name, value] of Object.entries(values)) {
		const describeField = schema.fieldIndex.get(name.toLowerCase()) as DescribeField;
		if (describeField.type !== 'reference' || typeof value !== 'string') continue;
		const target = org.catalog.byKeyPrefix(value.slice(0, 3));
		if (target === undefined || !describeField.referenceTo.includes(target.name)) continue;
		const referenced = org.store.byId(target.name, value);
		if (referenced === undefined) return [{ errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] }];
		values[name] = referenced.Id;
	}
	return [];
}

/**
 * Fields the describe marks unique (External_Id__c): a value another stored record holds fails with
 * DUPLICATE_VALUE naming it; one an earlier record of the same call holds fails as Salesforce
 * words it when neither record is saved yet.
 */
function uniqueFieldErrors(org: Org, schema: ObjectSchema, written: FieldValues, selfId: string | undefined, claim: (key: string) => boolean): SaveError[] {
	for (const describeField of schema.fields) {
		const value = written[describeField.name];
		if (!describeField.unique || value === undefined || value === null) continue;
		const holder = org.store.findBy(schema.name, describeField.name, value, describeField.caseSensitive).find((record) => record.Id !== selfId);
		if (holder !== undefined) {
			return [{ errorCode: 'DUPLICATE_VALUE', message: `duplicate value found: ${describeField.name} duplicates value on record with id: ${holder.Id}`, fields: [describeField.name] }];
		}
		const text = String(value);
		if (!claim(`${schema.name}.${describeField.name}=${describeField.caseSensitive ? text : text.toLowerCase()}`)) {
			return [{ errorCode: 'DUPLICATE_VALUE', message: 'duplicate value found: <unknown> duplicates value on record with id: <unknown>', fields: [] }];
		}
	}
	return [];
}
