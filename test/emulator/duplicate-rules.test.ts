/** The Lead duplicate rule on Email: alert and block rules, single creates, Collections, edits. */
import { emulator, lead, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const ADA = { LastName: 'Lovelace', Company: 'Engines', Email: 'ada@example.com' };
const ALLOW_SAVE = { 'Sforce-Duplicate-Rule-Header': 'allowSave=true; includeRecordDetails=true; runAsCurrentUser=true' };
const ALERT_MESSAGE = 'You\'re creating a duplicate record. We recommend you use an existing record instead.';
const COLLECTIONS = `${V}/composite/sobjects`;

describe('duplicate rule on Email', () => {
	it('blocks a single create with DUPLICATES_DETECTED and the matches under the misspelt duplicateResut key', async () => {
		const em = await emulator({ duplicateRuleOnEmail: true });
		const existing = em.insert('Lead', ADA);
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, { ...ADA, Email: 'ADA@example.com' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual([{
			duplicateResut: {
				allowSave: true,
				duplicateRule: 'Standard_Lead_Duplicate_Rule',
				duplicateRuleEntityType: 'Lead',
				errorMessage: ALERT_MESSAGE,
				matchResults: [{
					entityType: 'Lead',
					errors: [],
					matchEngine: 'FuzzyMatchEngine',
					matchRecords: [{
						additionalInformation: [],
						fieldDiffs: [],
						matchConfidence: 100.0,
						record: { attributes: { type: 'Lead', url: `/services/data/v66.0/sobjects/Lead/${existing}` }, Id: existing },
					}],
					rule: 'Standard_Lead_Match_Rule_v1_0',
					size: 1,
					success: true,
				}],
			},
			errorCode: 'DUPLICATES_DETECTED',
			message: ALERT_MESSAGE,
		}]);
		expect(em.records('Lead')).toHaveLength(1);
	});

	it('gives a record blocked in Collections only statusCode, message and empty fields: no match ids', async () => {
		const em = await emulator({ duplicateRuleOnEmail: true });
		em.insert('Lead', ADA);
		const answer = await rest(em, 'POST', COLLECTIONS, { records: [lead(ADA)] });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual([{ success: false, errors: [{ statusCode: 'DUPLICATES_DETECTED', message: ALERT_MESSAGE, fields: [] }] }]);
	});

	it('answers a block rule with "Use one of these records?" and allowSave false', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'block' });
		em.insert('Lead', ADA);
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, ADA);
		const [error] = answer.json as Array<Record<string, any>>;
		expect(error.message).toBe('Use one of these records?');
		expect(error.duplicateResut).toMatchObject({ allowSave: false, duplicateRule: 'Lead_Email_Block_Rule', errorMessage: 'Use one of these records?' });
	});

	it('saves the duplicate of an alert rule when Sforce-Duplicate-Rule-Header says allowSave=true', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'alert' });
		em.insert('Lead', ADA);
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, ADA, ALLOW_SAVE);
		expect(answer.status).toBe(201);
		expect(em.records('Lead')).toHaveLength(2);
	});

	it('never saves the duplicate of a block rule, allowSave=true or not', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'block' });
		em.insert('Lead', ADA);
		const answer = await rest(em, 'POST', COLLECTIONS, { records: [lead(ADA)] }, ALLOW_SAVE);
		expect(answer.json).toEqual([{ success: false, errors: [{ statusCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?', fields: [] }] }]);
		expect(em.records('Lead')).toHaveLength(1);
	});

	it('does not compare records of one call with each other', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'block' });
		const answer = await rest(em, 'POST', COLLECTIONS, { records: [lead(ADA), lead(ADA)] });
		expect((answer.json as Array<{ success: boolean }>).map((result) => result.success)).toEqual([true, true]);
	});

	it('checks an edit against the other leads', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'block' });
		em.insert('Lead', ADA);
		const grace = em.insert('Lead', { LastName: 'Hopper', Company: 'Navy', Email: 'grace@example.com' });
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: grace, Email: 'ada@example.com' })] });
		expect(answer.json).toEqual([{ success: false, errors: [{ statusCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?', fields: [] }] }]);
		expect(em.records('Lead')[1].Email).toBe('grace@example.com');
	});

	it('does not count the edited lead as its own duplicate', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'block' });
		const ada = em.insert('Lead', ADA);
		const answer = await rest(em, 'PATCH', COLLECTIONS, { records: [lead({ id: ada, Email: 'ADA@example.com', Title: 'Countess' })] });
		expect(answer.json).toEqual([{ id: ada, success: true, errors: [] }]);
	});

	it('does not match converted leads', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'block' });
		em.insert('Lead', { ...ADA, IsConverted: true });
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, ADA);
		expect(answer.status).toBe(201);
	});

	it('lets duplicates through when the org has no rule', async () => {
		const em = await emulator();
		em.insert('Lead', ADA);
		const answer = await rest(em, 'POST', `${V}/sobjects/Lead`, ADA);
		expect(answer.status).toBe(201);
	});

	it('refuses an unknown rule action at start-up', async () => {
		await expect(emulator({ duplicateRuleOnEmail: 'warn' as never })).rejects.toThrow('duplicateRuleOnEmail must be true, false, \'alert\' or \'block\', got "warn"');
	});
});
