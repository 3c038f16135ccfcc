/** Faults a test switches on: latency, status answers, dropped connections, token expiry, row locks. */
import { call, emulator, lead, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const LEAD = { LastName: 'L', Company: 'C' };

describe('faults', () => {
	it('adds latency to the matching call only', async () => {
		const em = await emulator();
		em.faults.add({ path: '/sobjects', latencyMs: 300 });
		const started = Date.now();
		await rest(em, 'GET', `${V}/sobjects`);
		const slow = Date.now() - started;
		const again = Date.now();
		await rest(em, 'GET', `${V}/sobjects`);
		expect(slow).toBeGreaterThanOrEqual(300);
		expect(Date.now() - again).toBeLessThan(300);
	});

	it('answers a status fault with its JSON body instead of storing', async () => {
		const em = await emulator();
		em.faults.add({ method: 'POST', path: `${V}/sobjects/Lead`, status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }] });
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, LEAD);
		expect(answer.status).toBe(503);
		expect(answer.json).toEqual([{ errorCode: 'SERVER_UNAVAILABLE', message: 'down' }]);
		expect(em.records('Lead')).toEqual([]);
	});

	it('answers a 500 fault without a body with Salesforce\'s HTML error page', async () => {
		const em = await emulator();
		em.faults.add({ status: 500 });
		const answer = await rest(em, 'GET', `${V}/sobjects`);
		expect(answer.status).toBe(500);
		expect(answer.headers['content-type']).toBe('text/html;charset=UTF-8');
		expect(answer.text).toContain('<title>An internal server error has occurred</title>');
	});

	it('serves an HTML body given as a string as text/html', async () => {
		const em = await emulator();
		em.faults.add({ status: 503, body: '<html><body>Maintenance</body></html>' });
		const answer = await rest(em, 'GET', `${V}/sobjects`);
		expect(answer.headers['content-type']).toBe('text/html;charset=UTF-8');
		expect(answer.text).toBe('<html><body>Maintenance</body></html>');
	});

	it('applies to as many calls as `times` says, then stops', async () => {
		const em = await emulator();
		em.faults.add({ path: /\/sobjects$/, status: 503, times: 2 });
		const statuses = [];
		for (let i = 0; i < 3; i++) statuses.push((await rest(em, 'GET', `${V}/sobjects`)).status);
		expect(statuses).toEqual([503, 503, 200]);
	});

	it('lets `after` matching calls pass before it applies, for a fault in the middle of a run', async () => {
		const em = await emulator();
		em.faults.add({ path: /\/sobjects$/, status: 503, after: 2 });
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await rest(em, 'GET', `${V}/sobjects`)).status);
		expect(statuses).toEqual([200, 200, 503, 200]);
	});

	it('refuses an `after` that is not a whole number of calls', async () => {
		const em = await emulator();
		expect(() => em.faults.add({ status: 503, after: -1 })).toThrow('Fault after must be a whole number of calls, got -1');
	});

	it('drops the connection before storing: the client sees a socket error and nothing is stored', async () => {
		const em = await emulator();
		em.faults.add({ method: 'POST', drop: 'before' });
		await expect(rest(em, 'POST', `${V}/sobjects/Lead`, LEAD)).rejects.toThrow();
		expect(em.records('Lead')).toEqual([]);
		expect(em.requests()[0].status).toBe(0);
	});

	it('drops the connection after storing: the client sees a socket error but the record exists', async () => {
		const em = await emulator();
		em.faults.add({ method: 'POST', drop: 'after' });
		await expect(rest(em, 'POST', `${V}/composite/sobjects`, { records: [lead(LEAD)] })).rejects.toThrow();
		expect(em.records('Lead')).toHaveLength(1);
	});

	it('expires the bearer token of the matching call', async () => {
		const em = await emulator();
		const { access_token } = em.issueTokens();
		const auth = { Authorization: `Bearer ${access_token}` };
		em.faults.add({ expireToken: true });
		const first = await call(em, 'GET', `${V}/sobjects`, { headers: auth });
		const second = await call(em, 'GET', `${V}/sobjects`, { headers: auth });
		expect([first.status, second.status]).toEqual([401, 401]);
	});

	it('answers UNABLE_TO_LOCK_ROW on a single create and stores nothing', async () => {
		const em = await emulator();
		em.faults.add({ errorCode: 'UNABLE_TO_LOCK_ROW' });
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, LEAD);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{ message: 'unable to obtain exclusive access to this record or 1 records: 005Em0000000001IAA', errorCode: 'UNABLE_TO_LOCK_ROW', fields: [] }]);
		expect(em.records('Lead')).toEqual([]);
	});

	it('fails every record of a Collections call with UNABLE_TO_LOCK_ROW', async () => {
		const em = await emulator();
		em.faults.add({ path: '/composite/sobjects', errorCode: 'UNABLE_TO_LOCK_ROW' });
		const answer = await rest(em, 'POST', `${V}/composite/sobjects`, { records: [lead(LEAD), lead(LEAD)] });
		expect(answer.status).toBe(200);
		const failure = { success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record or 1 records: 005Em0000000001IAA', fields: [] }] };
		expect(answer.json).toEqual([failure, failure]);
		expect(em.records('Lead')).toEqual([]);
	});

	it('forgets every fault on clear()', async () => {
		const em = await emulator();
		em.faults.add({ status: 500, times: Infinity });
		em.faults.clear();
		expect((await rest(em, 'GET', `${V}/sobjects`)).status).toBe(200);
	});

	it('refuses a fault with an impossible status', async () => {
		const em = await emulator();
		expect(() => em.faults.add({ status: 42 })).toThrow('Fault status must be an HTTP status (100-599), got 42');
	});
});
