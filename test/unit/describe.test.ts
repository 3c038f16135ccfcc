import leadDescribeJson from '../../emulator/fixtures/lead-describe-v54.json';
import {
	activePicklistValues,
	isRequiredOnCreate,
	isSalesforceApiName,
	requiredOnCreate,
	summarizeDescribe,
	type SalesforceField,
	type SObjectDescribe,
} from '../../nodes/SalesforceRest/helpers/describe';

const leadDescribe = leadDescribeJson as unknown as SObjectDescribe;

function field(overrides: Partial<SalesforceField>): SalesforceField {
	return {
		name: 'Field__c',
		label: 'Field',
		type: 'string',
		length: 80,
		nillable: true,
		createable: true,
		updateable: true,
		defaultedOnCreate: false,
		custom: true,
		...overrides,
	};
}

describe('requiredOnCreate', () => {
	it('lists exactly LastName and Company for the captured Lead describe, in describe order', () => {
		expect(requiredOnCreate(leadDescribe)).toEqual(['LastName', 'Company']);
	});

	it('never lists a checkbox, although checkboxes report nillable false', () => {
		const checkbox = leadDescribe.fields.find((entry) => entry.name === 'TesteBoleano__c') as SalesforceField;
		expect(checkbox).toMatchObject({ type: 'boolean', nillable: false, createable: true });
		expect(isRequiredOnCreate(checkbox)).toBe(false);
		expect(isRequiredOnCreate({ ...checkbox, defaultedOnCreate: false })).toBe(false);
	});

	it('does not list fields that default on create (Status, OwnerId)', () => {
		const names = ['Status', 'OwnerId'];
		const fields = leadDescribe.fields.filter((entry) => names.includes(entry.name));
		expect(fields.map((entry) => [entry.name, entry.nillable, entry.defaultedOnCreate])).toEqual([
			['Status', false, true],
			['OwnerId', false, true],
		]);
		expect(fields.some(isRequiredOnCreate)).toBe(false);
	});

	it('lists a custom field the org made required', () => {
		const withRequired = { ...leadDescribe, fields: [...leadDescribe.fields, field({ name: 'Region__c', nillable: false })] };
		expect(requiredOnCreate(withRequired)).toEqual(['LastName', 'Company', 'Region__c']);
	});

	it('does not list read-only, auto-number or formula fields', () => {
		expect(isRequiredOnCreate(field({ nillable: false, createable: false }))).toBe(false);
		expect(isRequiredOnCreate(field({ nillable: false, autoNumber: true }))).toBe(false);
		expect(isRequiredOnCreate(field({ nillable: false, calculated: true }))).toBe(false);
	});
});

describe('activePicklistValues', () => {
	it('puts the default value first and leaves inactive values out', () => {
		const picklist = field({
			type: 'picklist',
			picklistValues: [
				{ value: 'A', label: 'A', active: true, defaultValue: false },
				{ value: 'Old', label: 'Old', active: false, defaultValue: false },
				{ value: 'B', label: 'B', active: true, defaultValue: true },
			],
		});
		expect(activePicklistValues(picklist).map((entry) => entry.value)).toEqual(['B', 'A']);
	});

	it('keeps the captured Lead Status order with its default "Open - Not Contacted" first', () => {
		const status = leadDescribe.fields.find((entry) => entry.name === 'Status') as SalesforceField;
		expect(activePicklistValues(status).map((entry) => entry.value)).toEqual([
			'Open - Not Contacted',
			'Working - Contacted',
			'Closed - Converted',
			'Closed - Not Converted',
		]);
	});
});

describe('summarizeDescribe', () => {
	const summary = summarizeDescribe(leadDescribe);

	it('keeps name, label, key prefix and createable of the object', () => {
		expect(summary).toMatchObject({ name: 'Lead', label: 'Lead', keyPrefix: '00Q', createable: true });
		expect(summary.requiredOnCreate).toEqual(['LastName', 'Company']);
	});

	it('describes every field in short, required only where requiredOnCreate says so', () => {
		expect(summary.fields).toHaveLength(leadDescribe.fields.length);
		expect(summary.fields.find((entry) => entry.name === 'LastName')).toEqual({
			name: 'LastName',
			label: 'Sobrenome',
			type: 'string',
			required: true,
			createable: true,
			updateable: true,
			length: 80,
			picklistValues: [],
		});
		expect(summary.fields.filter((entry) => entry.required).map((entry) => entry.name)).toEqual(['LastName', 'Company']);
	});

	it('lists the active values of a restricted multi-select picklist', () => {
		expect(summary.fields.find((entry) => entry.name === 'marcas__c')?.picklistValues).toHaveLength(4);
	});
});

describe('isSalesforceApiName', () => {
	it.each(['Lead', 'My_Object__c', 'ns__Obj__c', 'A1'])('accepts %s', (name) => {
		expect(isSalesforceApiName(name)).toBe(true);
	});

	it.each(['', '1Lead', '_Lead', 'Lead/describe', '../Lead', 'Lead ', 'Lé'])('refuses %j', (name) => {
		expect(isSalesforceApiName(name)).toBe(false);
	});

	it('accepts the longest names Salesforce makes and refuses a 5,000-letter one before any pattern runs', () => {
		expect(isSalesforceApiName(`ns_15_characte__${'F'.repeat(40)}__mdt`)).toBe(true);
		expect(isSalesforceApiName('F'.repeat(5000))).toBe(false);
	});
});
