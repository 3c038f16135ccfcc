/**
 * Composite with allOrNone true: one failed subrequest rolls back what the others wrote. Starts
 * with the node's trick: create a Lead, then GET a Lead id that cannot exist so that the
 * transaction never commits, to learn the duplicate rule's match ids without saving anything.
 */
import { makeId } from '../../emulator';
import { composite, emulator, lead, rest, rolledBack, stopAll, V } from './helpers';

afterEach(stopAll);

const ADA = { LastName: 'Lovelace', Company: 'Engines', Email: 'ada@example.com' };
const GRACE = { LastName: 'Hopper', Company: 'Navy', Email: 'grace@example.com' };
const LEADS = `${V}/sobjects/Lead`;
const IMPOSSIBLE_LEAD = '000000000000000AAA';

function createLead(referenceId: string, body: object = ADA): object {
	return { method: 'POST', url: LEADS, referenceId, body };
}

/** The node's request: the lead, then a read that fails so that nothing commits. */
function leadThenRollback(leadBody: object): object[] {
	return [createLead('lead', leadBody), { method: 'GET', url: `${LEADS}/${IMPOSSIBLE_LEAD}`, referenceId: 'rollback' }];
}

/** The block rule's report in a single-record answer, as duplicate-rules.test.ts shows it. */
function blockRuleReport(matchId: string): object {
	return {
		allowSave: false,
		duplicateRule: 'Lead_Email_Block_Rule',
		duplicateRuleEntityType: 'Lead',
		errorMessage: 'Use one of these records?',
		matchResults: [{
			entityType: 'Lead',
			errors: [],
			matchEngine: 'ExactMatchEngine',
			matchRecords: [{
				additionalInformation: [],
				fieldDiffs: [],
				matchConfidence: 100.0,
				record: { attributes: { type: 'Lead', url: `/services/data/v66.0/sobjects/Lead/${matchId}` }, Id: matchId },
			}],
			rule: 'Lead_Email_Match_Rule',
			size: 1,
			success: true,
		}],
	};
}

const NOT_FOUND_IMPOSSIBLE_LEAD = {
	body: [{ message: `Provided external ID field does not exist or is not accessible: ${IMPOSSIBLE_LEAD}`, errorCode: 'NOT_FOUND' }],
	httpHeaders: {},
	httpStatusCode: 404,
	referenceId: 'rollback',
};

describe('the node\'s lead-then-rollback composite', () => {
	it('a lead the duplicate rule blocks: its result carries DUPLICATES_DETECTED with the match ids under duplicateResut, nothing is stored', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'block' });
		const existing = em.insert('Lead', ADA);
		const answer = await composite(em, true, leadThenRollback({ ...ADA, FirstName: 'Ada' }));
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			compositeResponse: [
				{
					body: [{ duplicateResut: blockRuleReport(existing), errorCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?' }],
					httpHeaders: {},
					httpStatusCode: 400,
					referenceId: 'lead',
				},
				rolledBack('rollback'),
			],
		});
		expect(em.records('Lead').map((record) => record.Id)).toEqual([existing]);
		expect(em.apiUsage()).toEqual({ used: 1, limit: 15000, byEndpoint: { 'POST /composite': 1 } });
	});

	it('a lead nothing blocks: the GET answers 404 NOT_FOUND and rolls the created lead back, so no lead is stored', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'block' });
		const answer = await composite(em, true, leadThenRollback(ADA));
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ compositeResponse: [rolledBack('lead'), NOT_FOUND_IMPOSSIBLE_LEAD] });
		expect(em.records('Lead')).toEqual([]);
		expect(em.apiUsage()).toEqual({ used: 1, limit: 15000, byEndpoint: { 'POST /composite': 1 } });
	});

	it('leaves no id behind: the rolled-back lead\'s id answers 404 and the next lead gets another id', async () => {
		const em = await emulator();
		await composite(em, true, leadThenRollback(ADA));
		const rolledBackId = makeId('00Q', 1);
		expect((await rest(em, 'GET', `${LEADS}/${rolledBackId}`)).status).toBe(404);
		// Salesforce does not hand out a rolled-back id again either: the sequence skips it.
		expect((await rest(em, 'POST', LEADS, ADA)).json).toEqual({ id: makeId('00Q', 2), success: true, errors: [] });
	});
});

