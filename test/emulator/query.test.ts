/** GET /query: the SOQL subset, its errors, pages, and Salesforce's URI limits. */
import { makeId } from '../../emulator';
import { call, emulator, rest, stopAll, V } from './helpers';

afterEach(stopAll);

/** Quotes encoded too, so the length measured is the length sent (URL would encode them itself). */
const query = (soql: string) => `${V}/query?q=${encodeURIComponent(soql).replace(/'/g, '%27')}`;
type Page = { totalSize: number; done: boolean; nextRecordsUrl?: string; records: Array<Record<string, unknown>> };

async function seeded() {
	const em = await emulator();
	const ids = [
		em.insert('Lead', { LastName: 'Ada', Company: 'Engines', Email: 'ada@example.com' }),
		em.insert('Lead', { LastName: 'grace', Company: 'Navy', Email: 'o\'brien@example.com' }),
		em.insert('Lead', { LastName: 'Edsger', Company: 'Engines', Email: 'back\\slash@example.com', IsConverted: true }),
		em.insert('Lead', { LastName: 'Barbara', Company: '100% Pure_Data' }),
	];
	return { em, ids };
}

async function lastNames(em: Awaited<ReturnType<typeof emulator>>, soql: string): Promise<unknown[]> {
	const answer = await rest(em, 'GET', query(soql));
	expect(answer.status).toBe(200);
	return (answer.json as Page).records.map((record) => record.LastName);
}

describe('query', () => {
	it('selects the named fields of matching records, with attributes', async () => {
		const { em, ids } = await seeded();
		const answer = await rest(em, 'GET', query('SELECT Id, LastName FROM Lead WHERE Company = \'engines\' AND Email = null'));
		expect(answer.json).toEqual({ totalSize: 0, done: true, records: [] });
		const found = await rest(em, 'GET', query('select id, lastname from lead where lastname = \'ADA\''));
		expect(found.json).toEqual({
			totalSize: 1,
			done: true,
			records: [{ attributes: { type: 'Lead', url: `/services/data/v66.0/sobjects/Lead/${ids[0]}` }, Id: ids[0], LastName: 'Ada' }],
		});
	});

	it('compares text case-insensitively with = and !=', async () => {
		const { em } = await seeded();
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Company = \'ENGINES\'')).toEqual(['Ada', 'Edsger']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Company != \'engines\'')).toEqual(['grace', 'Barbara']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Company <> \'engines\'')).toEqual(['grace', 'Barbara']);
	});

	it('matches IN and NOT IN lists case-insensitively; NOT IN, like !=, keeps nulls', async () => {
		const { em } = await seeded();
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Email IN (\'ADA@example.com\', \'nobody@example.com\', \'O\\\'Brien@example.com\')')).toEqual(['Ada', 'grace']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Email NOT IN (\'ada@example.com\')')).toEqual(['grace', 'Edsger', 'Barbara']);
	});

	it('reads \\\' and \\\\ in string literals as a quote and a backslash', async () => {
		const { em } = await seeded();
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Email = \'o\\\'brien@example.com\'')).toEqual(['grace']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Email = \'back\\\\slash@example.com\'')).toEqual(['Edsger']);
	});

	it('filters on booleans such as IsConverted', async () => {
		const { em } = await seeded();
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE IsConverted = false AND Company = \'Engines\'')).toEqual(['Ada']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE IsConverted = TRUE')).toEqual(['Edsger']);
	});

	it('matches LIKE patterns with % and _, case-insensitively', async () => {
		const { em } = await seeded();
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE LastName LIKE \'%A%\'')).toEqual(['Ada', 'grace', 'Barbara']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE LastName LIKE \'_d%\'')).toEqual(['Ada', 'Edsger']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE LastName LIKE \'ada\'')).toEqual(['Ada']);
	});

	it('reads \\% and \\_ in LIKE as a literal percent sign and underscore', async () => {
		const { em } = await seeded();
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Company LIKE \'%\\%%\'')).toEqual(['Barbara']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Company LIKE \'%e\\_d%\'')).toEqual(['Barbara']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Company LIKE \'%y\\_e%\'')).toEqual([]);
	});

	it('keeps \\% and \\_ as written outside LIKE: they are not wildcards there, and not plain % or _ either', async () => {
		const { em } = await seeded();
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Company = \'100\\% Pure\\_Data\'')).toEqual([]);
		expect(await lastNames(em, 'SELECT LastName FROM Lead WHERE Company = \'100% Pure_Data\'')).toEqual(['Barbara']);
	});

	it('orders by a field, text case-insensitively, ascending or descending, nulls first ascending', async () => {
		const { em } = await seeded();
		expect(await lastNames(em, 'SELECT LastName FROM Lead ORDER BY LastName')).toEqual(['Ada', 'Barbara', 'Edsger', 'grace']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead ORDER BY LastName DESC LIMIT 2')).toEqual(['grace', 'Edsger']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead ORDER BY Email ASC, LastName DESC')).toEqual(['Barbara', 'Ada', 'Edsger', 'grace']);
		expect(await lastNames(em, 'SELECT LastName FROM Lead ORDER BY Email DESC NULLS FIRST')).toEqual(['Barbara', 'grace', 'Edsger', 'Ada']);
	});

	it('honours LIMIT', async () => {
		const { em } = await seeded();
		expect(await lastNames(em, 'select LastName from Lead limit 2')).toEqual(['Ada', 'grace']);
	});

	it('compares ids by their 15-character form', async () => {
		const { em, ids } = await seeded();
		expect(await lastNames(em, `SELECT LastName FROM Lead WHERE Id = '${ids[1].slice(0, 15)}'`)).toEqual(['grace']);
		expect(await lastNames(em, `SELECT LastName FROM Lead WHERE Id IN ('${ids[0]}', '${ids[2]}')`)).toEqual(['Ada', 'Edsger']);
	});
});

