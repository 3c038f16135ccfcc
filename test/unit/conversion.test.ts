import { DateTime } from 'luxon';

import { convertValue, isEmptyValue } from '../../nodes/SalesforceRest/helpers/conversion';
import type { SalesforceField } from '../../nodes/SalesforceRest/helpers/describe';

function field(type: string, overrides: Partial<SalesforceField> = {}): SalesforceField {
	return {
		name: 'F__c',
		label: 'F',
		type,
		length: 0,
		nillable: true,
		createable: true,
		updateable: true,
		defaultedOnCreate: false,
		custom: true,
		...overrides,
	};
}

const picklist = (type: 'picklist' | 'multipicklist', restrictedPicklist: boolean, length = 255) =>
	field(type, {
		length,
		restrictedPicklist,
		picklistValues: [
			{ value: 'Web', label: 'Web', active: true, defaultValue: false },
			{ value: 'Phone Inquiry', label: 'Telefone', active: true, defaultValue: false },
			{ value: 'Retired', label: 'Retired', active: false, defaultValue: false },
		],
	});

describe('isEmptyValue', () => {
	it.each([null, undefined, '', '   ', []])('treats %j as no value', (value) => {
		expect(isEmptyValue(value)).toBe(true);
	});

	it.each([0, false, 'x', ['a']])('treats %j as a value', (value) => {
		expect(isEmptyValue(value)).toBe(false);
	});
});

describe('text fields', () => {
	it('sends strings as given and numbers as text', () => {
		expect(convertValue(field('string', { length: 10 }), ' Ana ')).toEqual({ ok: true, value: ' Ana ' });
		expect(convertValue(field('phone', { length: 40 }), 5511999)).toEqual({ ok: true, value: '5511999' });
	});

	it('refuses a string longer than the field length with STRING_TOO_LONG', () => {
		expect(convertValue(field('string', { length: 5 }), 'abcdef')).toEqual({
			ok: false,
			errorCode: 'STRING_TOO_LONG',
			message: 'is 6 characters long, the field allows at most 5',
		});
	});

	it('refuses an object for a text field', () => {
		expect(convertValue(field('string', { length: 5 }), { a: 1 })).toMatchObject({
			ok: false,
			errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
			message: 'expected text, got an object',
		});
	});

	it('trims an email and refuses one without @ or domain', () => {
		expect(convertValue(field('email', { length: 80 }), ' ana@example.com ')).toEqual({ ok: true, value: 'ana@example.com' });
		expect(convertValue(field('email', { length: 80 }), 'ana.example.com')).toMatchObject({ ok: false, errorCode: 'INVALID_EMAIL_ADDRESS' });
		expect(convertValue(field('email', { length: 80 }), 'ana@example')).toMatchObject({ ok: false, errorCode: 'INVALID_EMAIL_ADDRESS' });
	});
});

