/**
 * Group commit: records that concurrent executions want to create through the same connection go
 * together in one sObject Collections call (at most 200 records, one API call).
 *
 * Nothing ever waits on a timer. When no call is in flight for a key, a submission is sent at once, so
 * a lone webhook lead is as fast as without this. While a call is in flight, later submissions queue;
 * when it answers, the queue (in arrival order, up to 200 records) goes as the next call. Each
 * submission gets back exactly its own slice of the results; when the whole call fails (a 503, a broken
 * connection) every submission in that call gets the failure, and no other.
 *
 * Module-level state, deliberately: it is the point (executions meet here). In queue mode each worker
 * has its own, and correctness never depends on it: it changes how many calls are made, not results.
 */

export type CallOutcome<R> = { ok: true; body: R[] } | { ok: false };

/** Sends the records of one call; the first submission of the call sends it. */
export type SendCall<T, O extends CallOutcome<unknown>> = (records: T[]) => Promise<O>;

/**
 * Asked of each submission just before the call it would go in: undefined lets its records go, an
 * outcome keeps them out and is its answer (its execution's own API reserve would be crossed).
 */
export type Admit<O> = () => O | undefined;

interface Submission<T, O extends CallOutcome<unknown>> {
	records: T[];
	send: SendCall<T, O>;
	admit: Admit<O>;
	settle: (outcome: O) => void;
	fail: (error: unknown) => void;
}

export class GroupCommit<T, O extends CallOutcome<unknown>> {
	/** Per key: the submissions waiting for the call in flight to answer (present while one is in flight). */
	private readonly waiting = new Map<string, Array<Submission<T, O>>>();

	constructor(private readonly maxRecordsPerCall: number) {}

	/** How many keys have a call in flight (for tests). */
	get busyKeys(): number {
		return this.waiting.size;
	}

	async submit(key: string, records: T[], send: SendCall<T, O>, admit: Admit<O> = () => undefined): Promise<O> {
		if (records.length > this.maxRecordsPerCall) {
			throw new Error(`A submission of ${records.length} records is more than one call takes (${this.maxRecordsPerCall})`);
		}
		return await new Promise<O>((settle, fail) => {
			const submission: Submission<T, O> = { records, send, admit, settle, fail };
			const queue = this.waiting.get(key);
			if (queue !== undefined) {
				queue.push(submission);
				return;
			}
			this.waiting.set(key, []);
			void this.call(key, [submission]);
		});
	}

	private async call(key: string, candidates: Array<Submission<T, O>>): Promise<void> {
		const submissions: Array<Submission<T, O>> = [];
		for (const submission of candidates) {
			const refused = submission.admit();
			if (refused === undefined) submissions.push(submission);
			else submission.settle(refused);
		}
		if (submissions.length === 0) {
			this.next(key);
			return;
		}
		try {
			// The first admitted submission's own connection sends the call.
			const outcome = await submissions[0].send(submissions.flatMap((submission) => submission.records));
			let offset = 0;
			for (const submission of submissions) {
				const own = outcome.ok ? { ...outcome, body: outcome.body.slice(offset, offset + submission.records.length) } : outcome;
				offset += submission.records.length;
				submission.settle(own as O);
			}
		} catch (error) {
			for (const submission of submissions) submission.fail(error);
		}
		this.next(key);
	}

	/** The next call: the waiting submissions that fit in one, in arrival order; or nothing in flight. */
	private next(key: string): void {
		const queue = this.waiting.get(key) ?? [];
		if (queue.length === 0) {
			this.waiting.delete(key);
			return;
		}
		const taken: Array<Submission<T, O>> = [];
		let records = 0;
		while (queue.length > 0 && records + queue[0].records.length <= this.maxRecordsPerCall) {
			const submission = queue.shift() as Submission<T, O>;
			records += submission.records.length;
			taken.push(submission);
		}
		void this.call(key, taken);
	}
}
