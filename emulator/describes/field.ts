/**
 * Builds describe fields with exactly the key set and value conventions of a real describe (the
 * Lead capture in fixtures/ is the model), from a short spec, so the built-in objects read like
 * Salesforce wrote them.
 */

export type FieldType =
	| 'id' | 'reference' | 'string' | 'textarea' | 'email' | 'phone' | 'url' | 'picklist' | 'multipicklist'
	| 'boolean' | 'int' | 'double' | 'currency' | 'percent' | 'date' | 'datetime' | 'address';

export interface FieldExtras {
	picklist?: string[];
	defaultPicklistValue?: string;
	restrictedPicklist?: boolean;
	referenceTo?: string[];
	relationshipName?: string;
	precision?: number;
	scale?: number;
	defaultValue?: unknown;
	nameField?: boolean;
	compoundFieldName?: string;
	extraTypeInfo?: string;
	namePointing?: boolean;
}

const SOAP_TYPES: Record<FieldType, string> = {
	id: 'tns:ID', reference: 'tns:ID', string: 'xsd:string', textarea: 'xsd:string', email: 'xsd:string',
	phone: 'xsd:string', url: 'xsd:string', picklist: 'xsd:string', multipicklist: 'xsd:string',
	boolean: 'xsd:boolean', int: 'xsd:int', double: 'xsd:double', currency: 'xsd:double', percent: 'xsd:double',
	date: 'xsd:date', datetime: 'xsd:dateTime', address: 'urn:address',
};

const TEXT_TYPES: FieldType[] = ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist'];

/**
 * flags: c createable, u updateable, n nillable, d defaultedOnCreate, i idLookup, x externalId,
 * q unique, C custom. A system field is plain '' (read-only, not nillable) or 'n'/'d' as needed.
 */
export function field(name: string, label: string, type: FieldType, length: number, flags: string, extras: FieldExtras = {}): Record<string, unknown> {
	const has = (flag: string) => flags.includes(flag);
	const longText = type === 'textarea' && length > 255;
	const isText = TEXT_TYPES.includes(type);
	const reference = type === 'reference' || type === 'id';
	const picklistValues = (extras.picklist ?? []).map((value) => ({
		active: true,
		defaultValue: value === extras.defaultPicklistValue,
		label: value,
		validFor: null,
		value,
	}));
	const referenceTo = extras.referenceTo ?? [];
	return {
		aggregatable: !longText && type !== 'address' && type !== 'multipicklist',
		aiPredictionField: false,
		autoNumber: false,
		byteLength: reference ? 18 : isText ? length * 3 : 0,
		calculated: false,
		calculatedFormula: null,
		cascadeDelete: false,
		caseSensitive: false,
		compoundFieldName: extras.compoundFieldName ?? null,
		controllerName: null,
		createable: has('c'),
		custom: has('C'),
		defaultValue: extras.defaultValue ?? (type === 'boolean' ? false : null),
		defaultValueFormula: null,
		defaultedOnCreate: has('d'),
		dependentPicklist: false,
		deprecatedAndHidden: false,
		digits: type === 'int' ? 9 : 0,
		displayLocationInDecimal: false,
		encrypted: false,
		externalId: has('x'),
		extraTypeInfo: extras.extraTypeInfo ?? null,
		filterable: !longText && type !== 'address',
		filteredLookupInfo: null,
		formulaTreatNullNumberAsZero: false,
		groupable: !longText && !['double', 'currency', 'percent', 'datetime', 'address', 'multipicklist'].includes(type),
		highScaleNumber: false,
		htmlFormatted: false,
		idLookup: has('i') || type === 'id',
		inlineHelpText: null,
		label,
		length: reference ? 18 : isText ? length : 0,
		mask: null,
		maskType: null,
		name,
		nameField: extras.nameField ?? false,
		namePointing: extras.namePointing ?? false,
		nillable: has('n'),
		permissionable: has('n') && has('c'),
		picklistValues,
		polymorphicForeignKey: referenceTo.length > 1,
		precision: extras.precision ?? 0,
		queryByDistance: false,
		referenceTargetField: null,
		referenceTo,
		relationshipName: extras.relationshipName ?? null,
		relationshipOrder: null,
		restrictedDelete: false,
		restrictedPicklist: extras.restrictedPicklist ?? false,
		scale: extras.scale ?? 0,
		searchPrefilterable: false,
		soapType: SOAP_TYPES[type],
		sortable: !longText && type !== 'address' && type !== 'multipicklist',
		type,
		unique: has('q'),
		updateable: has('u'),
		writeRequiresMasterRead: false,
	};
}

/** The read-only system fields every standard object carries, in Salesforce's order. */
export function auditFields(): Array<Record<string, unknown>> {
	return [
		field('CreatedDate', 'Created Date', 'datetime', 0, 'd'),
		field('CreatedById', 'Created By ID', 'reference', 18, 'd', { referenceTo: ['User'], relationshipName: 'CreatedBy' }),
		field('LastModifiedDate', 'Last Modified Date', 'datetime', 0, 'd'),
		field('LastModifiedById', 'Last Modified By ID', 'reference', 18, 'd', { referenceTo: ['User'], relationshipName: 'LastModifiedBy' }),
		field('SystemModstamp', 'System Modstamp', 'datetime', 0, 'd'),
	];
}
