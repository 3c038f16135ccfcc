/** Upsert by an external id: PATCH /sobjects/{Name}/{Field}/{value} and PATCH /composite/sobjects/{Name}/{Field}. */
import { emulator, lead, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const COLLECTIONS = `${V}/composite/sobjects`;
const ADA = { LastName: 'Lovelace', Company: 'Engines', Email: 'ada@example.com' };

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

	it('writes nothing when several records match (300)', async () => {
		const em = await emulator();
		em.insert('Lead', { ...ADA, Email: 'same@example.com' });
		em.insert('Lead', { ...ADA, Email: 'same@example.com' });
		await rest(em, 'PATCH', `${V}/sobjects/Lead/Email/same@example.com`, { Company: 'D' });
		expect(em.records('Lead').map((record) => record.Company)).toEqual(['Engines', 'Engines']);
	});

	it('answers 204 with no body for an update before v46', async () => {
		const em = await emulator();
		em.insert('Lead', ADA);
		const answer = await rest(em, 'PATCH', '/services/data/v45.0/sobjects/Lead/Email/ada@example.com', { Title: 'Countess' });
		expect(answer.status).toBe(204);
		expect(answer.text).toBe('');
	});

	it('upserts by the External ID field External_Id__c', async () => {
		const em = await emulator();
		const existing = em.insert('Lead', { ...ADA, External_Id__c: 'CRM-1' });
		const answer = await rest(em, 'PATCH', `${V}/sobjects/Lead/External_Id__c/crm-1`, { Title: 'Countess' });
		expect(answer.json).toEqual({ id: existing, success: true, errors: [], created: false });
		expect(em.records('Lead')[0].Title).toBe('Countess');
	});

	it('refuses to upsert into a converted lead with CANNOT_UPDATE_CONVERTED_LEAD', async () => {
		const em = await emulator();
		em.insert('Lead', { ...ADA, IsConverted: true });
		const answer = await rest(em, 'PATCH', `${V}/sobjects/Lead/Email/ada@example.com`, { Title: 'Countess' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'cannot reference converted lead', errorCode: 'CANNOT_UPDATE_CONVERTED_LEAD', fields: [] }]);
	});

	it('runs the duplicate rule on the record an upsert updates', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'block' });
		em.insert('Lead', ADA);
		em.insert('Lead', { ...ADA, Email: 'grace@example.com', External_Id__c: 'G' });
		const answer = await rest(em, 'PATCH', `${V}/sobjects/Lead/External_Id__c/G`, { Email: 'ada@example.com' });
		expect(answer.status).toBe(400);
		expect((answer.json as Array<{ errorCode: string }>)[0].errorCode).toBe('DUPLICATES_DETECTED');
	});
});

describe('Collections upsert', () => {
	it('fails every row that repeats a key of the call with DUPLICATE_VALUE, any letter case', async () => {
		const em = await emulator();
		const answer = await rest(em, 'PATCH', `${COLLECTIONS}/Lead/Email`, {
			records: [lead({ ...ADA }), lead({ ...ADA, Email: 'ADA@example.com' }), lead({ ...ADA, Email: 'grace@example.com' })],
		});
		const duplicate = (key: string) => ({ success: false, created: false, errors: [{ statusCode: 'DUPLICATE_VALUE', message: `Duplicate external id specified: ${key}`, fields: ['Email'] }] });
		const [grace] = em.records('Lead');
		expect(answer.json).toEqual([duplicate('ada@example.com'), duplicate('ADA@example.com'), { id: grace.Id, success: true, errors: [], created: true }]);
	});

	it('fails a row whose key matches several stored records with DUPLICATE_EXTERNAL_ID', async () => {
		const em = await emulator();
		const first = em.insert('Lead', ADA);
		const second = em.insert('Lead', ADA);
		const answer = await rest(em, 'PATCH', `${COLLECTIONS}/Lead/Email`, { records: [lead({ Email: 'ada@example.com', Title: 'Countess' })] });
		expect(answer.json).toEqual([{
			success: false,
			created: false,
			errors: [{ statusCode: 'DUPLICATE_EXTERNAL_ID', message: `Email: more than one record found for external id field: [${first}, ${second}]`, fields: ['Email'] }],
		}]);
	});

	it('fails a row that matches a converted lead with CANNOT_UPDATE_CONVERTED_LEAD', async () => {
		const em = await emulator();
		em.insert('Lead', { ...ADA, External_Id__c: 'CRM-1', IsConverted: true });
		const answer = await rest(em, 'PATCH', `${COLLECTIONS}/Lead/External_Id__c`, { records: [lead({ External_Id__c: 'CRM-1', Title: 'Countess' })] });
		expect(answer.json).toEqual([{ success: false, created: false, errors: [{ statusCode: 'CANNOT_UPDATE_CONVERTED_LEAD', message: 'cannot reference converted lead', fields: [] }] }]);
	});

	it('fails a row without the key with MISSING_ARGUMENT', async () => {
		const em = await emulator();
		const answer = await rest(em, 'PATCH', `${COLLECTIONS}/Lead/External_Id__c`, { records: [lead(ADA)] });
		expect(answer.json).toEqual([{ success: false, created: false, errors: [{ statusCode: 'MISSING_ARGUMENT', message: 'External_Id__c not specified', fields: ['External_Id__c'] }] }]);
	});

	it('answers 404 for a key field that is neither an External ID nor an idLookup field', async () => {
		const em = await emulator();
		const answer = await rest(em, 'PATCH', `${COLLECTIONS}/Lead/Company`, { records: [lead(ADA)] });
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual([{ message: 'Provided external ID field does not exist or is not accessible: Company', errorCode: 'NOT_FOUND' }]);
	});

	it('does not exist before v46', async () => {
		const em = await emulator();
		const answer = await rest(em, 'PATCH', `/services/data/v45.0/composite/sobjects/Lead/Email`, { records: [lead(ADA)] });
		expect(answer.status).toBe(404);
	});

	it('counts as one API call under its own key', async () => {
		const em = await emulator();
		await rest(em, 'PATCH', `${COLLECTIONS}/Lead/Email`, { records: [lead(ADA)] });
		expect(em.apiUsage().byEndpoint).toEqual({ 'PATCH /composite/sobjects/{Name}/{Field}': 1 });
	});
});
