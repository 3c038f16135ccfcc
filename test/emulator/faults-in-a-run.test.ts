/** Faults for long runs: every Nth call, a share of records locked, access revoked, a restart. */
import { request as httpRequest } from 'node:http';

import { call, emulator, lead, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const LEAD = { LastName: 'L', Company: 'C' };

function leads(count: number) {
	return Array.from({ length: count }, (_, index) => lead({ LastName: `L${index}`, Company: 'C' }));
}

/** The statuses of `count` describe-global calls made one after the other. */
async function statuses(em: Awaited<ReturnType<typeof emulator>>, count: number, headers?: Record<string, string>) {
	const seen: number[] = [];
	for (let i = 0; i < count; i++) {
		const answer = headers ? await call(em, 'GET', `${V}/sobjects`, { headers }) : await rest(em, 'GET', `${V}/sobjects`);
		seen.push(answer.status);
	}
	return seen;
}

/** Resolves with the connection error's code, or 'answered'. */
function connectionOutcome(url: string): Promise<string> {
	return new Promise((resolve) => {
		const req = httpRequest(`${url}/services/data/`, (res) => {
			res.resume();
			resolve('answered');
		});
		req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
		req.end();
	});
}

describe('faults during a long run', () => {
	it('applies to one matching call in every `every`', async () => {
		const em = await emulator();
		em.faults.add({ path: /\/sobjects$/, status: 503, every: 3, times: Infinity });
		expect(await statuses(em, 7)).toEqual([200, 200, 503, 200, 200, 503, 200]);
	});

	it('expires the session every N calls: one token works for N-1 calls, the Nth answers 401', async () => {
		const em = await emulator();
		em.faults.add({ path: /^\/services\/data\/v/, expireToken: true, every: 3, times: Infinity });
		const firstToken = { Authorization: `Bearer ${em.issueTokens().access_token}` };
		expect(await statuses(em, 3, firstToken)).toEqual([200, 200, 401]);
		const secondToken = { Authorization: `Bearer ${em.issueTokens().access_token}` };
		expect(await statuses(em, 3, secondToken)).toEqual([200, 200, 401]);
	});

	it('refuses an `every` that is not a whole number of calls from 1', async () => {
		const em = await emulator();
		expect(() => em.faults.add({ status: 503, every: 0 })).toThrow('Fault every must be a whole number of calls from 1, got 0');
	});

	it('locks a seeded share of a Collections create: those records fail and are not stored, the others are', async () => {
		const em = await emulator();
		em.faults.add({ path: '/composite/sobjects', lockRowFraction: 0.3, seed: 42 });
		const answer = await rest(em, 'POST', `${V}/composite/sobjects`, { allOrNone: false, records: leads(40) });
		const results = answer.json as Array<{ success: boolean; errors: Array<{ statusCode: string }> }>;
		const locked = results.filter((result) => !result.success);
		expect(locked.length).toBeGreaterThan(0);
		expect(locked.length).toBeLessThan(40);
		expect(locked.every((result) => result.errors[0].statusCode === 'UNABLE_TO_LOCK_ROW')).toBe(true);
		const savedNames = results.flatMap((result, index) => (result.success ? [`L${index}`] : []));
		expect(em.records('Lead').map((record) => record.LastName)).toEqual(savedNames);
		expect(em.faults.stats().lockedRecords).toBe(locked.length);
	});

	it('locks the same records for the same seed', async () => {
		const lockedPositions = async () => {
			const em = await emulator();
			em.faults.add({ path: '/composite/sobjects', lockRowFraction: 0.3, seed: 7 });
			const answer = await rest(em, 'POST', `${V}/composite/sobjects`, { records: leads(30) });
			return (answer.json as Array<{ success: boolean }>).flatMap((result, index) => (result.success ? [] : [index]));
		};
		expect(await lockedPositions()).toEqual(await lockedPositions());
	});

	it('with allOrNone, one locked record fails the whole call and nothing is stored', async () => {
		const em = await emulator();
		em.faults.add({ path: '/composite/sobjects', lockRowFraction: 0.2, seed: 3 });
		const answer = await rest(em, 'POST', `${V}/composite/sobjects`, { allOrNone: true, records: leads(20) });
		const codes = (answer.json as Array<{ errors: Array<{ statusCode: string }> }>).map((result) => result.errors[0].statusCode);
		expect(new Set(codes)).toEqual(new Set(['UNABLE_TO_LOCK_ROW', 'ALL_OR_NONE_OPERATION_ROLLED_BACK']));
		expect(em.records('Lead')).toEqual([]);
	});

	it('refuses a lockRowFraction that is not a share', async () => {
		const em = await emulator();
		expect(() => em.faults.add({ lockRowFraction: 1.5 })).toThrow('Fault lockRowFraction must be a share above 0 and at most 1, got 1.5');
	});

	it('revokes access: the call answers 401 and the refresh token answers invalid_grant', async () => {
		const em = await emulator();
		const tokens = em.issueTokens();
		em.faults.add({ path: /\/sobjects$/, revokeTokens: true, after: 1 });
		expect(await statuses(em, 2, { Authorization: `Bearer ${tokens.access_token}` })).toEqual([200, 401]);
		const refresh = await call(em, 'POST', '/services/oauth2/token', {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string, client_id: em.app.clientId, client_secret: em.app.clientSecret }).toString(),
		});
		expect(refresh.status).toBe(400);
		expect(refresh.json).toMatchObject({ error: 'invalid_grant' });
	});

	it('restart(): refuses connections while down, then answers on the same port with the same records and tokens', async () => {
		const em = await emulator();
		const { access_token } = em.issueTokens();
		await rest(em, 'POST', `${V}/sobjects/Lead`, LEAD);
		const restarted = em.restart({ downMs: 300 });
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(await connectionOutcome(em.url)).toBe('ECONNREFUSED');
		await restarted;
		const answer = await call(em, 'GET', `${V}/sobjects`, { headers: { Authorization: `Bearer ${access_token}` } });
		expect(answer.status).toBe(200);
		expect(em.records('Lead')).toHaveLength(1);
		expect(em.faults.stats().restarts).toBe(1);
	});

	it('a restart fault drops its call unanswered, nothing stored, and the emulator comes back', async () => {
		const em = await emulator();
		em.faults.add({ method: 'POST', path: '/composite/sobjects', restart: { downMs: 200 } });
		await expect(rest(em, 'POST', `${V}/composite/sobjects`, { records: [lead(LEAD)] })).rejects.toThrow();
		expect(await connectionOutcome(em.url)).toBe('ECONNREFUSED');
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(await connectionOutcome(em.url)).toBe('answered');
		expect(em.records('Lead')).toEqual([]);
		expect(em.requests()[0].status).toBe(0);
	});
});
