/** What Salesforce refuses, refused locally first, so that one bad value never rolls back a batch of 200. */
import { convertValue } from '../../nodes/SalesforceRest/helpers/conversion';
import type { SalesforceField } from '../../nodes/SalesforceRest/helpers/describe';
import { isSalesforceEmail } from '../../nodes/SalesforceRest/helpers/email';
import { isSalesforceId } from '../../nodes/SalesforceRest/helpers/ids';
import { integerDigits } from '../../nodes/SalesforceRest/helpers/numbers';

function field(type: string, overrides: Partial<SalesforceField> = {}): SalesforceField {
	return { name: 'F__c', label: 'F', type, length: 0, nillable: true, createable: true, updateable: true, defaultedOnCreate: false, custom: true, ...overrides };
}

/** Lead's own numeric fields as its describe gives them. */
const numberOfEmployees = field('int', { name: 'NumberOfEmployees', digits: 8 });
const latitude = field('double', { name: 'Latitude', precision: 18, scale: 15 });
const longitude = field('double', { name: 'Longitude', precision: 18, scale: 15 });
const annualRevenue = field('currency', { name: 'AnnualRevenue', precision: 18, scale: 0 });
const locations = field('double', { name: 'NumberofLocations__c', precision: 3, scale: 0 });

describe('email addresses, by Salesforce’s rule', () => {
	it.each(['ana@example.com', "o'brien@x.com", 'a.b+tag@sub.example.co.uk', 'x_y%z@a-b.io', 'A@B.CO'])('accepts %s', (email) => {
		expect(isSalesforceEmail(email)).toBe(true);
	});

	it.each(['ana@exämple.com', 'anä@example.com', 'ana@example', 'ana@@example.com', '@example.com', 'ana@-x.com', 'ana@x-.com', 'ana@x..com', 'a b@x.com', 'ana@x.com.', 'a@x@y.com'])(
		'refuses %s',
		(email) => {
			expect(isSalesforceEmail(email)).toBe(false);
		},
	);

	it('refuses a unicode address as INVALID_EMAIL_ADDRESS', () => {
		expect(convertValue(field('email', { length: 80 }), 'josé@exemplo.com.br')).toMatchObject({ ok: false, errorCode: 'INVALID_EMAIL_ADDRESS' });
	});
});

describe('numbers, by what the field holds', () => {
	it('refuses NumberOfEmployees 1e20: more than its 8 digits', () => {
		expect(convertValue(numberOfEmployees, 1e20)).toEqual({
			ok: false,
			errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
			message: '100000000000000000000 is outside the range of a whole-number field (±2147483647)',
		});
		expect(convertValue(numberOfEmployees, 123456789)).toEqual({
			ok: false,
			errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
			message: '123456789 has more than the 8 digits before the decimal point that the field holds',
		});
		expect(convertValue(numberOfEmployees, '12345678')).toEqual({ ok: true, value: 12345678 });
	});

	it('refuses Latitude 1000 and 91, and Longitude 181; accepts -90 and 180', () => {
		expect(convertValue(latitude, 1000)).toMatchObject({ ok: false, errorCode: 'NUMBER_OUTSIDE_VALID_RANGE' });
		expect(convertValue(latitude, '91')).toEqual({ ok: false, errorCode: 'NUMBER_OUTSIDE_VALID_RANGE', message: '91 is not between -90 and 90 degrees' });
		expect(convertValue(longitude, 181)).toMatchObject({ ok: false, errorCode: 'NUMBER_OUTSIDE_VALID_RANGE' });
		expect(convertValue(latitude, -90)).toEqual({ ok: true, value: -90 });
		expect(convertValue(longitude, '180.000000000000001')).toEqual({ ok: true, value: 180 });
	});

	it('refuses more integer digits than precision minus scale, and accepts fractions below 1', () => {
		expect(convertValue(locations, 1000)).toMatchObject({ ok: false, errorCode: 'NUMBER_OUTSIDE_VALID_RANGE' });
		expect(convertValue(locations, 999.4)).toEqual({ ok: true, value: 999.4 });
		expect(convertValue(annualRevenue, '1e18')).toMatchObject({ ok: false, errorCode: 'NUMBER_OUTSIDE_VALID_RANGE' });
		expect(convertValue(field('double', { precision: 3, scale: 3 }), 0.123)).toEqual({ ok: true, value: 0.123 });
	});

	it('refuses a 300 kB number without parsing it', () => {
		expect(convertValue(annualRevenue, '9'.repeat(300_000))).toEqual({
			ok: false,
			errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
			message: 'is 300000 characters long, more than any Salesforce number can hold',
		});
	});

	it('counts integer digits of any finite number without throwing', () => {
		expect([0.5, 1, 999.9, 1000, 1e20, 1e21, 1e300, -12.5].map(integerDigits)).toEqual([0, 1, 3, 4, 21, 22, 301, 2]);
	});
});

