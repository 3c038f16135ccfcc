import { heldKeyCount, holdKeys } from '../../nodes/SalesforceRest/transport/keyLocks';

/** Resolves once pending promise callbacks have run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('keys held while an execution saves them', () => {
	it('makes an execution with a held key wait until the holder lets it go', async () => {
		const release = await holdKeys(['org lead email a@x.com']);
		let second = false;
		const waiting = holdKeys(['org lead email a@x.com']).then((releaseSecond) => ((second = true), releaseSecond));

		await settled();
		expect(second).toBe(false);
		release();
		(await waiting)();

		expect(second).toBe(true);
		expect(heldKeyCount()).toBe(0);
	});

	it('lets executions with no key in common go at once', async () => {
		const releaseA = await holdKeys(['a']);
		const releaseB = await holdKeys(['b']);

		releaseA();
		releaseB();
		expect(heldKeyCount()).toBe(0);
	});

	it('serves waiting executions in the order they asked, and never deadlocks on keys asked in opposite orders', async () => {
		const order: string[] = [];
		const first = await holdKeys(['k1', 'k2']);
		const second = holdKeys(['k2', 'k1']).then((release) => (order.push('second'), release));
		const third = holdKeys(['k1']).then((release) => (order.push('third'), release));

		first();
		(await second)();
		(await third)();

		expect(order).toEqual(['second', 'third']);
		expect(heldKeyCount()).toBe(0);
	});

	it('takes a key given twice once', async () => {
		const release = await holdKeys(['same', 'same']);
		release();
		expect(heldKeyCount()).toBe(0);
	});
});
