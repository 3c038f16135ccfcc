import { idsByKey, matchKeyOf } from '../../nodes/SalesforceRest/actions/lead/save/match';

describe('match keys', () => {
	it('compare Email and other case-insensitive fields in any letter case, trimmed', () => {
		expect(matchKeyOf('  Ada@Example.COM ', { caseSensitive: false })).toBe('ada@example.com');
	});

	it('keep a case-sensitive field’s letter case', () => {
		expect(matchKeyOf('AB-1', { caseSensitive: true })).toBe('AB-1');
		expect(matchKeyOf('ab-1', { caseSensitive: true })).not.toBe(matchKeyOf('AB-1', { caseSensitive: true }));
	});

	it('are empty for a missing value', () => {
		expect(matchKeyOf(undefined, { caseSensitive: false })).toBe('');
		expect(matchKeyOf(null, { caseSensitive: true })).toBe('');
	});
});

describe('the ids found for each key', () => {
	it('keep the order Salesforce answered (most recently modified first) and tell keys apart as the field does', () => {
		const records = [
			{ Id: '00Q000000000003', Code__c: 'AB-1' },
			{ Id: '00Q000000000002', Code__c: 'ab-1' },
			{ Id: '00Q000000000001', Code__c: 'AB-1' },
		];

		expect([...idsByKey(records, { field: 'Code__c', caseSensitive: true })]).toEqual([
			['AB-1', ['00Q000000000003', '00Q000000000001']],
			['ab-1', ['00Q000000000002']],
		]);
		expect([...idsByKey(records, { field: 'Code__c', caseSensitive: false })]).toEqual([['ab-1', ['00Q000000000003', '00Q000000000002', '00Q000000000001']]]);
	});

	it('are grouped in linear time: 100,000 leads sharing one Email take milliseconds (copying the list per lead took minutes)', () => {
		const records = Array.from({ length: 100_000 }, (_, index) => ({ Id: `00Q${String(index).padStart(12, '0')}`, Email: 'shared@example.com' }));

		const started = performance.now();
		const grouped = idsByKey(records, { field: 'Email', caseSensitive: false });

		expect(performance.now() - started).toBeLessThan(2000);
		expect(grouped.get('shared@example.com')).toHaveLength(100_000);
	});
});
