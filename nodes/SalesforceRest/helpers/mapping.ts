/**
 * Which Salesforce field each input key is meant for. Pure.
 *
 * "Map each column below" (`defineBelow`) gives the resourceMapper's value, keyed by API name.
 * "Map automatically" (`autoMapInputData`) takes the input item as it comes, so a key may be the API
 * name (`LastName`) or the label the org shows (`Last Name`, or `Sobrenome` in a Portuguese org), in
 * any letter case.
 */
import type { SObjectDescribe, SalesforceField } from './describe';
import { isEmptyValue } from './conversion';

export type MappingMode = 'defineBelow' | 'autoMapInputData';

export interface FieldLookup {
	objectName: string;
	byName: Map<string, SalesforceField>;
	byLabel: Map<string, SalesforceField>;
}

export interface FieldAssignment {
	/** The key as it appeared in the input. */
	key: string;
	field: SalesforceField;
	value: unknown;
}

export interface MappedInput {
	assignments: FieldAssignment[];
	/** Keys with a value that match no field. */
	unknownKeys: string[];
	/** Keys that point at a field another key of the same item already set. */
	conflicts: Array<{ key: string; otherKey: string; field: string }>;
}

/** Built once per execution from the describe, then used for every item. */
export function createFieldLookup(describe: SObjectDescribe): FieldLookup {
	const byName = new Map<string, SalesforceField>();
	const byLabel = new Map<string, SalesforceField>();
	for (const field of describe.fields) {
		byName.set(field.name.toLowerCase(), field);
		// Labels are not unique: the first field in describe order keeps a shared label.
		const label = field.label?.trim().toLowerCase();
		if (label && !byLabel.has(label)) byLabel.set(label, field);
	}
	return { objectName: describe.name, byName, byLabel };
}

export function findField(lookup: FieldLookup, key: string, matchLabels: boolean): SalesforceField | undefined {
	const wanted = key.trim().toLowerCase();
	return lookup.byName.get(wanted) ?? (matchLabels ? lookup.byLabel.get(wanted) : undefined);
}

/** Assigns each non-empty input value to its field; empty values are left out, never sent as "". */
export function mapInput(lookup: FieldLookup, input: Record<string, unknown>, mode: MappingMode): MappedInput {
	const matchLabels = mode === 'autoMapInputData';
	const assignments: FieldAssignment[] = [];
	const unknownKeys: string[] = [];
	const conflicts: MappedInput['conflicts'] = [];
	const keyByField = new Map<string, string>();

	for (const [key, value] of Object.entries(input)) {
		if (isEmptyValue(value)) continue;
		const field = findField(lookup, key, matchLabels);
		if (!field) {
			unknownKeys.push(key);
			continue;
		}
		const otherKey = keyByField.get(field.name);
		if (otherKey !== undefined) {
			conflicts.push({ key, otherKey, field: field.name });
			continue;
		}
		keyByField.set(field.name, key);
		assignments.push({ key, field, value });
	}
	return { assignments, unknownKeys, conflicts };
}
