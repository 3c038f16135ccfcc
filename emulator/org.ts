/**
 * The emulated org: its schema, its records, its id minter and its automation settings, and how a
 * record gets the values the org fills in (defaults, owner, audit fields) whatever wrote it: the
 * API, the start-up options or a test's `insert`.
 */
import type { ObjectSchema, SchemaCatalog } from './describes/catalog';
import type { IdMinter } from './ids';
import type { QueryCursors } from './rest/query';
import type { AssignmentRules } from './rules/assignment';
import type { DuplicateRuleAction } from './rules/duplicates';
import type { RecordStore, StoredRecord } from './store';
import type { UserDirectory } from './users';

export interface OrgRules {
	/** The active Lead duplicate rule on Email, by what it does on a match; undefined: no rule. */
	duplicateRuleOnEmail?: DuplicateRuleAction;
	assignment: AssignmentRules;
}

export interface Org {
	/** The org id (00D). */
	id: string;
	users: UserDirectory;
	catalog: SchemaCatalog;
	store: RecordStore;
	ids: IdMinter;
	rules: OrgRules;
	/** Query results with pages still to fetch. */
	cursors: QueryCursors;
}

/**
 * A new record `userId` creates, with what the org fills in, in describe order: given values win,
 * then system fields (that user as owner and in the audit fields), then defaults.
 */
export function withDefaults(schema: ObjectSchema, values: Record<string, unknown>, userId: string): Record<string, unknown> {
	const record: Record<string, unknown> = {};
	const now = salesforceNow();
	const system: Record<string, unknown> = {
		ownerid: userId, createdbyid: userId, lastmodifiedbyid: userId,
		createddate: now, lastmodifieddate: now, systemmodstamp: now,
	};
	for (const describeField of schema.fields) {
		const key = describeField.name.toLowerCase();
		if (key === 'id') continue;
		const given = values[describeField.name];
		if (given !== undefined && given !== null) {
			record[describeField.name] = given;
		} else if (system[key] !== undefined) {
			record[describeField.name] = system[key];
		} else if (describeField.type === 'boolean') {
			record[describeField.name] = describeField.defaultValue === true;
		} else if (describeField.type === 'picklist') {
			const defaultEntry = describeField.picklistValues.find((entry) => entry.active && entry.defaultValue);
			if (defaultEntry !== undefined) record[describeField.name] = defaultEntry.value;
		} else if (describeField.defaultValue !== null && describeField.defaultValue !== undefined) {
			record[describeField.name] = describeField.defaultValue;
		}
	}
	refreshPersonName(schema, record);
	return record;
}

/** Stores a record under a new id with the object's key prefix. */
export function storeNew(org: Org, schema: ObjectSchema, record: Record<string, unknown>): StoredRecord {
	const stored: StoredRecord = { Id: org.ids.next(schema.keyPrefix), ...record };
	org.store.insert(schema.name, stored);
	return stored;
}

/** Applies changes as an edit by `userId`: audit fields move, the compound name follows. */
export function applyChanges(schema: ObjectSchema, record: StoredRecord, changes: Record<string, unknown>, userId: string): void {
	Object.assign(record, changes);
	const now = salesforceNow();
	if (schema.fieldIndex.has('lastmodifieddate')) record.LastModifiedDate = now;
	if (schema.fieldIndex.has('systemmodstamp')) record.SystemModstamp = now;
	if (schema.fieldIndex.has('lastmodifiedbyid')) record.LastModifiedById = userId;
	refreshPersonName(schema, record);
}

/** Lead and Contact have a read-only compound Name built from FirstName and LastName. */
function refreshPersonName(schema: ObjectSchema, record: Record<string, unknown>): void {
	const nameField = schema.fieldIndex.get('name');
	if (nameField === undefined || nameField.createable || !schema.fieldIndex.has('lastname')) return;
	record.Name = [record.FirstName, record.LastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
}

/** Salesforce's datetime format in answers: 2026-05-01T12:00:00.000+0000. */
export function salesforceNow(): string {
	return new Date().toISOString().replace('Z', '+0000');
}