describe('composite with allOrNone true', () => {
	it('commits every subrequest when none fails', async () => {
		const em = await emulator();
		await composite(em, true, [createLead('ada'), createLead('grace', GRACE)]);
		expect(em.records('Lead').map((record) => record.Id)).toEqual([makeId('00Q', 1), makeId('00Q', 2)]);
	});

	it('does not run the subrequests after the failing one and reports them, and the earlier ones, as rolled back', async () => {
		const em = await emulator();
		const answer = await composite(em, true, [createLead('first'), createLead('noCompany', { LastName: 'L' }), createLead('third', GRACE)]);
		expect(answer.json).toEqual({
			compositeResponse: [
				rolledBack('first'),
				{ body: [{ message: 'Required fields are missing: [Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] }], httpHeaders: {}, httpStatusCode: 400, referenceId: 'noCompany' },
				rolledBack('third'),
			],
		});
		expect(em.records('Lead')).toEqual([]);
		// Only `first` minted an id: `third` never ran.
		expect((await rest(em, 'POST', LEADS, GRACE)).json).toEqual({ id: makeId('00Q', 2), success: true, errors: [] });
	});

	it('puts back the values an earlier subrequest edited', async () => {
		const em = await emulator();
		const ada = em.insert('Lead', ADA);
		const before = em.records('Lead');
		await composite(em, true, [
			{ method: 'PATCH', url: `${V}/composite/sobjects`, referenceId: 'edit', body: { records: [lead({ id: ada, Title: 'Countess' })] } },
			{ method: 'GET', url: `${LEADS}/${IMPOSSIBLE_LEAD}`, referenceId: 'rollback' },
		]);
		expect(em.records('Lead')).toEqual(before);
	});

	it('rolls back on a Collections subrequest with a failed record and keeps that subrequest\'s 200 answer', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'block' });
		em.insert('Lead', ADA);
		const answer = await composite(em, true, [
			{ method: 'POST', url: `${V}/composite/sobjects`, referenceId: 'collection1', body: { allOrNone: false, records: [lead(GRACE), lead(ADA)] } },
			createLead('newLead', { LastName: 'Smith', Company: 'C' }),
		]);
		expect(answer.json).toEqual({
			compositeResponse: [
				{
					body: [
						{ id: makeId('00Q', 2), success: true, errors: [] },
						{ success: false, errors: [{ statusCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?', fields: [] }] },
					],
					httpHeaders: {},
					httpStatusCode: 200,
					referenceId: 'collection1',
				},
				rolledBack('newLead'),
			],
		});
		expect(em.records('Lead').map((record) => record.LastName)).toEqual(['Lovelace']);
	});

	it('rolls back on a reference that finds no value, which halts its subrequest', async () => {
		const em = await emulator();
		const answer = await composite(em, true, [createLead('ada'), { method: 'GET', url: `${LEADS}/@{ada.Id}`, referenceId: 'wrongCase' }]);
		expect(answer.json).toEqual({
			compositeResponse: [
				rolledBack('ada'),
				{
					body: [{ errorCode: 'PROCESSING_HALTED', message: 'Invalid reference specified. No value for ada.Id found in ada. Provided referenceId (\'ada.Id\') must start with a letter or a number, and it can contain only letters, numbers and underscores (\'_\').' }],
					httpHeaders: {},
					httpStatusCode: 400,
					referenceId: 'wrongCase',
				},
			],
		});
		expect(em.records('Lead')).toEqual([]);
	});
});

describe('faults on a composite', () => {
	it('answers a status fault on /composite without running any subrequest', async () => {
		const em = await emulator();
		em.faults.add({ method: 'POST', path: '/composite', status: 503 });
		const answer = await composite(em, false, [createLead('ada')]);
		expect(answer.status).toBe(503);
		expect(em.records('Lead')).toEqual([]);
	});

	it('does not apply a fault on a subrequest\'s own path: subrequests are not requests of their own', async () => {
		const em = await emulator();
		em.faults.add({ path: '/sobjects/Lead', status: 500, times: Infinity });
		const answer = await composite(em, false, [createLead('ada')]);
		expect((answer.json as { compositeResponse: Array<{ httpStatusCode: number }> }).compositeResponse[0].httpStatusCode).toBe(201);
	});

	it('drops the connection after a committed composite: the records stay, as committed', async () => {
		const em = await emulator();
		em.faults.add({ path: '/composite', drop: 'after' });
		await expect(composite(em, true, [createLead('ada'), createLead('grace', GRACE)])).rejects.toThrow();
		expect(em.records('Lead').map((record) => record.Id)).toEqual([makeId('00Q', 1), makeId('00Q', 2)]);
	});

	it('drops the connection after a rolled-back composite: nothing stays', async () => {
		const em = await emulator();
		em.faults.add({ path: '/composite', drop: 'after' });
		await expect(composite(em, true, leadThenRollback(ADA))).rejects.toThrow();
		expect(em.records('Lead')).toEqual([]);
	});

	it('fails the writes of a composite under a row-lock fault with UNABLE_TO_LOCK_ROW, and not its reads', async () => {
		const em = await emulator();
		em.faults.add({ path: '/composite', errorCode: 'UNABLE_TO_LOCK_ROW' });
		const answer = await composite(em, false, [createLead('ada'), { method: 'GET', url: LEADS, referenceId: 'basicInfo' }]);
		const [write, read] = (answer.json as { compositeResponse: Array<{ body: unknown; httpStatusCode: number }> }).compositeResponse;
		expect(write.body).toEqual([{ message: 'unable to obtain exclusive access to this record or 1 records: 005Em0000000001IAA', errorCode: 'UNABLE_TO_LOCK_ROW', fields: [] }]);
		expect(read.httpStatusCode).toBe(200);
		expect(em.records('Lead')).toEqual([]);
	});
});
