import type { ItemOutcome } from '../../scripts/faults/protocol';
import { reconcile, type StoredLead } from '../../scripts/faults/reconcile';

const item = (key: string, kind: ItemOutcome['kind'], more: Partial<ItemOutcome> = {}): ItemOutcome => ({ key, valid: true, execution: 0, tenant: 0, org: 0, kind, outputChars: 0, ...more });
const lead = (key: string, id: string, fields: Record<string, unknown> = {}): StoredLead => ({ key, id, fields: { Id: id, LastName: 'Before', ...fields } });

describe('fault table reconciliation of Create or Update against the leads that were there', () => {
	it('counts an item that updated the lead its key had as saved once, in place', () => {
		const before = [lead('a@x.com', '00Q1')];

		const tally = reconcile([item('a@x.com', 'created', { id: '00Q1', created: false })], [lead('a@x.com', '00Q1', { LastName: 'Item' })], 'Email', before);

		expect(tally).toMatchObject({ stored: 1, updated: 1, storedTwice: 0, lost: 0, overwritten: 0 });
	});

	it('counts a second lead made for a key that had one as stored twice, the first left as it was', () => {
		const before = [lead('a@x.com', '00Q1')];

		const tally = reconcile([item('a@x.com', 'created', { id: '00Q2', created: true })], [lead('a@x.com', '00Q1'), lead('a@x.com', '00Q2', { LastName: 'Item' })], 'Email', before);

		expect(tally).toMatchObject({ updated: 0, storedTwice: 1, lost: 0, overwritten: 0 });
	});

	it('counts a lead that was there and was changed by an item that failed, or is gone, as overwritten and lost', () => {
		const before = [lead('a@x.com', '00Q1'), lead('b@x.com', '00Q2')];

		const tally = reconcile([item('a@x.com', 'failed', { errorCode: 'INVALID_QUERY_ANSWER' }), item('b@x.com', 'failed')], [lead('a@x.com', '00Q1', { LastName: 'Item' })], 'Email', before);

		expect(tally).toMatchObject({ failed: 2, lost: 2, overwritten: 2 });
		expect(tally.problems).toEqual([
			'overwritten: lead 00Q1 (Email "a@x.com") was there before the run; now LastName "Item", and no item reported updating it',
			'overwritten: lead 00Q2 (Email "b@x.com") was there before the run; it is gone',
		]);
	});

	it('leaves a failed item whose key had a lead, unchanged, clean', () => {
		const before = [lead('a@x.com', '00Q1')];

		const tally = reconcile([item('a@x.com', 'failed', { errorCode: 'INVALID_QUERY_ANSWER' })], before, 'Email', before);

		expect(tally).toMatchObject({ failed: 1, lost: 0, overwritten: 0, storedTwice: 0 });
	});

	it('takes no converted lead for its key’s lead: a new lead beside it is stored once', () => {
		const converted = lead('a@x.com', '00Q1', { IsConverted: true });

		const tally = reconcile([item('a@x.com', 'created', { id: '00Q2', created: true })], [converted, lead('a@x.com', '00Q2')], 'Email', [converted]);

		expect(tally).toMatchObject({ stored: 2, storedTwice: 0, lost: 0, overwritten: 0 });
	});

	it('counts a lead an item created converted (Lead → Create may set IsConverted) as that item’s', () => {
		const tally = reconcile([item('Lead 7', 'created', { id: '00Q1' })], [lead('Lead 7', '00Q1', { IsConverted: true })], 'LastName');

		expect(tally).toMatchObject({ stored: 1, lost: 0 });
	});

	it('tells orgs apart by the key: a lead stored in the other org is lost there and a stranger here, even under the same id', () => {
		const tally = reconcile([item('org 1: Lead 7', 'created', { id: '00Q1', org: 1 })], [lead('org 0: Lead 7', '00Q1')], 'LastName');

		expect(tally).toMatchObject({ storedTwice: 0, lost: 2 });
		expect(tally.problems).toEqual([
			'lost: item "org 1: Lead 7" reported 00Q1, stored: nothing',
			'lost: 1 stored record(s) with LastName "org 0: Lead 7" match no item: 00Q1',
		]);
	});
});
