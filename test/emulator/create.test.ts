/** POST /sobjects/{Name}: Salesforce's validation order, error codes and defaults. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { USER_ID, idChecksum } from '../../emulator';
import { emulator, rest, stopAll, V } from './helpers';

afterEach(stopAll);

interface Capture {
	path: string;
	http_status: number;
	request_body: Record<string, unknown>;
	body: Array<{ errorCode: string; fields: string[] }>;
}
const captures = JSON.parse(readFileSync(join(__dirname, '../../emulator/fixtures/lead-create-errors.json'), 'utf8')) as Record<string, Capture>;

describe('replaying the real failed Lead creates', () => {
	it.each(Object.keys(captures))('%s answers the captured status, errorCode and fields', async (name) => {
		const capture = captures[name];
		const em = await emulator();
		const answer = await rest(em, 'POST', capture.path, capture.request_body);
		expect(answer.status).toBe(capture.http_status);
		const errors = answer.json as Array<Record<string, unknown>>;
		expect(errors.map(({ errorCode, fields }) => ({ errorCode, fields }))).toEqual(capture.body.map(({ errorCode, fields }) => ({ errorCode, fields })));
		expect(em.records('Lead')).toEqual([]);
	});
});

describe('create', () => {
	it('answers 201 with an 18-character 00Q id and stores the record with defaults', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { LastName: 'Lovelace', Company: 'Analytical Engines', Email: 'ada@example.com' });
		expect(answer.status).toBe(201);
		const { id } = answer.json as { id: string };
		expect(answer.json).toEqual({ id, success: true, errors: [] });
		expect(id).toMatch(/^00Q[a-zA-Z0-9]{15}$/);
		expect(id.slice(15)).toBe(idChecksum(id.slice(0, 15)));
		const [stored] = em.records('Lead');
		expect(stored).toMatchObject({
			Id: id,
			LastName: 'Lovelace',
			Company: 'Analytical Engines',
			Email: 'ada@example.com',
			Name: 'Lovelace',
			Status: 'Open - Not Contacted',
			OwnerId: USER_ID,
			CreatedById: USER_ID,
			IsConverted: false,
			TesteBoleano__c: false,
		});
	});

	it('lists every missing required field in describe order', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { FirstName: 'Ada' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'Required fields are missing: [LastName, Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName', 'Company'] }]);
	});

	it('treats an empty string in a required field as missing', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { LastName: 'Lovelace', Company: '' });
		expect(answer.json).toEqual([{ message: 'Required fields are missing: [Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] }]);
	});

	it('refuses an unknown field with INVALID_FIELD before anything else', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { Nickname__c: 'x' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'No such column \'Nickname__c\' on sobject of type Lead', errorCode: 'INVALID_FIELD' }]);
	});

	it('accepts field names in any letter case and stores them under the describe name', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { lastname: 'Lovelace', COMPANY: 'Engines' });
		expect(answer.status).toBe(201);
		expect(em.records('Lead')[0]).toMatchObject({ LastName: 'Lovelace', Company: 'Engines' });
	});

	it('refuses a value of the wrong JSON type with JSON_PARSER_ERROR', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, '{"LastName":"L","Company":"C","NumberOfEmployees":"many"}', { 'Content-Type': 'application/json' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{
			message: 'Cannot deserialize instance of int from VALUE_STRING value many or request may be missing a required field at [line:1, column:51]',
			errorCode: 'JSON_PARSER_ERROR',
		}]);
	});

	it('refuses malformed JSON with JSON_PARSER_ERROR and its position', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, '{"LastName": x}', { 'Content-Type': 'application/json' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{
			message: 'Unexpected character (\'x\' (code 120)): expected a valid value (JSON String, Number, Array, Object or token \'null\', \'true\' or \'false\') at [line:1, column:14]',
			errorCode: 'JSON_PARSER_ERROR',
		}]);
	});

	it('refuses a value longer than the field with STRING_TOO_LONG', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { LastName: 'L', Company: 'C', PostalCode: '1'.repeat(21) });
		expect(answer.json).toEqual([{ message: `Zip/Postal Code: data value too large: ${'1'.repeat(21)} (max length=20)`, errorCode: 'STRING_TOO_LONG', fields: ['PostalCode'] }]);
	});

	it('refuses a malformed address with INVALID_EMAIL_ADDRESS', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { LastName: 'L', Company: 'C', Email: 'not-an-address' });
		expect(answer.json).toEqual([{ message: 'Email: invalid email address: not-an-address', errorCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email'] }]);
	});

	it('refuses a value outside a restricted picklist', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { LastName: 'L', Company: 'C', marcas__c: 'carro;trem' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'Brands: bad value for restricted picklist field: trem', errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['marcas__c'] }]);
	});

	it('accepts any value in an unrestricted picklist', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { LastName: 'L', Company: 'C', LeadSource: 'Trade Show' });
		expect(answer.status).toBe(201);
	});

	it('checks field access before required fields', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { IsDeleted: true, Name: 'x' });
		expect(answer.json).toEqual([{
			message: 'Unable to create/update fields: IsDeleted, Name. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
			errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
			fields: ['IsDeleted', 'Name'],
		}]);
	});

	it('refuses a reference that is not an id with MALFORMED_ID', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { LastName: 'L', Company: 'C', OwnerId: 'nobody' });
		expect(answer.json).toEqual([{ message: 'Owner ID: id value of incorrect type: nobody', errorCode: 'MALFORMED_ID', fields: ['OwnerId'] }]);
	});

	it('answers 415 for a write that is not JSON', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, 'LastName=L', { 'Content-Type': 'application/x-www-form-urlencoded' });
		expect(answer.status).toBe(415);
		expect(answer.json).toEqual([{ message: 'MediaType of \'application/x-www-form-urlencoded\' is not supported by this resource', errorCode: 'UNSUPPORTED_MEDIA_TYPE' }]);
	});

	it('answers 404 NOT_FOUND for an unknown object', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Prospect__c`, { Name: 'x' });
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
	});

	it('creates Accounts with the 001 key prefix', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/sobjects/Account`, { Name: 'Analytical Engines' });
		expect(answer.status).toBe(201);
		expect((answer.json as { id: string }).id.startsWith('001')).toBe(true);
	});
});
