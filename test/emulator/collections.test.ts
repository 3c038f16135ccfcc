/** POST /composite/sobjects and PATCH /composite/sobjects/{Name}/{Field}. */
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
});

describe('upsert by external id', () => {
	it('creates with 201 when nothing matches', async () => {
		const em = await emulator();
		const answer = await rest(em, 'PATCH', `${V}/sobjects/Lead/Email/ada@example.com`, { LastName: 'Lovelace', Company: 'Engines' });
		expect(answer.status).toBe(201);
		const [stored] = em.records('Lead');
		expect(answer.json).toEqual({ id: stored.Id, success: true, errors: [], created: true });
		expect(stored.Email).toBe('ada@example.com');
	});

	it('updates with 200 when one record matches', async () => {
		const em = await emulator();
		await rest(em, 'PATCH', `${V}/sobjects/Lead/Email/ada@example.com`, { LastName: 'Lovelace', Company: 'Engines' });
		const answer = await rest(em, 'PATCH', `${V}/sobjects/Lead/Email/ADA@example.com`, { Company: 'Difference Engines' });
		expect(answer.status).toBe(200);
		const leads = em.records('Lead');
		expect(leads).toHaveLength(1);
		expect(answer.json).toEqual({ id: leads[0].Id, success: true, errors: [], created: false });
		expect(leads[0].Company).toBe('Difference Engines');
	});

	it('answers 300 with the matching record URLs when several match', async () => {
		const em = await emulator();
		await rest(em, 'POST', COLLECTIONS, { records: [lead({ LastName: 'A', Company: 'C', Email: 'same@example.com' }), lead({ LastName: 'B', Company: 'C', Email: 'same@example.com' })] });
		const answer = await rest(em, 'PATCH', `${V}/sobjects/Lead/Email/same@example.com`, { Company: 'D' });
		expect(answer.status).toBe(300);
		expect(answer.json).toEqual(em.records('Lead').map((record) => `/services/data/v66.0/sobjects/Lead/${record.Id}`));
	});

	it('answers 404 for a field that is not an external id', async () => {
		const em = await emulator();
		const answer = await rest(em, 'PATCH', `${V}/sobjects/Lead/Company/Acme`, { LastName: 'A' });
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual([{ message: 'Provided external ID field does not exist or is not accessible: Company', errorCode: 'NOT_FOUND' }]);
	});

	it('upserts a collection: created and updated results in order', async () => {
		const em = await emulator();
		await rest(em, 'PATCH', `${V}/sobjects/Lead/Necessidade__c/N-1`, { LastName: 'Old', Company: 'C' });
		const answer = await rest(em, 'PATCH', `${COLLECTIONS}/Lead/Necessidade__c`, {
			allOrNone: false,
			records: [lead({ Necessidade__c: 'N-2', LastName: 'New', Company: 'C' }), lead({ Necessidade__c: 'N-1', LastName: 'Renamed' })],
		});
		const [existing, created] = em.records('Lead');
		expect(answer.json).toEqual([
			{ id: created.Id, success: true, errors: [], created: true },
			{ id: existing.Id, success: true, errors: [], created: false },
		]);
		expect(existing.LastName).toBe('Renamed');
	});
});
