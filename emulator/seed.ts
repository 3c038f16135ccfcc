/**
 * Data the org holds before any API call: the start-up options (assignment rules, campaigns) and
 * what a test stores with `insert` to set up a case without API calls.
 */
import { storeNew, withDefaults, type Org } from './org';
import { seedCampaigns } from './rules/campaigns';
import { OBJECT_RULES } from './rules/objects';
import type { EmulatorOptions } from './types';

export function seedOrg(org: Org, options: EmulatorOptions): void {
	for (const rule of options.assignmentRules ?? []) org.rules.assignment.add(org, rule);
	// The older option is the org's active rule, kept for the tests and the CLI flag that use it.
	if (options.assignmentRuleOwnerId !== undefined) {
		org.rules.assignment.add(org, { name: 'Lead Assignment Rule', active: true, ownerId: options.assignmentRuleOwnerId });
	}
	seedCampaigns(org, options.campaigns ?? []);
}

/**
 * Stores a record as given, with the org's defaults and derived values but none of the API's
 * checks: any field of the describe may be set (IsConverted, LastModifiedDate, OwnerId, ...);
 * the default user creates it. Field names are case-insensitive; an unknown one is a mistake in
 * the test and throws.
 */
export function insertRecord(org: Org, objectName: string, fields: Record<string, unknown>): string {
	const schema = org.catalog.find(objectName);
	if (schema === undefined) throw new Error(`insert: the org has no object ${objectName}`);
	const values: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(fields)) {
		const describeField = schema.fieldIndex.get(name.toLowerCase());
		if (describeField === undefined || describeField.name === 'Id') throw new Error(`insert: ${schema.name} has no settable field ${name}`);
		values[describeField.name] = value;
	}
	const rules = OBJECT_RULES[schema.name];
	const context = { org, version: '66.0', allowSave: true, userId: org.users.defaultUser.id };
	const record = withDefaults(schema, values, context.userId);
	rules?.beforeInsert?.(context, record);
	const stored = storeNew(org, schema, { ...record, ...values });
	rules?.afterInsert?.(context, stored);
	return stored.Id;
}
