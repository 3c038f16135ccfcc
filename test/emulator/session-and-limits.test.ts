/** Session checks, the daily API limit and Sforce-Limit-Info. */
import { call, emulator, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

describe('session', () => {
	it('answers 401 INVALID_SESSION_ID without a bearer token', async () => {
		const em = await emulator();
		const answer = await call(em, 'GET', `${V}/sobjects`);
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual(INVALID_SESSION);
	});

	it('answers 401 INVALID_SESSION_ID for an unknown token', async () => {
		const em = await emulator();
		const answer = await call(em, 'GET', `${V}/sobjects`, { headers: { Authorization: 'Bearer 00D!nonsense' } });
		expect(answer.json).toEqual(INVALID_SESSION);
	});

	it('answers 401 once the access token outlives its TTL', async () => {
		const em = await emulator({ accessTokenTtlS: 0.2 });
		const { access_token } = em.issueTokens();
		await new Promise((resolve) => setTimeout(resolve, 300));
		const answer = await call(em, 'GET', `${V}/sobjects`, { headers: { Authorization: `Bearer ${access_token}` } });
		expect(answer.status).toBe(401);
	});

	it('answers 401 for every earlier token after expireAccessTokens()', async () => {
		const em = await emulator();
		const { access_token } = em.issueTokens();
		em.expireAccessTokens();
		const answer = await call(em, 'GET', `${V}/sobjects`, { headers: { Authorization: `Bearer ${access_token}` } });
		expect(answer.json).toEqual(INVALID_SESSION);
		expect((await rest(em, 'GET', `${V}/sobjects`)).status).toBe(200);
	});
});

describe('API limit', () => {
	it('counts each call in Sforce-Limit-Info', async () => {
		const em = await emulator({ apiLimit: 100 });
		await rest(em, 'GET', `${V}/sobjects`);
		const answer = await rest(em, 'GET', `${V}/sobjects/Lead/describe`);
		expect(answer.headers['sforce-limit-info']).toBe('api-usage=2/100');
		expect(em.apiUsage()).toEqual({ used: 2, limit: 100, byEndpoint: { 'GET /sobjects': 1, 'GET /sobjects/{Name}/describe': 1 } });
	});

	it('answers 403 REQUEST_LIMIT_EXCEEDED once the allowance is spent, storing nothing', async () => {
		const em = await emulator({ apiLimit: 1 });
		await rest(em, 'GET', `${V}/sobjects`);
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { LastName: 'L', Company: 'C' });
		expect(answer.status).toBe(403);
		expect(answer.json).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
		expect(answer.headers['sforce-limit-info']).toBe('api-usage=1/1');
		expect(em.records('Lead')).toEqual([]);
	});

	it('does not count a call refused for its session', async () => {
		const em = await emulator();
		const answer = await call(em, 'GET', `${V}/sobjects`);
		expect(answer.headers['sforce-limit-info']).toBe('api-usage=0/15000');
	});
});

describe('recording', () => {
	it('records method, path, query, host, headers, parsed body and status of every request', async () => {
		const em = await emulator();
		await rest(em, 'POST', `${V}/sobjects/Lead?x=1`, { LastName: 'L', Company: 'C' }, { 'Sforce-Auto-Assign': 'FALSE' });
		const [recorded] = em.requests();
		expect(recorded).toMatchObject({
			method: 'POST',
			path: '/services/data/v66.0/sobjects/Lead',
			query: { x: '1' },
			host: new URL(em.url).host,
			body: { LastName: 'L', Company: 'C' },
			status: 201,
		});
		expect(recorded.headers['sforce-auto-assign']).toBe('FALSE');
	});
});