describe('number fields', () => {
	it('accepts numbers and numeric text', () => {
		expect(convertValue(field('currency'), '250.5')).toEqual({ ok: true, value: 250.5 });
		expect(convertValue(field('double'), -1.25)).toEqual({ ok: true, value: -1.25 });
		expect(convertValue(field('int'), ' 10 ')).toEqual({ ok: true, value: 10 });
	});

	it('refuses a fraction for a whole-number field', () => {
		expect(convertValue(field('int'), 10.5)).toEqual({
			ok: false,
			errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD',
			message: 'expected a whole number, got 10.5',
		});
	});

	it.each(['ten', '1,5', '12abc', true, Number.NaN, Number.POSITIVE_INFINITY])('refuses %j', (value) => {
		expect(convertValue(field('double'), value)).toMatchObject({ ok: false, errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD' });
	});
});

describe('checkbox fields', () => {
	it.each([
		[true, true],
		['true', true],
		['Yes', true],
		['1', true],
		[1, true],
		[false, false],
		['FALSE', false],
		['no', false],
		[0, false],
	])('reads %j as %j', (value, expected) => {
		expect(convertValue(field('boolean'), value)).toEqual({ ok: true, value: expected });
	});

	it('refuses a word that is not yes or no', () => {
		expect(convertValue(field('boolean'), 'maybe')).toMatchObject({ ok: false, errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD' });
	});
});

describe('date fields', () => {
	it('accepts YYYY-MM-DD and keeps the date part of a date-time as written', () => {
		expect(convertValue(field('date'), '1993-05-11')).toEqual({ ok: true, value: '1993-05-11' });
		expect(convertValue(field('date'), '1993-05-11T23:30:00-03:00')).toEqual({ ok: true, value: '1993-05-11' });
	});

	it('accepts a JS Date and a Luxon DateTime', () => {
		expect(convertValue(field('date'), new Date('2026-02-03T10:00:00Z'))).toEqual({ ok: true, value: '2026-02-03' });
		const luxon = DateTime.fromISO('2026-02-03T22:00:00.000-03:00', { setZone: true });
		expect(convertValue(field('date'), luxon)).toEqual({ ok: true, value: '2026-02-03' });
	});

	it.each(['11/05/1993', '1993-02-30', '1993-13-01', 19930511])('refuses %j', (value) => {
		expect(convertValue(field('date'), value)).toMatchObject({ ok: false, errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD' });
	});
});

describe('date-time fields', () => {
	it('normalises a date-time with a time zone to UTC', () => {
		expect(convertValue(field('datetime'), '1993-05-11T11:50:00-03:00')).toEqual({ ok: true, value: '1993-05-11T14:50:00.000Z' });
		expect(convertValue(field('datetime'), '1993-05-11 11:50:00+0200')).toEqual({ ok: true, value: '1993-05-11T09:50:00.000Z' });
	});

	it('sends a date-time without a time zone as written (Salesforce reads it as UTC)', () => {
		expect(convertValue(field('datetime'), '1993-05-11T11:50')).toEqual({ ok: true, value: '1993-05-11T11:50:00' });
	});

	it('reads a date alone as midnight UTC and epoch milliseconds as an instant', () => {
		expect(convertValue(field('datetime'), '1993-05-11')).toEqual({ ok: true, value: '1993-05-11T00:00:00.000Z' });
		expect(convertValue(field('datetime'), 0)).toEqual({ ok: true, value: '1970-01-01T00:00:00.000Z' });
	});

	it('accepts a Luxon DateTime', () => {
		const luxon = DateTime.fromISO('2026-02-03T10:00:00.000-03:00', { setZone: true });
		expect(convertValue(field('datetime'), luxon)).toEqual({ ok: true, value: '2026-02-03T13:00:00.000Z' });
	});

	it.each(['yesterday', '1993-05-11T25:00:00Z', '1993-05-11T10:61Z', true])('refuses %j', (value) => {
		expect(convertValue(field('datetime'), value)).toMatchObject({ ok: false, errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD' });
	});
});

describe('picklist fields', () => {
	it('returns the org spelling of an active value matched in any letter case', () => {
		expect(convertValue(picklist('picklist', true), 'phone inquiry')).toEqual({ ok: true, value: 'Phone Inquiry' });
	});

	it('refuses a value outside a restricted picklist, listing the allowed ones', () => {
		expect(convertValue(picklist('picklist', true), 'Fax')).toEqual({
			ok: false,
			errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
			message: '"Fax" is not one of the allowed values: Web, Phone Inquiry',
		});
	});

	it('names at most 20 allowed values, each cut to 60 characters', () => {
		const values = ['V'.repeat(255), ...Array.from({ length: 24 }, (_, index) => `Value ${index}`)];
		const long = field('picklist', { length: 255, restrictedPicklist: true, picklistValues: values.map((value) => ({ value, label: value, active: true, defaultValue: false })) });
		expect(convertValue(long, 'Fax')).toEqual({
			ok: false,
			errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
			message: `"Fax" is not one of the allowed values: ${'V'.repeat(60)}… (255 characters), ${values.slice(1, 20).join(', ')} and 5 more`,
		});
	});

	it('refuses an inactive value of a restricted picklist', () => {
		expect(convertValue(picklist('picklist', true), 'Retired')).toMatchObject({ ok: false, errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
	});

	it('passes any value to an unrestricted picklist', () => {
		expect(convertValue(picklist('picklist', false), ' Fax ')).toEqual({ ok: true, value: 'Fax' });
	});

	it('joins multi-select values from a list or from ";"-separated text, without repeats', () => {
		expect(convertValue(picklist('multipicklist', true), ['web', 'Phone Inquiry'])).toEqual({ ok: true, value: 'Web;Phone Inquiry' });
		expect(convertValue(picklist('multipicklist', true), 'Web; phone inquiry;web;')).toEqual({ ok: true, value: 'Web;Phone Inquiry' });
	});

	it('refuses a multi-select value outside a restricted picklist', () => {
		expect(convertValue(picklist('multipicklist', true), 'Web;Fax')).toMatchObject({
			ok: false,
			errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
			message: '"Fax" is not one of the allowed values: Web, Phone Inquiry',
		});
	});

	it('refuses picklist text longer than the field', () => {
		expect(convertValue(picklist('picklist', false, 3), 'Fax2')).toMatchObject({ ok: false, errorCode: 'STRING_TOO_LONG' });
	});
});