describe('query errors', () => {
	const errorOf = async (soql: string) => {
		const { em } = await seeded();
		const answer = await rest(em, 'GET', query(soql));
		expect(answer.status).toBe(400);
		return answer.json;
	};

	it('answers INVALID_FIELD with the query, a caret under the column and no fields key', async () => {
		expect(await errorOf('SELECT Id, Shoe__c FROM Lead')).toEqual([{
			message: '\nSELECT Id, Shoe__c FROM Lead\n           ^\nERROR at Row:1:Column:12\nNo such column \'Shoe__c\' on entity \'Lead\'. If you are attempting to use a custom field, be sure to append the \'__c\' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.',
			errorCode: 'INVALID_FIELD',
		}]);
	});

	it('points at the row and column of a multi-line query', async () => {
		const [error] = await errorOf('SELECT Id\nFROM Lead\nWHERE Nope = 1') as Array<{ message: string }>;
		expect(error.message.split('\n').slice(0, 4)).toEqual(['', 'WHERE Nope = 1', '      ^', 'ERROR at Row:3:Column:7']);
	});

	it('answers INVALID_TYPE for an unknown object', async () => {
		expect(await errorOf('SELECT Id FROM Prospect')).toEqual([{
			message: '\nSELECT Id FROM Prospect\n               ^\nERROR at Row:1:Column:16\nsObject type \'Prospect\' is not supported. If you are attempting to use a custom object, be sure to append the \'__c\' after the entity name. Please reference your WSDL or the describe call for the appropriate names.',
			errorCode: 'INVALID_TYPE',
		}]);
	});

	it('answers MALFORMED_QUERY for what it cannot parse', async () => {
		expect(await errorOf('SELECT Id FORM Lead')).toEqual([{ message: '\nSELECT Id FORM Lead\n          ^\nERROR at Row:1:Column:11\nunexpected token: \'FORM\'', errorCode: 'MALFORMED_QUERY' }]);
		expect(await errorOf('SELECT Id FROM Lead WHERE LastName = \'a\' OR LastName = \'b\'')).toEqual([expect.objectContaining({ errorCode: 'MALFORMED_QUERY' })]);
	});

	it('answers MALFORMED_QUERY for a backslash before any other character in a string', async () => {
		expect(await errorOf('SELECT Id FROM Lead WHERE LastName = \'a\\qb\'')).toEqual([{
			message: '\nSELECT Id FROM Lead WHERE LastName = \'a\\qb\'\n                                       ^\nERROR at Row:1:Column:40\nInvalid string literal. Illegal character sequence \'\\q\' in string literal.',
			errorCode: 'MALFORMED_QUERY',
		}]);
	});

	it('answers MALFORMED_QUERY for a string that never ends', async () => {
		expect(await errorOf('SELECT Id FROM Lead WHERE LastName = \'Ada')).toEqual([expect.objectContaining({ errorCode: 'MALFORMED_QUERY' })]);
	});

	it('refuses a quoted value for a checkbox, as Salesforce does', async () => {
		const [error] = await errorOf('SELECT Id FROM Lead WHERE IsConverted = \'false\'') as Array<{ message: string; errorCode: string }>;
		expect(error.errorCode).toBe('INVALID_FIELD');
		expect(error.message.endsWith('value of filter criterion for field \'IsConverted\' must be of type boolean and should not be enclosed in quotes')).toBe(true);
	});

	it('refuses an id literal that is not an id with INVALID_QUERY_FILTER_OPERATOR', async () => {
		const [error] = await errorOf('SELECT Id FROM Lead WHERE Id = \'ada\'') as Array<{ message: string; errorCode: string }>;
		expect(error.errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
		expect(error.message.endsWith('invalid ID field: ada')).toBe(true);
	});

	it('refuses a field selected twice', async () => {
		const [error] = await errorOf('SELECT Id, LastName, id FROM Lead') as Array<{ message: string; errorCode: string }>;
		expect(error).toEqual({ errorCode: 'MALFORMED_QUERY', message: expect.stringContaining('duplicate field selected: Id') });
	});
});

describe('query pages', () => {
	async function manyLeads(count: number) {
		const em = await emulator();
		for (let index = 0; index < count; index++) em.insert('Lead', { LastName: `L${index}`, Company: 'C' });
		return em;
	}

	it('answers at most 2,000 records a page, with nextRecordsUrl to the next', async () => {
		const em = await manyLeads(4500);
		const first = await rest(em, 'GET', query('SELECT LastName FROM Lead'));
		const page1 = first.json as Page;
		const locator = makeId('01g', 1);
		expect({ ...page1, records: page1.records.length }).toEqual({ totalSize: 4500, done: false, nextRecordsUrl: `/services/data/v66.0/query/${locator}-2000`, records: 2000 });
		const page2 = (await rest(em, 'GET', page1.nextRecordsUrl as string)).json as Page;
		expect({ ...page2, records: page2.records.length }).toEqual({ totalSize: 4500, done: false, nextRecordsUrl: `/services/data/v66.0/query/${locator}-4000`, records: 2000 });
		const page3 = (await rest(em, 'GET', page2.nextRecordsUrl as string)).json as Page;
		expect({ ...page3, records: page3.records.length }).toEqual({ totalSize: 4500, done: true, records: 500 });
		expect(page3.records[499]).toMatchObject({ LastName: 'L4499' });
		expect(em.apiUsage().byEndpoint).toEqual({ 'GET /query': 1, 'GET /query/{Locator}': 2 });
	});

	it('answers exactly 2,000 records in one page, done', async () => {
		const em = await manyLeads(2000);
		const page = (await rest(em, 'GET', query('SELECT Id FROM Lead'))).json as Page;
		expect({ ...page, records: page.records.length }).toEqual({ totalSize: 2000, done: true, records: 2000 });
	});

	it('refuses an unknown locator with INVALID_QUERY_LOCATOR', async () => {
		const em = await emulator();
		const answer = await rest(em, 'GET', `${V}/query/${makeId('01g', 9)}-2000`);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
	});
});

describe('request size limits', () => {
	it('answers 414 to a URI over 16,384 bytes, before the session check and without counting an API call', async () => {
		const em = await emulator();
		const soql = `SELECT Id FROM Lead WHERE Email IN (${Array.from({ length: 700 }, (_, i) => `'lead${i}@example.com'`).join(',')})`;
		const answer = await call(em, 'GET', query(soql));
		expect(query(soql).length).toBeGreaterThan(16384);
		expect(answer.status).toBe(414);
		expect(answer.headers['content-type']).toBe('text/html;charset=UTF-8');
		expect(em.apiUsage().used).toBe(0);
	});

	it('answers a request whose URI and headers together stay within 16,384 bytes', async () => {
		const em = await emulator();
		const emails = Array.from({ length: 530 }, (_, i) => `'lead${i}@example.com'`).join(',');
		const path = query(`SELECT Id FROM Lead WHERE Email IN (${emails})`);
		expect(path.length).toBeGreaterThan(15500);
		expect(path.length).toBeLessThan(16000);
		expect((await rest(em, 'GET', path)).status).toBe(200);
	});

	it('answers 431 when the URI and the headers together pass 16,384 bytes', async () => {
		const em = await emulator();
		const answer = await rest(em, 'GET', query('SELECT Id FROM Lead'), undefined, { 'X-Padding': 'p'.repeat(16300) });
		expect(answer.status).toBe(431);
	});

	it('refuses a 1 MB query in milliseconds', async () => {
		const em = await emulator();
		const started = performance.now();
		const answer = await rest(em, 'GET', query(`SELECT Id FROM Lead WHERE LastName LIKE '${'%a'.repeat(500_000)}'`));
		expect(answer.status).toBe(414);
		expect(performance.now() - started).toBeLessThan(1000);
	});

	it('answers a hostile LIKE pattern against a long value without backtracking', async () => {
		const em = await emulator();
		em.insert('Lead', { LastName: 'L', Company: 'C', Description: 'a'.repeat(32000) });
		const started = performance.now();
		const answer = await rest(em, 'GET', query(`SELECT Id FROM Lead WHERE Description LIKE '${'%a'.repeat(1999)}%b'`));
		expect(answer.json).toEqual({ totalSize: 0, done: true, records: [] });
		expect(performance.now() - started).toBeLessThan(500);
	});
});