describe('text fields never receive NaN or Infinity as words', () => {
	it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('refuses %s', (value) => {
		expect(convertValue(field('string', { length: 80 }), value)).toMatchObject({ ok: false, errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD' });
	});
});

describe('record ids', () => {
	it('accepts 15 and 18-character ids with a matching suffix', () => {
		expect(isSalesforceId('00QEm0000000001')).toBe(true);
		expect(isSalesforceId('00QEm0000000001MAA')).toBe(true);
		expect(isSalesforceId('00QEm0000000001maa')).toBe(true);
	});

	it.each(['00QEm0000000001MAB', '00QEm000000000', '00QEm0000000001-AA', 'not an id at all', ''])('refuses %j', (id) => {
		expect(isSalesforceId(id)).toBe(false);
	});

	it('refuses a malformed id for a reference field with MALFORMED_ID', () => {
		expect(convertValue(field('reference', { name: 'OwnerId', length: 18 }), 'me')).toEqual({
			ok: false,
			errorCode: 'MALFORMED_ID',
			message: '"me" is not a Salesforce record id (15 or 18 letters and digits)',
		});
	});
});

describe('dates and date-times never throw', () => {
	it.each(['2024-01-01T10:00:00+99:99', '2024-01-01T10:00:00-2400', '2024-01-01T10:00:00+19:00', '2024-01-01T10:00:00+05:60', '2024-01-01T10:00:00+5', '1699-12-31', '4001-01-01T00:00:00Z', '2024-02-30T10:00:00Z', '2024-01-01T10:00:00.1234567890Z'])(
		'refuses the date-time %s',
		(value) => {
			expect(convertValue(field('datetime'), value)).toMatchObject({ ok: false, errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD' });
		},
	);

	it.each([1e20, -1e20, Number.NaN, Number.POSITIVE_INFINITY, new Date(Number.NaN), new Date(8.64e15)])('refuses the instant %s', (value) => {
		expect(convertValue(field('datetime'), value)).toMatchObject({ ok: false, errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD' });
	});

	it('accepts zone offsets up to 18 hours, and a date-time ending on 4000-12-31 in UTC', () => {
		expect(convertValue(field('datetime'), '2024-01-01T10:00:00+18:00')).toEqual({ ok: true, value: '2023-12-31T16:00:00.000Z' });
		expect(convertValue(field('datetime'), '2024-01-01T10:00:00-0530')).toEqual({ ok: true, value: '2024-01-01T15:30:00.000Z' });
		expect(convertValue(field('datetime'), '2024-01-01T10:00:00+05')).toEqual({ ok: true, value: '2024-01-01T05:00:00.000Z' });
		expect(convertValue(field('datetime'), '4000-12-31T23:00:00+01:00')).toEqual({ ok: true, value: '4000-12-31T22:00:00.000Z' });
		expect(convertValue(field('datetime'), '4000-12-31T23:00:00-02:00')).toMatchObject({ ok: false });
	});

	it('refuses a date whose time part is impossible, instead of dropping the time', () => {
		expect(convertValue(field('date'), '2024-12-31T25:99:00Z')).toMatchObject({ ok: false, errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD' });
	});

	it('refuses an invalid Luxon DateTime', () => {
		const invalid = { isValid: false, toMillis: () => Number.NaN, toISODate: () => null };
		expect(convertValue(field('datetime'), invalid)).toMatchObject({ ok: false });
		expect(convertValue(field('date'), invalid)).toMatchObject({ ok: false });
	});

	it('refuses times that are not times', () => {
		expect(convertValue(field('time'), '10:30:00.000Z')).toEqual({ ok: true, value: '10:30:00.000Z' });
		expect(['24:00', '10:60', '10:30:00.1234', '10:30Zx', '1'.repeat(1000)].map((value) => convertValue(field('time'), value).ok)).toEqual([false, false, false, false, false]);
	});
});

describe('lengths, counted as Salesforce counts characters', () => {
	it('counts an emoji as one character', () => {
		expect(convertValue(field('string', { length: 3 }), '😀😀😀')).toEqual({ ok: true, value: '😀😀😀' });
		expect(convertValue(field('string', { length: 3 }), '😀😀😀😀')).toMatchObject({ ok: false, errorCode: 'STRING_TOO_LONG' });
	});
});
