/** The Lead duplicate rule on Email and the Lead assignment rule. */
import { makeId } from '../../emulator';
import { emulator, lead, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const ADA = { LastName: 'Lovelace', Company: 'Engines', Email: 'ada@example.com' };

describe('duplicate rule on Email', () => {
	it('blocks a single create with DUPLICATES_DETECTED under the misspelt duplicateResut key', async () => {
		const em = await emulator({ duplicateRuleOnEmail: true });
		await rest(em, 'POST', `${V}/sobjects/Lead`, ADA);
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { ...ADA, Email: 'ADA@example.com' });
		expect(answer.status).toBe(400);
		const [error] = answer.json as Array<Record<string, any>>;
		expect(Object.keys(error)).toEqual(['duplicateResut', 'errorCode', 'message']);
		expect(error.errorCode).toBe('DUPLICATES_DETECTED');
		expect(error.duplicateResut.matchResults[0].matchRecords.map((m: any) => m.record.Id)).toEqual([em.records('Lead')[0].Id]);
		expect(em.records('Lead')).toHaveLength(1);
	});

	it('reports duplicates in Collections under duplicateResult with statusCode', async () => {
		const em = await emulator({ duplicateRuleOnEmail: true });
		await rest(em, 'POST', `${V}/sobjects/Lead`, ADA);
		const answer = await rest(em, 'POST', `${V}/composite/sobjects`, { records: [lead(ADA)] });
		const [result] = answer.json as Array<Record<string, any>>;
		expect(result.success).toBe(false);
		expect('id' in result).toBe(false);
		expect(result.errors[0].statusCode).toBe('DUPLICATES_DETECTED');
		expect(result.errors[0].duplicateResult.matchResults[0].matchRecords[0].record.Id).toBe(em.records('Lead')[0].Id);
	});

	it('saves the duplicate when Sforce-Duplicate-Rule-Header says allowSave=true', async () => {
		const em = await emulator({ duplicateRuleOnEmail: true });
		await rest(em, 'POST', `${V}/sobjects/Lead`, ADA);
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, ADA, { 'Sforce-Duplicate-Rule-Header': 'allowSave=true; includeRecordDetails=true; runAsCurrentUser=true' });
		expect(answer.status).toBe(201);
		expect(em.records('Lead')).toHaveLength(2);
	});

	it('lets duplicates through when the rule is off', async () => {
		const em = await emulator();
		await rest(em, 'POST', `${V}/sobjects/Lead`, ADA);
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, ADA);
		expect(answer.status).toBe(201);
	});
});

describe('assignment rule', () => {
	const QUEUE_OWNER = makeId('005', 42);

	it('gives new Leads the rule owner when Sforce-Auto-Assign is absent', async () => {
		const em = await emulator({ assignmentRuleOwnerId: QUEUE_OWNER });
		await rest(em, 'POST', `${V}/sobjects/Lead`, ADA);
		expect(em.records('Lead')[0].OwnerId).toBe(QUEUE_OWNER);
	});

	it('keeps the API user as owner when Sforce-Auto-Assign is FALSE', async () => {
		const em = await emulator({ assignmentRuleOwnerId: QUEUE_OWNER });
		await rest(em, 'POST', `${V}/composite/sobjects`, { records: [lead(ADA)] }, { 'Sforce-Auto-Assign': 'FALSE' });
		expect(em.records('Lead')[0].OwnerId).toBe(makeId('005', 1));
	});
});
