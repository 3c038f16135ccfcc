/** POST /composite/sobjects. */
import { makeId } from '../../emulator';
import { emulator, lead, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const COLLECTIONS = `${V}/composite/sobjects`;

describe('Collections create', () => {
	it('answers 200 with one result per record, in order, a failed entry without an id key', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', COLLECTIONS, {
			allOrNone: false,
			records: [lead({ LastName: 'A', Company: 'C' }), lead({ LastName: 'B' }), lead({ LastName: 'C', Company: 'C' })],
		});
		expect(answer.status).toBe(200);
		const [first, second, third] = em.records('Lead');
		expect(third).toBeUndefined();
		expect(answer.json).toEqual([
			{ id: first.Id, success: true, errors: [] },
			{ success: false, errors: [{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company]', fields: ['Company'] }] },
			{ id: second.Id, success: true, errors: [] },
		]);
		expect([first.LastName, second.LastName]).toEqual(['A', 'C']);
	});

	it('counts the whole call as one API call', async () => {
		const em = await emulator();
		const records = Array.from({ length: 200 }, (_, i) => lead({ LastName: `L${i}`, Company: 'C' }));
		const answer = await rest(em, 'POST', COLLECTIONS, { records });
		expect(answer.headers['sforce-limit-info']).toBe('api-usage=1/15000');
		expect(em.apiUsage().byEndpoint).toEqual({ 'POST /composite/sobjects': 1 });
		expect(em.records('Lead')).toHaveLength(200);
	});

	it('refuses more than 200 records with EXCEEDED_ID_LIMIT and stores nothing', async () => {
		const em = await emulator();
		const records = Array.from({ length: 201 }, (_, i) => lead({ LastName: `L${i}`, Company: 'C' }));
		const answer = await rest(em, 'POST', COLLECTIONS, { records });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'record limit reached. cannot submit more than 200 records into this call', errorCode: 'EXCEEDED_ID_LIMIT' }]);
		expect(em.records('Lead')).toEqual([]);
	});

	it('refuses the whole call when a record lacks attributes.type', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', COLLECTIONS, { records: [lead({ LastName: 'A', Company: 'C' }), { LastName: 'B', Company: 'C' }] });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'records[1]: an sObject in a collection needs its type in "attributes": {"type": "..."}', errorCode: 'JSON_PARSER_ERROR' }]);
		expect(em.records('Lead')).toEqual([]);
	});

	it('refuses the whole call when a record names an unknown field', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', COLLECTIONS, { records: [lead({ LastName: 'A', Company: 'C' }), lead({ Shoe_Size__c: 42 })] });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'No such column \'Shoe_Size__c\' on sobject of type Lead', errorCode: 'INVALID_FIELD' }]);
		expect(em.records('Lead')).toEqual([]);
	});

	it('rolls every record back under allOrNone when one fails', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', COLLECTIONS, { allOrNone: true, records: [lead({ LastName: 'A', Company: 'C' }), lead({ LastName: 'B', Email: 'bad' , Company: 'C' })] });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual([
			{ success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: 'Record rolled back because not all records were valid and the request was using AllOrNone header', fields: [] }] },
			{ success: false, errors: [{ statusCode: 'INVALID_EMAIL_ADDRESS', message: 'Email: invalid email address: bad', fields: ['Email'] }] },
		]);
		expect(em.records('Lead')).toEqual([]);
	});

	it('creates mixed object types in one call', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', COLLECTIONS, { records: [{ attributes: { type: 'Account' }, Name: 'Acme' }, { attributes: { type: 'Contact' }, LastName: 'Doe' }] });
		const ids = (answer.json as Array<{ id: string }>).map((result) => result.id.slice(0, 3));
		expect(ids).toEqual(['001', '003']);
	});

	it('answers 415 for a non-JSON content type', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', COLLECTIONS, '<records/>', { 'Content-Type': 'application/xml' });
		expect(answer.status).toBe(415);
	});

	it('fails a later record of the call that repeats a unique value, as Salesforce words it when neither is saved yet', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', COLLECTIONS, { records: [lead({ LastName: 'A', Company: 'C', External_Id__c: 'X-1' }), lead({ LastName: 'B', Company: 'C', External_Id__c: 'x-1' })] });
		const [saved] = em.records('Lead');
		expect(answer.json).toEqual([
			{ id: saved.Id, success: true, errors: [] },
			{ success: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: 'duplicate value found: <unknown> duplicates value on record with id: <unknown>', fields: [] }] },
		]);
	});

	it('fails a reference to a record the org does not have with INVALID_CROSS_REFERENCE_KEY', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', COLLECTIONS, { records: [{ attributes: { type: 'Contact' }, LastName: 'Doe', AccountId: makeId('001', 7) }] });
		expect(answer.json).toEqual([{ success: false, errors: [{ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] }] }]);
	});
});
