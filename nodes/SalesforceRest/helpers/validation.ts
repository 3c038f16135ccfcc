/**
 * Checks one item against the describe and builds the record Salesforce will receive. Pure.
 * An item that fails here is reported on its own output item and no request is ever sent for it.
 */
import { listed, shorten } from './bounded';
import { convertValue, type SalesforceValue } from './conversion';
import { requiredOnCreate, type SObjectDescribe } from './describe';
import { createFieldLookup, mapInput, type FieldLookup, type MappingMode } from './mapping';
import type { SalesforceProblem } from './problem';

/** Fields an item's error names at most. */
const LISTED_FIELDS = 10;

const requiredMessage = (name: string) => `Required field "${name}" has no value`;

export type SalesforceRecord = Record<string, SalesforceValue>;

export type PreparedRecord = { ok: true; record: SalesforceRecord } | { ok: false; problem: SalesforceProblem };

interface FieldProblem {
	errorCode: string;
	field: string;
	message: string;
}

/** Everything per-describe that preparing an item needs, computed once per describe. */
export interface RecordRules {
	lookup: FieldLookup;
	requiredFields: string[];
}

/** How an item's values reach fields, and which fields "Map Automatically" may set (none listed: all). */
export interface PrepareOptions {
	mode: MappingMode;
	autoMapAllowed?: ReadonlySet<string>;
	/**
	 * Whether the fields required on create must be there now. Not when the record may update an
	 * existing one: its required fields are already set (checked with `missingRequired` once the node
	 * knows it creates).
	 */
	requireCreateFields?: boolean;
}

export function createRecordRules(describe: SObjectDescribe): RecordRules {
	return {
		lookup: createFieldLookup(describe),
		requiredFields: requiredOnCreate(describe),
	};
}

function fieldReference(fieldName: string, key: string): string {
	return key.trim().toLowerCase() === fieldName.toLowerCase()
		? `Field "${fieldName}"`
		: `Field "${fieldName}" (input key "${shorten(key)}")`;
}

export function prepareRecord(rules: RecordRules, input: Record<string, unknown>, options: PrepareOptions): PreparedRecord {
	const { mode, autoMapAllowed } = options;
	const objectName = rules.lookup.objectName;
	const { assignments, unknownKeys, conflicts } = mapInput(rules.lookup, input, mode);
	const problems: FieldProblem[] = [];
	const record: SalesforceRecord = {};

	for (const key of unknownKeys) {
		problems.push({
			errorCode: 'INVALID_FIELD',
			field: shorten(key),
			message: `Unknown field "${shorten(key)}": ${objectName} has no field with this API name${mode === 'autoMapInputData' ? ' or label' : ''}`,
		});
	}
	for (const { key, otherKey, field } of conflicts) {
		problems.push({
			errorCode: 'DUPLICATE_VALUE',
			field,
			message: `Field "${field}" is given twice, by input keys "${shorten(otherKey)}" and "${shorten(key)}"`,
		});
	}
	for (const { key, field, value } of assignments) {
		if (mode === 'autoMapInputData' && autoMapAllowed && autoMapAllowed.size > 0 && !autoMapAllowed.has(field.name)) {
			problems.push({
				errorCode: 'FIELD_NOT_ALLOWED',
				field: field.name,
				message: `${fieldReference(field.name, key)} may not be set by this input: it is not one of the fields "Map Automatically" may set`,
			});
			continue;
		}
		if (!field.createable) {
			problems.push({
				errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
				field: field.name,
				message: `${fieldReference(field.name, key)} cannot be set when creating a ${objectName}`,
			});
			continue;
		}
		const converted = convertValue(field, value);
		if (converted.ok) {
			record[field.name] = converted.value;
		} else {
			problems.push({
				errorCode: converted.errorCode,
				field: field.name,
				message: `${fieldReference(field.name, key)}: ${converted.message}`,
			});
		}
	}

	const missing = options.requireCreateFields === false ? [] : missingRequired(rules, record).filter(
		(name) => !problems.some((problem) => problem.field === name),
	);
	for (const name of missing) {
		problems.push({
			errorCode: 'REQUIRED_FIELD_MISSING',
			field: name,
			message: requiredMessage(name),
		});
	}

	if (problems.length === 0) return { ok: true, record };
	// An item with thousands of bad keys is reported by its first few problems, not all of them.
	const fields = [...new Set(problems.map((problem) => problem.field))];
	return {
		ok: false,
		problem: {
			errorCode: problems[0].errorCode,
			message: listed(problems.map((problem) => problem.message), LISTED_FIELDS, '; '),
			fields: fields.slice(0, LISTED_FIELDS),
		},
	};
}

/** The fields required on create that a record lacks. */
export function missingRequired(rules: RecordRules, record: SalesforceRecord): string[] {
	return rules.requiredFields.filter((name) => !(name in record));
}

/** The problem of a record that is to create a lead and lacks required fields, or undefined. */
export function requiredProblem(rules: RecordRules, record: SalesforceRecord): SalesforceProblem | undefined {
	const missing = missingRequired(rules, record);
	if (missing.length === 0) return undefined;
	const message = missing.map(requiredMessage).join('; ');
	return { errorCode: 'REQUIRED_FIELD_MISSING', message, fields: missing };
}

/** The problem of a record that is to update a lead but sets fields that cannot be changed, or undefined. */
export function updateProblem(rules: RecordRules, record: SalesforceRecord): SalesforceProblem | undefined {
	const fixed = Object.keys(record).filter((name) => rules.lookup.byName.get(name.toLowerCase())?.updateable === false);
	if (fixed.length === 0) return undefined;
	const message = `${fixed.map((name) => `Field "${name}"`).join(', ')} cannot be changed on an existing ${rules.lookup.objectName}`;
	return { errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', message, fields: fixed };
}
