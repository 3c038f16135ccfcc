/**
 * The parts of a Salesforce describe this package reads, and the rules derived from them.
 * Pure: plain data in, plain data out.
 */

export interface PicklistEntry {
	value: string;
	label: string | null;
	active: boolean;
	defaultValue: boolean;
}

export interface SalesforceField {
	name: string;
	label: string;
	type: string;
	length: number;
	nillable: boolean;
	createable: boolean;
	updateable: boolean;
	defaultedOnCreate: boolean;
	custom: boolean;
	calculated?: boolean;
	autoNumber?: boolean;
	/** Text compared with letter case (a case-sensitive External ID); Email and most fields are not. */
	caseSensitive?: boolean;
	restrictedPicklist?: boolean;
	picklistValues?: PicklistEntry[];
	referenceTo?: string[];
	precision?: number;
	scale?: number;
	digits?: number;
}

export interface SObjectDescribe {
	name: string;
	label: string;
	keyPrefix: string | null;
	createable: boolean;
	custom?: boolean;
	fields: SalesforceField[];
	[key: string]: unknown;
}

/** One entry of describe global (`GET /sobjects`). */
export interface SObjectSummary {
	name: string;
	label: string;
	createable: boolean;
	custom: boolean;
	keyPrefix: string | null;
}

export interface DescribeSummaryField {
	name: string;
	label: string;
	type: string;
	required: boolean;
	createable: boolean;
	updateable: boolean;
	length: number;
	picklistValues: string[];
}

export interface DescribeSummary {
	name: string;
	label: string;
	keyPrefix: string | null;
	createable: boolean;
	requiredOnCreate: string[];
	fields: DescribeSummaryField[];
}

/** How the editor shows a field or an object: "Label (ApiName)", or the API name alone when they match. */
export function labelledName(entry: { name: string; label?: string }): string {
	return entry.label && entry.label !== entry.name ? `${entry.label} (${entry.name})` : entry.name;
}

/**
 * THE rule for "must be supplied on create". No single describe flag says it: a field is required
 * when it can be set on create, cannot be null and gets no default. Checkboxes report
 * `nillable: false` only because they can never be null; they always default to false, so they are
 * never required. Auto-numbers and formulas are filled by Salesforce.
 */
export function isRequiredOnCreate(field: SalesforceField): boolean {
	return (
		field.createable &&
		!field.nillable &&
		!field.defaultedOnCreate &&
		field.type !== 'boolean' &&
		field.autoNumber !== true &&
		field.calculated !== true
	);
}

/** API names of the fields required on create, in describe order. */
export function requiredOnCreate(describe: SObjectDescribe): string[] {
	return describe.fields.filter(isRequiredOnCreate).map((field) => field.name);
}

/** Active picklist values, the org's default first, otherwise in the order Salesforce lists them. */
export function activePicklistValues(field: SalesforceField): PicklistEntry[] {
	const active = (field.picklistValues ?? []).filter((entry) => entry.active);
	const defaults = active.filter((entry) => entry.defaultValue);
	const others = active.filter((entry) => !entry.defaultValue);
	return [...defaults, ...others];
}

export function isPicklist(field: SalesforceField): boolean {
	return field.type === 'picklist' || field.type === 'multipicklist';
}

/** The "Summary" output of Object → Describe. */
export function summarizeDescribe(describe: SObjectDescribe): DescribeSummary {
	return {
		name: describe.name,
		label: describe.label,
		keyPrefix: describe.keyPrefix ?? null,
		createable: describe.createable,
		requiredOnCreate: requiredOnCreate(describe),
		fields: describe.fields.map((field) => ({
			name: field.name,
			label: field.label,
			type: field.type,
			required: isRequiredOnCreate(field),
			createable: field.createable,
			updateable: field.updateable,
			length: field.length,
			picklistValues: activePicklistValues(field).map((entry) => entry.value),
		})),
	};
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What makes an answer unusable as a describe, or undefined when it has the parts this package reads. */
export function describeFlaw(body: unknown): string | undefined {
	if (!isRecord(body)) return Array.isArray(body) ? 'a list' : `${body === null || body === undefined || body === '' ? 'no' : typeof body} content`;
	if (typeof body.name !== 'string') return 'no object name';
	if (!Array.isArray(body.fields)) return 'no list of fields';
	const bad = body.fields.findIndex((field) => !isRecord(field) || typeof field.name !== 'string' || typeof field.type !== 'string');
	return bad < 0 ? undefined : `field ${bad} has no name or type`;
}

/** The longest object or field API name Salesforce makes: a 15-character namespace, `__`, 40 characters and a suffix such as `__mdt`, with room to spare. */
const MAX_API_NAME_LENGTH = 80;

/**
 * Salesforce object and field API names: letters, digits and underscores, starting with a letter
 * (`Lead`, `My_Object__c`, `ns__Obj__c`), at most MAX_API_NAME_LENGTH long. Anything else cannot be
 * one, so it is refused before it reaches a URL.
 */
export function isSalesforceApiName(name: string): boolean {
	return name.length <= MAX_API_NAME_LENGTH && /^[A-Za-z][A-Za-z0-9_]*$/.test(name);
}
