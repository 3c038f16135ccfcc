/** Composite (POST /composite): the request envelope, references between subrequests, their headers, one API call. */
import { makeId, USER_ID } from '../../emulator';
import { composite, emulator, rest, stopAll, V, type Answer } from './helpers';

afterEach(stopAll);

const ADA = { LastName: 'Lovelace', Company: 'Engines', Email: 'ada@example.com' };
const LEADS = `${V}/sobjects/Lead`;
const OWNER = '005000000000002AAA';
const INVALID_REFERENCE = 'Invalid reference specified. No value for noCompany.id found in noCompany. Provided referenceId (\'noCompany.id\') must start with a letter or a number, and it can contain only letters, numbers and underscores (\'_\').';

function createLead(referenceId: string, body: object = ADA, httpHeaders?: Record<string, string>): object {
	return { method: 'POST', url: LEADS, referenceId, body, ...(httpHeaders === undefined ? {} : { httpHeaders }) };
}

function statuses(answer: Answer): number[] {
	return (answer.json as { compositeResponse: Array<{ httpStatusCode: number }> }).compositeResponse.map((result) => result.httpStatusCode);
}

function parserError(message: string): object[] {
	return [{ message, errorCode: 'JSON_PARSER_ERROR' }];
}

describe('composite subrequests', () => {
	it('runs the subrequests in order through the REST routes, resolving @{ref.id} in a later url, and answers one result each', async () => {
		const em = await emulator();
		const answer = await composite(em, false, [
			createLead('newLead'),
			{ method: 'GET', url: `${LEADS}/@{newLead.id}?fields=LastName,Company`, referenceId: 'newLeadFields' },
		]);
		const id = makeId('00Q', 1);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			compositeResponse: [
				{ body: { id, success: true, errors: [] }, httpHeaders: { Location: `/services/data/v66.0/sobjects/Lead/${id}` }, httpStatusCode: 201, referenceId: 'newLead' },
				{
					body: { attributes: { type: 'Lead', url: `/services/data/v66.0/sobjects/Lead/${id}` }, LastName: 'Lovelace', Company: 'Engines' },
					httpHeaders: {},
					httpStatusCode: 200,
					referenceId: 'newLeadFields',
				},
			],
		});
	});

	it('resolves @{ref.Field} inside the string values of a later body', async () => {
		const em = await emulator();
		await composite(em, false, [
			createLead('ada'),
			{ method: 'GET', url: `${LEADS}/@{ada.id}?fields=LastName,Company`, referenceId: 'adaFields' },
			createLead('byron', { LastName: 'Byron', Company: '@{adaFields.Company}', Title: 'Daughter of @{adaFields.LastName}' }),
		]);
		expect(em.records('Lead')[1]).toMatchObject({ LastName: 'Byron', Company: 'Engines', Title: 'Daughter of Lovelace' });
	});

	it('counts the whole composite as one API call under POST /composite, not its subrequests', async () => {
		const em = await emulator();
		const answer = await composite(em, true, [createLead('first'), { method: 'GET', url: `${LEADS}/@{first.id}`, referenceId: 'read' }, createLead('second')]);
		expect(statuses(answer)).toEqual([201, 200, 201]);
		expect(em.apiUsage()).toEqual({ used: 1, limit: 15000, byEndpoint: { 'POST /composite': 1 } });
		expect(answer.headers['sforce-limit-info']).toBe('api-usage=1/15000');
	});

	it('applies a subrequest\'s Sforce-Duplicate-Rule-Header to that subrequest only', async () => {
		const em = await emulator({ duplicateRuleOnEmail: 'alert' });
		em.insert('Lead', ADA);
		const answer = await composite(em, false, [
			createLead('allowed', ADA, { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' }),
			createLead('alerted'),
		]);
		expect(statuses(answer)).toEqual([201, 400]);
		expect(em.records('Lead')).toHaveLength(2);
	});

	it('applies a subrequest\'s Sforce-Auto-Assign to that subrequest only', async () => {
		const em = await emulator({ assignmentRuleOwnerId: OWNER });
		await composite(em, false, [createLead('assigned'), createLead('unassigned', ADA, { 'Sforce-Auto-Assign': 'FALSE' })]);
		expect(em.records('Lead').map((record) => record.OwnerId)).toEqual([OWNER, USER_ID]);
	});

	it('does not hand the composite request\'s own Sforce-* headers down to its subrequests', async () => {
		const em = await emulator({ assignmentRuleOwnerId: OWNER });
		await composite(em, false, [createLead('lead')], { 'Sforce-Auto-Assign': 'FALSE' });
		expect(em.records('Lead')[0].OwnerId).toBe(OWNER);
	});

	it('answers a subrequest for a retired API version with its own 410', async () => {
		const em = await emulator();
		const answer = await composite(em, false, [{ method: 'GET', url: '/services/data/v30.0/sobjects/Lead', referenceId: 'old' }]);
		expect(answer.json).toEqual({
			compositeResponse: [{
				body: [{ message: 'API version 30.0 has been retired. Use a supported API version.', errorCode: 'API_VERSION_RETIRED' }],
				httpHeaders: {},
				httpStatusCode: 410,
				referenceId: 'old',
			}],
		});
	});

	it('does not run a composite as a subrequest of another', async () => {
		const em = await emulator();
		const answer = await composite(em, false, [{ method: 'POST', url: `${V}/composite`, referenceId: 'inner', body: { compositeRequest: [] } }]);
		expect(answer.json).toEqual({
			compositeResponse: [{ body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }], httpHeaders: {}, httpStatusCode: 404, referenceId: 'inner' }],
		});
	});
});

