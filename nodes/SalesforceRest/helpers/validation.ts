/**
 * Checks one item against the describe and builds the record Salesforce will receive. Pure.
 * An item that fails here is reported on its own output item and no request is ever sent for it.
 */
import { convertValue, type SalesforceValue } from './conversion';
import { requiredOnCreate, type SObjectDescribe } from './describe';
import { createFieldLookup, mapInput, type FieldLookup, type MappingMode } from './mapping';
import type { SalesforceProblem } from './problem';

export type SalesforceRecord = Record<string, SalesforceValue>;

export type PreparedRecord = { ok: true; record: SalesforceRecord } | { ok: false; problem: SalesforceProblem };

interface FieldProblem {
	errorCode: string;
	field: string;
	message: string;
}

/** Everything per-describe that preparing an item needs, computed once per execution. */
export interface RecordRules {
	lookup: FieldLookup;
	requiredFields: string[];
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
		: `Field "${fieldName}" (input key "${key}")`;
}

export function prepareRecord(
	rules: RecordRules,
	input: Record<string, unknown>,
	mode: MappingMode,
): PreparedRecord {
	const objectName = rules.lookup.objectName;
	const { assignments, unknownKeys, conflicts } = mapInput(rules.lookup, input, mode);
	const problems: FieldProblem[] = [];
	const record: SalesforceRecord = {};

	for (const key of unknownKeys) {
		problems.push({
			errorCode: 'INVALID_FIELD',
			field: key,
			message: `Unknown field "${key}": ${objectName} has no field with this API name${mode === 'autoMapInputData' ? ' or label' : ''}`,
		});
	}
	for (const { key, otherKey, field } of conflicts) {
		problems.push({
			errorCode: 'DUPLICATE_VALUE',
			field,
			message: `Field "${field}" is given twice, by input keys "${otherKey}" and "${key}"`,
		});
	}
	for (const { key, field, value } of assignments) {
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

	const missing = rules.requiredFields.filter(
		(name) => !(name in record) && !problems.some((problem) => problem.field === name),
	);
	for (const name of missing) {
		problems.push({
			errorCode: 'REQUIRED_FIELD_MISSING',
			field: name,
			message: `Required field "${name}" has no value`,
		});
	}

	if (problems.length === 0) return { ok: true, record };
	return {
		ok: false,
		problem: {
			errorCode: problems[0].errorCode,
			message: problems.map((problem) => problem.message).join('; '),
			fields: [...new Set(problems.map((problem) => problem.field))],
		},
	};
}
