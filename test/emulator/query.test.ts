/** GET /query with simple SOQL. */
import { emulator, lead, rest, stopAll, V } from './helpers';

afterEach(stopAll);

async function seeded() {
	const em = await emulator();
	await rest(em, 'POST', `${V}/composite/sobjects`, {
		records: [
			lead({ LastName: 'Ada', Company: 'Engines', Email: 'ada@example.com' }),
			lead({ LastName: 'Grace', Company: 'Navy' }),
			lead({ LastName: 'Edsger', Company: 'Engines' }),
		],
	});
	return em;
}

const query = (soql: string) => `${V}/query?q=${encodeURIComponent(soql)}`;

describe('query', () => {
	it('selects the named fields of matching records with attributes', async () => {
		const em = await seeded();
		const answer = await rest(em, 'GET', query('SELECT Id, LastName FROM Lead WHERE Company = \'engines\' AND Email = null'));
		const edsger = em.records('Lead')[2];
		expect(answer.json).toEqual({
			totalSize: 1,
			done: true,
			records: [{ attributes: { type: 'Lead', url: `/services/data/v66.0/sobjects/Lead/${edsger.Id}` }, Id: edsger.Id, LastName: 'Edsger' }],
		});
	});

	it('honours LIMIT', async () => {
		const em = await seeded();
		const answer = await rest(em, 'GET', query('select LastName from Lead limit 2'));
		expect((answer.json as { records: Array<{ LastName: string }> }).records.map((r) => r.LastName)).toEqual(['Ada', 'Grace']);
	});

	it('answers INVALID_FIELD for an unknown column', async () => {
		const em = await seeded();
		const answer = await rest(em, 'GET', query('SELECT Shoe__c FROM Lead'));
		expect(answer.status).toBe(400);
		expect((answer.json as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_FIELD');
	});

	it('answers INVALID_TYPE for an unknown object', async () => {
		const em = await seeded();
		const answer = await rest(em, 'GET', query('SELECT Id FROM Prospect'));
		expect(answer.status).toBe(400);
		expect((answer.json as Array<{ errorCode: string }>)[0].errorCode).toBe('INVALID_TYPE');
	});

	it('answers MALFORMED_QUERY for what it cannot parse', async () => {
		const em = await seeded();
		const answer = await rest(em, 'GET', query('SELECT Id FORM Lead'));
		expect(answer.status).toBe(400);
		expect((answer.json as Array<{ errorCode: string }>)[0].errorCode).toBe('MALFORMED_QUERY');
	});
});