describe('composite with allOrNone false', () => {
	it('still runs a later subrequest that does not depend on the failed one', async () => {
		const em = await emulator();
		const answer = await composite(em, false, [createLead('noCompany', { LastName: 'L' }), createLead('fine')]);
		const id = makeId('00Q', 1);
		expect(answer.json).toEqual({
			compositeResponse: [
				{ body: [{ message: 'Required fields are missing: [Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] }], httpHeaders: {}, httpStatusCode: 400, referenceId: 'noCompany' },
				{ body: { id, success: true, errors: [] }, httpHeaders: { Location: `/services/data/v66.0/sobjects/Lead/${id}` }, httpStatusCode: 201, referenceId: 'fine' },
			],
		});
		expect(em.records('Lead').map((record) => record.Id)).toEqual([id]);
	});

	it('halts a subrequest that refers to the failed one with PROCESSING_HALTED "Invalid reference specified"', async () => {
		const em = await emulator();
		const answer = await composite(em, false, [createLead('noCompany', { LastName: 'L' }), { method: 'GET', url: `${LEADS}/@{noCompany.id}`, referenceId: 'dependent' }]);
		expect((answer.json as { compositeResponse: object[] }).compositeResponse[1]).toEqual({
			body: [{ errorCode: 'PROCESSING_HALTED', message: INVALID_REFERENCE }],
			httpHeaders: {},
			httpStatusCode: 400,
			referenceId: 'dependent',
		});
	});
});

describe('composite request envelope', () => {
	it('refuses a subrequest without referenceId with one 400 and runs none of the subrequests', async () => {
		const em = await emulator();
		const answer = await composite(em, false, [createLead('first'), { method: 'POST', url: LEADS, body: ADA }]);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual(parserError('\'referenceId\' is a required field.'));
		expect(em.records('Lead')).toEqual([]);
	});

	it('refuses a referenceId used twice with one 400 and runs none of the subrequests', async () => {
		const em = await emulator();
		const answer = await composite(em, false, [createLead('lead'), createLead('lead')]);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual(parserError('Duplicate referenceId provided in the request: lead'));
		expect(em.records('Lead')).toEqual([]);
	});

	it('answers more than 25 subrequests with LIMIT_EXCEEDED inside a 200 and runs none of them', async () => {
		const em = await emulator();
		const answer = await composite(em, false, Array.from({ length: 26 }, (_, index) => createLead(`lead${index}`)));
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			compositeResponse: [{ body: [{ errorCode: 'LIMIT_EXCEEDED', message: 'The request can’t contain more than 25 operations.' }], httpHeaders: {}, httpStatusCode: 400, referenceId: null }],
		});
		expect(em.records('Lead')).toEqual([]);
	});

	it('refuses a referenceId with characters other than letters, digits and underscores (v52.0 and later)', async () => {
		const em = await emulator();
		const answer = await composite(em, false, [createLead('new-lead')]);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual(parserError('Provided referenceId (\'new-lead\') must start with a letter or a number, and it can contain only letters, numbers and underscores (\'_\').'));
	});

	it('refuses a subrequest url that does not start with /services/data/vXX.X/', async () => {
		const em = await emulator();
		const answer = await composite(em, false, [{ method: 'POST', url: '/sobjects/Lead', referenceId: 'lead', body: ADA }]);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual(parserError('Subrequest lead: the url must start with /services/data/vXX.X/, got /sobjects/Lead'));
	});

	it('refuses a subrequest method that is not one of POST, PUT, PATCH, GET, DELETE in capitals', async () => {
		const em = await emulator();
		const answer = await composite(em, false, [{ method: 'post', url: LEADS, referenceId: 'lead', body: ADA }]);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual(parserError('Subrequest lead: method \'post\' is not one of POST, PUT, PATCH, GET, DELETE (case-sensitive)'));
	});

	it('refuses a subrequest that sets Authorization, which subrequests take from the composite request', async () => {
		const em = await emulator();
		const answer = await composite(em, false, [createLead('lead', ADA, { Authorization: 'Bearer other' })]);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual(parserError('Subrequest lead: the Authorization header cannot be set on a subrequest; it is taken from the composite request'));
	});

	it('refuses an allOrNone that is not a boolean', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', `${V}/composite`, { allOrNone: 'yes', compositeRequest: [createLead('lead')] });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual(parserError('Cannot deserialize instance of boolean from VALUE_STRING value yes or request may be missing a required field'));
	});

	it('is not there before API version 38.0', async () => {
		const em = await emulator();
		const answer = await rest(em, 'POST', '/services/data/v37.0/composite', { allOrNone: false, compositeRequest: [] });
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
	});
});
