import { isClean, reconcile } from '../../scripts/bench/reconcile';

const stored = (email: string, id: string) => ({ Id: id, Email: email, LastName: 'Lead' });

describe('benchmark reconciliation (stored records against the output, by e-mail)', () => {
	it('counts a lead stored once under the id its output gave as clean', () => {
		const result = reconcile([{ key: 'a@x.example.com', id: '00Q1' }], [stored('A@x.example.com', '00Q1')], 1);
		expect(result).toMatchObject({ storedOnce: 1, lost: 0, storedTwice: 0, misreported: 0, strangers: 0 });
		expect(isClean(result, 1)).toBe(true);
	});

	it('tells lost, stored twice, misreported and stray records apart', () => {
		const result = reconcile(
			[
				{ key: 'lost@x.example.com', failure: 'REQUIRED_FIELD_MISSING' },
				{ key: 'twice@x.example.com', id: '00Q2' },
				{ key: 'wrong-id@x.example.com', id: '00Q9' },
				{ key: 'silent@x.example.com', failure: 'connection broke' },
			],
			[
				stored('twice@x.example.com', '00Q2'),
				stored('twice@x.example.com', '00Q3'),
				stored('wrong-id@x.example.com', '00Q4'),
				stored('silent@x.example.com', '00Q5'),
				stored('nobody@x.example.com', '00Q6'),
			],
			4,
		);
		expect(result).toMatchObject({ storedOnce: 2, lost: 1, storedTwice: 1, misreported: 2, strangers: 1 });
		expect(isClean(result, 4)).toBe(false);
	});

	it('is not clean when a lead has no outcome at all', () => {
		const result = reconcile([{ key: 'a@x.example.com', id: '00Q1' }], [stored('a@x.example.com', '00Q1')], 2);
		expect(isClean(result, 2)).toBe(false);
	});
});
