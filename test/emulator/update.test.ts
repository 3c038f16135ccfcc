/** PATCH /composite/sobjects: update by Id. */
import { makeId } from '../../emulator';
import { emulator, lead, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const COLLECTIONS = `${V}/composite/sobjects`;
const ADA = { LastName: 'Lovelace', Company: 'Engines', Email: 'ada@example.com' };

async function orgWithAda() {
	const em = await emulator();
	return { em, ada: em.insert('Lead', ADA) };
}

describe('Collections update', () => {
	it('updates each record by its id and answers one result per record, in order, as one API call', async () => {
		const { em, ada } = await orgWithAda();
		const grace = em.insert('Lead', { LastName: 'Hopper', Company: 'Navy' });
		const answer = await rest(em, 'PATCH', COLLECTIONS, { allOrNone: false, records: [lead({ id: grace, Title: 'Admiral' }), lead({ Id: ada, Company: 'Difference Engines' })] });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual([{ id: grace, success: true, errors: [] }, { id: ada, success: true, errors: [] }]);
		expect(em.records('Lead').map(({ Title, Company }) => ({ Title, Company }))).toEqual([
			{ Title: undefined, Company: 'Difference Engines' },
			{ Title: 'Admiral', Company: 'Navy' },
		]);
		expect(em.apiUsage().byEndpoint).toEqual({ 'PATCH /composite/sobjects': 1 });
		expect(answer.headers['sforce-limit-info']).toBe('api-usage=1/15000');
	});

	it('moves LastModifiedDate and keeps the compound Name in step', async () => {
		const em = await emulator();
		const ada = em.insert('Lead', { ...ADA, LastModifiedDate: '2020-01-01T00:00:00.000+0000' });
		await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: ada, FirstName: 'Ada' })] });
		const [stored] = em.records('Lead');
		expect(stored.Name).toBe('Ada Lovelace');
		expect(stored.LastModifiedDate).not.toBe('2020-01-01T00:00:00.000+0000');
	});

	it('fails a record without an id with MISSING_ARGUMENT', async () => {
		const { em } = await orgWithAda();
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ Title: 'Countess' })] });
		expect(answer.json).toEqual([{ success: false, errors: [{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }] }]);
	});

	it('fails an id that is not a Salesforce id, or not one of this object, with MALFORMED_ID on Id', async () => {
		const { em } = await orgWithAda();
		const account = makeId('001', 1);
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: 'nope', Title: 'x' }), lead({ id: account, Title: 'x' })] });
		expect(answer.json).toEqual([
			{ success: false, errors: [{ statusCode: 'MALFORMED_ID', message: 'Lead ID: id value of incorrect type: nope', fields: ['Id'] }] },
			{ success: false, errors: [{ statusCode: 'MALFORMED_ID', message: `Lead ID: id value of incorrect type: ${account}`, fields: ['Id'] }] },
		]);
	});

	it('fails an id of no stored record with ENTITY_IS_DELETED', async () => {
		const { em } = await orgWithAda();
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: makeId('00Q', 99), Title: 'x' })] });
		expect(answer.json).toEqual([{ success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] }]);
	});

	it('fails every record of an id given twice in one call with DUPLICATE_VALUE', async () => {
		const { em, ada } = await orgWithAda();
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: ada, Title: 'a' }), lead({ id: ada.slice(0, 15), Title: 'b' })] });
		const error = (id: string) => ({ success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: `Duplicate id in list: ${id}`, fields: [] }] });
		expect(answer.json).toEqual([error(ada), error(ada.slice(0, 15))]);
		expect(em.records('Lead')[0].Title).toBeUndefined();
	});

	it('finds a record by its 15-character id', async () => {
		const { em, ada } = await orgWithAda();
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: ada.slice(0, 15), Title: 'Countess' })] });
		expect(answer.json).toEqual([{ id: ada, success: true, errors: [] }]);
	});

	it('refuses fields that are not updateable with INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
		const { em, ada } = await orgWithAda();
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: ada, IsConverted: true })] });
		expect(answer.json).toEqual([{
			success: false,
			errors: [{
				statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
				message: 'Unable to create/update fields: IsConverted. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
				fields: ['IsConverted'],
			}],
		}]);
	});

	it('does not ask for required fields that are not given', async () => {
		const { em, ada } = await orgWithAda();
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: ada, Title: 'Countess' })] });
		expect(answer.json).toEqual([{ id: ada, success: true, errors: [] }]);
	});

	it('refuses to empty a field that cannot be null with REQUIRED_FIELD_MISSING', async () => {
		const { em, ada } = await orgWithAda();
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: ada, Company: '', Status: null })] });
		expect(answer.json).toEqual([{ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company, Status]', fields: ['Company', 'Status'] }] }]);
	});

	it('checks values as on create', async () => {
		const { em, ada } = await orgWithAda();
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: ada, Email: 'not-an-address' })] });
		expect(answer.json).toEqual([{ success: false, errors: [{ statusCode: 'INVALID_EMAIL_ADDRESS', message: 'Email: invalid email address: not-an-address', fields: ['Email'] }] }]);
	});

	it('refuses to update a converted lead with CANNOT_UPDATE_CONVERTED_LEAD', async () => {
		const em = await emulator();
		const converted = em.insert('Lead', { ...ADA, IsConverted: true, Status: 'Closed - Converted' });
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: converted, Title: 'Countess' })] });
		expect(answer.json).toEqual([{ success: false, errors: [{ statusCode: 'CANNOT_UPDATE_CONVERTED_LEAD', message: 'cannot reference converted lead', fields: [] }] }]);
	});

	it('stores nothing under allOrNone when one record fails; the others report ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
		const { em, ada } = await orgWithAda();
		const answer = await rest(em, 'PATCH', COLLECTIONS, { allOrNone: true, records: [lead({ id: ada, Title: 'Countess' }), lead({ id: makeId('00Q', 99), Title: 'x' })] });
		expect(answer.json).toEqual([
			{ success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }] },
			{ success: false, errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] },
		]);
		expect(em.records('Lead')[0].Title).toBeUndefined();
	});

	it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
		const { em, ada } = await orgWithAda();
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: Array.from({ length: 201 }, () => lead({ id: ada, Title: 'x' })) });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'record limit reached. cannot submit more than 200 records into this call', errorCode: 'EXCEEDED_ID_LIMIT' }]);
	});

	it('fails a value another record holds in a unique field with DUPLICATE_VALUE', async () => {
		const em = await emulator();
		const first = em.insert('Lead', { ...ADA, External_Id__c: 'CRM-1' });
		const second = em.insert('Lead', { LastName: 'Hopper', Company: 'Navy' });
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: second, External_Id__c: 'crm-1' })] });
		expect(answer.json).toEqual([{ success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: `duplicate value found: External_Id__c duplicates value on record with id: ${first}`, fields: ['External_Id__c'] }] }]);
	});
});

describe('Collections update under faults', () => {
	it('fails every record with UNABLE_TO_LOCK_ROW and stores nothing when the org reports row lock contention', async () => {
		const { em, ada } = await orgWithAda();
		em.faults.add({ method: 'PATCH', path: '/composite/sobjects', errorCode: 'UNABLE_TO_LOCK_ROW' });
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: ada, Title: 'Countess' })] });
		expect(answer.json).toEqual([{ success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: expect.stringContaining('unable to obtain exclusive access'), fields: [] }] }]);
		expect(em.records('Lead')[0].Title).toBeUndefined();
	});
});
