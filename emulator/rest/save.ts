/**
 * Saving records as the org does once a record's JSON was read: validation rules (see
 * validation.ts), the optional Lead duplicate rule on Email, the optional Lead assignment rule,
 * then defaults (picklist default, owner, checkboxes, audit fields) and an id with the key prefix.
 * Preparing and committing are separate so an all-or-none Collections call can store nothing.
 */
import type { ObjectSchema, SchemaCatalog } from '../describes/catalog';
import { USER_ID, type IdMinter } from '../ids';
import type { RecordStore, StoredRecord } from '../store';
import type { SaveError } from './errors';
import { checkRecord, type FieldValues } from './validation';

export interface OrgRules {
	duplicateRuleOnEmail: boolean;
	assignmentRuleOwnerId?: string;
}

export interface Org {
	catalog: SchemaCatalog;
	store: RecordStore;
	ids: IdMinter;
	rules: OrgRules;
}

/** What the Sforce-* request headers ask of a save. */
export interface SaveOptions {
	/** Sforce-Auto-Assign: absent, TRUE or an AssignmentRule id run the rule; FALSE skips it. */
	runAssignmentRule: boolean;
	/** Sforce-Duplicate-Rule-Header: allowSave=true saves despite duplicate matches. */
	allowDuplicates: boolean;
	/** For record URLs in answers, e.g. '66.0'. */
	version: string;
}

export function saveOptions(headers: Record<string, string>, version: string): SaveOptions {
	const autoAssign = (headers['sforce-auto-assign'] ?? 'TRUE').trim();
	const duplicateHeader = headers['sforce-duplicate-rule-header'] ?? '';
	return {
		runAssignmentRule: autoAssign.toUpperCase() !== 'FALSE',
		allowDuplicates: /(?:^|[;,\s])allowSave\s*=\s*true\b/i.test(duplicateHeader),
		version,
	};
}

export type Prepared = { ok: true; record: Record<string, unknown> } | { ok: false; errors: SaveError[] };

/** A new record ready to store (no Id yet), or why the org refuses it. */
export function prepareCreate(org: Org, schema: ObjectSchema, values: FieldValues, options: SaveOptions): Prepared {
	const errors = checkRecord(schema, values, 'create');
	if (errors.length > 0) return { ok: false, errors };
	const duplicate = duplicateRuleError(org, schema, values, options);
	if (duplicate !== undefined) return { ok: false, errors: [duplicate] };
	return { ok: true, record: withDefaults(org, schema, values, options) };
}

/** Stores a prepared record under a new id. */
export function commitCreate(org: Org, schema: ObjectSchema, record: Record<string, unknown>): string {
	const id = org.ids.next(schema.keyPrefix);
	const stored: StoredRecord = { Id: id, ...record };
	org.store.insert(schema.name, stored);
	return id;
}

/** Changes for an existing record, or why the org refuses them. */
export function prepareUpdate(schema: ObjectSchema, values: FieldValues): { ok: true } | { ok: false; errors: SaveError[] } {
	const errors = checkRecord(schema, values, 'update');
	return errors.length > 0 ? { ok: false, errors } : { ok: true };
}

export function commitUpdate(schema: ObjectSchema, record: StoredRecord, values: FieldValues): void {
	Object.assign(record, values);
	const now = salesforceNow();
	if (schema.fieldIndex.has('lastmodifieddate')) record.LastModifiedDate = now;
	if (schema.fieldIndex.has('systemmodstamp')) record.SystemModstamp = now;
	if (schema.fieldIndex.has('lastmodifiedbyid')) record.LastModifiedById = USER_ID;
	refreshPersonName(schema, record);
}

function duplicateRuleError(org: Org, schema: ObjectSchema, values: FieldValues, options: SaveOptions): SaveError | undefined {
	if (!org.rules.duplicateRuleOnEmail || schema.name !== 'Lead' || options.allowDuplicates) return undefined;
	const email = values.Email;
	if (typeof email !== 'string') return undefined;
	const matches = org.store.findBy('Lead', 'Email', email);
	if (matches.length === 0) return undefined;
	const message = 'You\'re creating a duplicate record. We recommend you use an existing record instead.';
	return {
		errorCode: 'DUPLICATES_DETECTED',
		message,
		fields: [],
		duplicateResult: {
			allowSave: true,
			duplicateRule: 'Standard_Lead_Duplicate_Rule',
			duplicateRuleEntityType: 'Lead',
			errorMessage: message,
			matchResults: [{
				entityType: 'Lead',
				errors: [],
				matchEngine: 'FuzzyMatchEngine',
				matchRecords: matches.map((match) => ({
					additionalInformation: [],
					fieldDiffs: [],
					matchConfidence: 100.0,
					record: { attributes: { type: 'Lead', url: `/services/data/v${options.version}/sobjects/Lead/${match.Id}` }, Id: match.Id },
				})),
				rule: 'Standard_Lead_Match_Rule_v1_0',
				size: matches.length,
				success: true,
			}],
		},
	};
}

/** What the org fills in on insert, in describe order. */
function withDefaults(org: Org, schema: ObjectSchema, values: FieldValues, options: SaveOptions): Record<string, unknown> {
	const record: Record<string, unknown> = {};
	const now = salesforceNow();
	const system: Record<string, unknown> = {
		ownerid: USER_ID, createdbyid: USER_ID, lastmodifiedbyid: USER_ID,
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
	const assignTo = org.rules.assignmentRuleOwnerId;
	if (schema.name === 'Lead' && assignTo !== undefined && options.runAssignmentRule) record.OwnerId = assignTo;
	refreshPersonName(schema, record);
	return record;
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
