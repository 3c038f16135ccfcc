import { GroupCommit, type CallOutcome } from '../../nodes/SalesforceRest/transport/groupCommit';
import { SharedCache } from '../../nodes/SalesforceRest/transport/sharedCache';

/** A promise settled by hand, to hold a load or a call in flight. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((ok, fail) => ((resolve = ok), (reject = fail)));
	return { promise, resolve, reject };
}

describe('SharedCache', () => {
	it('loads once for callers arriving while the load is in flight', async () => {
		const cache = new SharedCache<string>(10);
		const load = deferred<string>();
		let loads = 0;
		const loader = () => (loads++, load.promise);

		const waiting = [cache.get('k', 1000, loader), cache.get('k', 1000, loader), cache.get('k', 1000, loader)];
		load.resolve('schema');

		expect((await Promise.all(waiting)).map((hit) => [hit.value, hit.fromCache])).toEqual([
			['schema', false],
			['schema', false],
			['schema', false],
		]);
		expect(loads).toBe(1);
		expect(await cache.get('k', 1000, loader)).toMatchObject({ value: 'schema', fromCache: true });
	});

	it('keeps no failed load: the next caller loads again', async () => {
		const cache = new SharedCache<string>(10);
		await expect(cache.get('k', 1000, () => Promise.reject(new Error('503')))).rejects.toThrow('503');

		expect(await cache.get('k', 1000, () => Promise.resolve('second'))).toMatchObject({ value: 'second', fromCache: false });
	});

	it('loads again once an entry is older than the age asked', async () => {
		const cache = new SharedCache<string>(10);
		await cache.get('k', 1000, () => Promise.resolve('old'));

		const hit = await cache.get('k', 1000, () => Promise.resolve('new'), Date.now() + 1001);

		expect(hit.value).toBe('new');
	});

	it('holds a bounded number of entries, forgetting the least recently used', async () => {
		const cache = new SharedCache<string>(2);
		await cache.get('a', 1000, () => Promise.resolve('A'));
		await cache.get('b', 1000, () => Promise.resolve('B'));
		await cache.get('a', 1000, () => Promise.resolve('A2'));
		await cache.get('c', 1000, () => Promise.resolve('C'));

		expect(cache.size).toBe(2);
		expect((await cache.get('a', 1000, () => Promise.resolve('A3'))).value).toBe('A');
		expect((await cache.get('b', 1000, () => Promise.resolve('B2'))).value).toBe('B2');
	});

	it('drops an entry only when it still holds the value that was found stale', async () => {
		const cache = new SharedCache<object>(10);
		const stale = { version: 1 };
		await cache.get('k', 1000, () => Promise.resolve(stale));
		const fresh = (await cache.reload('k', () => Promise.resolve({ version: 2 }))).value;

		cache.drop('k', stale);

		expect((await cache.get('k', 1000, () => Promise.resolve({ version: 3 }))).value).toBe(fresh);
	});
});

describe('GroupCommit', () => {
	type Outcome = CallOutcome<string>;

	it('sends a lone submission at once, and the ones arriving meanwhile together, up to the call size', async () => {
		const calls: Array<{ records: number[]; answer: ReturnType<typeof deferred<Outcome>> }> = [];
		const send = (records: number[]) => {
			const answer = deferred<Outcome>();
			calls.push({ records, answer });
			return answer.promise;
		};
		const group = new GroupCommit<number, Outcome>(4);

		const first = group.submit('k', [1], send);
		const later = [group.submit('k', [2, 3], send), group.submit('k', [4], send), group.submit('k', [5, 6], send)];
		expect(calls.map((call) => call.records)).toEqual([[1]]);
		calls[0].answer.resolve({ ok: true, body: ['r1'] });
		await first;
		expect(calls.map((call) => call.records)).toEqual([[1], [2, 3, 4]]);
		calls[1].answer.resolve({ ok: true, body: ['r2', 'r3', 'r4'] });
		await new Promise((resolve) => setImmediate(resolve));
		calls[2].answer.resolve({ ok: true, body: ['r5', 'r6'] });

		expect(await first).toEqual({ ok: true, body: ['r1'] });
		expect(await Promise.all(later)).toEqual([
			{ ok: true, body: ['r2', 'r3'] },
			{ ok: true, body: ['r4'] },
			{ ok: true, body: ['r5', 'r6'] },
		]);
		expect(group.busyKeys).toBe(0);
	});

	it('gives a failed call to each of its submissions and goes on with the next', async () => {
		const group = new GroupCommit<number, Outcome>(200);
		const hold = deferred<Outcome>();
		const first = group.submit('k', [1], () => hold.promise);
		const failing = group.submit('k', [2], () => Promise.reject(new Error('socket hang up')));
		const alsoInIt = group.submit('k', [3], () => Promise.resolve({ ok: true, body: [] }));
		hold.resolve({ ok: false });

		expect(await first).toEqual({ ok: false });
		await expect(failing).rejects.toThrow('socket hang up');
		await expect(alsoInIt).rejects.toThrow('socket hang up');
		expect(await group.submit('k', [4], () => Promise.resolve({ ok: true, body: ['r4'] }))).toEqual({ ok: true, body: ['r4'] });
	});

	it('keeps keys apart', async () => {
		const group = new GroupCommit<number, Outcome>(200);
		const hold = deferred<Outcome>();
		void group.submit('a', [1], () => hold.promise);
		const other = group.submit('b', [2], () => Promise.resolve({ ok: true, body: ['b2'] }));

		expect(await other).toEqual({ ok: true, body: ['b2'] });
		hold.resolve({ ok: true, body: ['a1'] });
	});
});
