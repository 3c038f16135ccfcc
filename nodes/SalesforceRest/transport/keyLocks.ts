/**
 * Create or Update looks a key up, then creates the lead when none has it. Two executions with the same
 * key at once (the same form posted twice, a webhook retried) would both find none and both create:
 * Salesforce has no way to make that lookup and that create one step. So within one n8n process, an
 * execution holds its keys from its lookup until its saves are done, and another execution with any
 * of those keys waits for them, then looks up and finds the lead the first one created.
 *
 * All of an execution's keys are taken at once, in one synchronous step, so that two executions can
 * never each hold a key the other waits for. Nothing waits on a timer: the wait is on the other
 * execution's saves, which end (each call has its timeout). Keys are the tenant's (org, instance),
 * the object, the field and the key as compared, so different orgs never wait on each other.
 *
 * Module-level state, deliberately: it is the point (executions meet here). In queue mode each worker
 * has its own; two workers can still both create (see the README).
 */

const tails = new Map<string, Promise<void>>();

/** Releases keys taken with `holdKeys`. */
export type ReleaseKeys = () => void;

/** Takes every one of `keys` (waiting for executions holding any of them), and answers how to let them go. */
export async function holdKeys(keys: Iterable<string>): Promise<ReleaseKeys> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	const waits: Array<Promise<void>> = [];
	const mine = new Map<string, Promise<void>>();
	for (const key of new Set(keys)) {
		const before = tails.get(key);
		if (before !== undefined) waits.push(before);
		const tail = before === undefined ? held : before.then(() => held);
		tails.set(key, tail);
		mine.set(key, tail);
	}
	await Promise.all(waits);
	return () => {
		release();
		for (const [key, tail] of mine) if (tails.get(key) === tail) tails.delete(key);
	};
}

/** How many keys are held or waited for (for tests). */
export function heldKeyCount(): number {
	return tails.size;
}
