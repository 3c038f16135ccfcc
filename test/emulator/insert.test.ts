/** handle.insert: setting up a test's data without API calls. */
import { makeId, USER_ID } from '../../emulator';
import { emulator, stopAll } from './helpers';

afterEach(stopAll);

describe('insert', () => {
	it('stores a record with the org\'s defaults and answers its id, without an API call', async () => {
		const em = await emulator();
		const id = em.insert('Lead', { lastname: 'Lovelace', Company: 'Engines' });
		expect(id).toBe(makeId('00Q', 1));
		expect(em.records('Lead')).toEqual([expect.objectContaining({ Id: id, LastName: 'Lovelace', Company: 'Engines', Name: 'Lovelace', Status: 'Open - Not Contacted', OwnerId: USER_ID, IsConverted: false })]);
		expect(em.apiUsage().used).toBe(0);
	});

	it('sets fields the API cannot write, such as IsConverted and LastModifiedDate', async () => {
		const em = await emulator();
		em.insert('Lead', { LastName: 'Lovelace', Company: 'Engines', IsConverted: true, LastModifiedDate: '2024-01-01T00:00:00.000+0000' });
		expect(em.records('Lead')[0]).toMatchObject({ IsConverted: true, LastModifiedDate: '2024-01-01T00:00:00.000+0000' });
	});

	it('throws for a field the object does not have, or the Id', async () => {
		const em = await emulator();
		expect(() => em.insert('Lead', { Shoe_Size__c: 42 })).toThrow('insert: Lead has no settable field Shoe_Size__c');
		expect(() => em.insert('Lead', { Id: makeId('00Q', 5) })).toThrow('insert: Lead has no settable field Id');
	});

	it('throws for an object the org does not have', async () => {
		const em = await emulator();
		expect(() => em.insert('Prospect__c', {})).toThrow('insert: the org has no object Prospect__c');
	});
});
