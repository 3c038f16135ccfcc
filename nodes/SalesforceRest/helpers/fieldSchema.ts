/**
 * The Lead describe as the resourceMapper's field list (what the editor offers under "Fields"). Pure.
 */
import type { FieldType, ResourceMapperField } from 'n8n-workflow';

import { activePicklistValues, isRequiredOnCreate, labelledName, type SObjectDescribe, type SalesforceField } from './describe';

const FIELD_TYPES: Record<string, FieldType> = {
	int: 'number',
	long: 'number',
	double: 'number',
	currency: 'number',
	percent: 'number',
	boolean: 'boolean',
	date: 'dateTime',
	datetime: 'dateTime',
	time: 'time',
	picklist: 'options',
};

/**
 * n8n's input type for a Salesforce type. Text-like types (string, textarea, email, phone, url,
 * reference ids) stay strings; a multi-select picklist is text with values separated by ";", since an
 * `options` input holds only one value.
 */
export function resourceMapperType(field: SalesforceField): FieldType {
	return FIELD_TYPES[field.type] ?? 'string';
}

export function toResourceMapperField(field: SalesforceField): ResourceMapperField {
	const type = resourceMapperType(field);
	const name = labelledName(field);
	return {
		id: field.name,
		displayName: field.type === 'multipicklist' ? `${name}, values separated by ;` : name,
		required: isRequiredOnCreate(field),
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type,
		...(type === 'options' && {
			options: activePicklistValues(field).map((entry) => ({ name: entry.label ?? entry.value, value: entry.value })),
		}),
	};
}

/** Every field that can be set on create, in describe order. */
export function createableFieldSchema(describe: SObjectDescribe): ResourceMapperField[] {
	return describe.fields.filter((field) => field.createable).map(toResourceMapperField);
}
