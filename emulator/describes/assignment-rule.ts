/** AssignmentRule: the org's Case and Lead assignment rules, queryable and read-only through the API. */
import { auditFields, field } from './field';
import type { SObjectSpec } from './sobject';

export const ASSIGNMENT_RULE: SObjectSpec = {
	name: 'AssignmentRule',
	label: 'Assignment Rule',
	labelPlural: 'Assignment Rules',
	keyPrefix: '01Q',
	readOnly: true,
	fields: [
		field('Id', 'Assignment Rule ID', 'id', 18, 'd'),
		field('Name', 'Name', 'string', 120, '', { nameField: true }),
		field('SobjectType', 'Sobject Type', 'picklist', 40, '', { picklist: ['Case', 'Lead'], restrictedPicklist: true }),
		field('Active', 'Active', 'boolean', 0, 'd'),
		...auditFields(),
	],
	childRelationships: [],
};
