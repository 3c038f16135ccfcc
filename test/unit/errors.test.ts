import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import capturedErrors from '../../emulator/fixtures/lead-create-errors.json';
import { guidanceFor, readableMessage } from '../../nodes/SalesforceRest/helpers/guidance';
import { textOfHtml } from '../../nodes/SalesforceRest/helpers/htmlText';
import {
	problemFromErrorList,
	problemFromResponse,
	problemFromThrown,
	problemOfError,
	toNodeApiError,
} from '../../nodes/SalesforceRest/transport/errors';

const node: INode = {
	id: '1',
	name: 'Salesforce REST',
	type: 'n8n-nodes-salesforce-rest.salesforceRest',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('problemFromResponse: REST error arrays (captured)', () => {
	it.each([
		['REQUIRED_FIELD_MISSING_LastName', 'REQUIRED_FIELD_MISSING', ['LastName']],
		['REQUIRED_FIELD_MISSING_Company', 'REQUIRED_FIELD_MISSING', ['Company']],
		['INVALID_FIELD_FOR_INSERT_UPDATE', 'INVALID_FIELD_FOR_INSERT_UPDATE', ['CreatedById']],
	] as const)('reads %s', (name, errorCode, fields) => {
		const capture = capturedErrors[name];
		expect(problemFromResponse(capture.http_status, capture.body)).toEqual({
			httpStatus: 400,
			errorCode,
			message: capture.body[0].message,
			fields,
		});
	});
});

describe('problemFromResponse: other shapes', () => {
	it('reads a Collections result with statusCode and keeps every message and field', () => {
		const result = {
			success: false,
			errors: [
				{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company]', fields: ['Company'] },
				{ statusCode: 'STRING_TOO_LONG', message: 'Last Name: data value too large', fields: ['LastName'] },
			],
		};
		expect(problemFromResponse(200, result)).toEqual({
			httpStatus: 200,
			errorCode: 'REQUIRED_FIELD_MISSING',
			message: 'Required fields are missing: [Company]; Last Name: data value too large',
			fields: ['Company', 'LastName'],
		});
	});

	it('reads duplicate record ids under duplicateResult (Collections) and duplicateResut (single create)', () => {
		const duplicate = (key: string) => [
			{
				errorCode: 'DUPLICATES_DETECTED',
				statusCode: 'DUPLICATES_DETECTED',
				message: 'Use one of these records?',
				fields: [],
				[key]: {
					matchResults: [{ matchRecords: [{ record: { Id: '00Q000000000001AAA' } }, { record: { Id: '00Q000000000002AAA' } }] }],
				},
			},
		];
		for (const key of ['duplicateResult', 'duplicateResut']) {
			expect(problemFromResponse(400, duplicate(key))).toEqual({
				httpStatus: 400,
				errorCode: 'DUPLICATES_DETECTED',
				message: 'Use one of these records?',
				fields: [],
				duplicates: ['00Q000000000001AAA', '00Q000000000002AAA'],
			});
		}
	});

	it('reads an OAuth error object', () => {
		expect(problemFromResponse(400, { error: 'invalid_grant', error_description: 'expired access/refresh token' })).toEqual({
			httpStatus: 400,
			errorCode: 'invalid_grant',
			message: 'expired access/refresh token',
			fields: [],
		});
	});

	it('reduces an HTML error page to its title', () => {
		const page = '<!DOCTYPE html><html><head><title>Service Unavailable &amp; down</title><style>p{}</style></head><body><p>Long text</p></body></html>';
		expect(problemFromResponse(503, page)).toEqual({
			httpStatus: 503,
			errorCode: 'HTTP_503',
			message: 'Service Unavailable & down',
			fields: [],
		});
	});

	it('reduces an HTML page without title to its text, without scripts', () => {
		expect(textOfHtml('<html><body><script>var x = 1;</script><h1>Error</h1> <p>Try   later</p></body></html>')).toBe('Error Try later');
	});

	it('describes an empty answer by its status', () => {
		expect(problemFromResponse(500, '')).toEqual({
			httpStatus: 500,
			errorCode: 'HTTP_500',
			message: 'Salesforce answered HTTP 500 without details',
			fields: [],
		});
	});

	it('reads a single error object', () => {
		expect(problemFromResponse(404, { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' })).toMatchObject({
			errorCode: 'NOT_FOUND',
			fields: [],
		});
	});
});

describe('problemFromErrorList', () => {
	it('has no httpStatus when none is given (a record of a 200 Collections answer)', () => {
		expect(problemFromErrorList([{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access', fields: [] }])).toEqual({
			errorCode: 'UNABLE_TO_LOCK_ROW',
			message: 'unable to obtain exclusive access',
			fields: [],
		});
	});
});

describe('guidance by error code, never by message text', () => {
	it('names the editions with REST for API_DISABLED_FOR_ORG', () => {
		const guidance = guidanceFor({ httpStatus: 403, errorCode: 'API_DISABLED_FOR_ORG', message: 'API não habilitada', fields: [] });
		expect(guidance).toContain('Enterprise, Unlimited, Performance and Developer Edition, and in Professional Edition with the API add-on');
	});

	it('says to reconnect for invalid_grant and for INVALID_SESSION_ID after the refresh', () => {
		expect(guidanceFor({ httpStatus: 400, errorCode: 'invalid_grant', message: 'x', fields: [] })).toContain('reconnect');
		expect(guidanceFor({ httpStatus: 401, errorCode: 'INVALID_SESSION_ID', message: 'x', fields: [] })).toContain('reconnect');
	});

	it('says the daily limit is spent for REQUEST_LIMIT_EXCEEDED', () => {
		expect(guidanceFor({ httpStatus: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'x', fields: [] })).toContain('daily limit');
	});

	it('says to pick a newer version for 410', () => {
		expect(guidanceFor({ httpStatus: 410, errorCode: 'HTTP_410', message: 'x', fields: [] })).toContain('newer API Version');
	});

	it('adds nothing to a field error, whose message says it all', () => {
		const problem = { httpStatus: 400, errorCode: 'REQUIRED_FIELD_MISSING', message: 'Campos obrigatórios ausentes: [Company]', fields: ['Company'] };
		expect(guidanceFor(problem)).toBeUndefined();
		expect(readableMessage(problem)).toBe('Campos obrigatórios ausentes: [Company]');
	});
});

describe('problemFromThrown', () => {
	// NodeApiError takes the thrown error as n8n's HTTP helpers pass it: an object read as JSON.
	const asJson = (error: Error) => error as unknown as JsonObject;

	function axiosError(status: number, data: unknown) {
		return Object.assign(new Error(`Request failed with status code ${status}`), {
			isAxiosError: true,
			response: { status, data, headers: {} },
		});
	}

	it('reads the answer kept by axios under an n8n NodeApiError (401 after the refresh)', () => {
		const thrown = new NodeApiError(node, asJson(axiosError(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }])));
		expect(problemFromThrown(thrown)).toEqual({
			delivery: 'answered',
			problem: { httpStatus: 401, errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid', fields: [] },
		});
	});

	it("reads a refresh refused with invalid_grant from n8n's 'reconnect' error", () => {
		const reconnect = new NodeOperationError(node, 'The credential "SF" needs to be reconnected.', {
			failure: { cause: 'credential-invalid' },
		});
		expect(problemFromThrown(reconnect)).toEqual({
			delivery: 'answered',
			problem: { httpStatus: 400, errorCode: 'invalid_grant', message: 'The credential "SF" needs to be reconnected.', fields: [] },
		});
	});

	it('reads the OAuth body of a failed refresh', () => {
		const authError = Object.assign(new Error('inactive user'), { body: { error: 'invalid_grant', error_description: 'inactive user' }, code: 'EAUTH' });
		expect(problemFromThrown(new NodeApiError(node, asJson(authError)))).toMatchObject({
			delivery: 'answered',
			problem: { errorCode: 'invalid_grant', message: 'inactive user' },
		});
	});

	it('says the outcome is unknown when the connection broke', () => {
		const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', isAxiosError: true });
		expect(problemFromThrown(new NodeApiError(node, asJson(reset)))).toEqual({
			delivery: 'unknown',
			problem: { errorCode: 'ECONNRESET', message: 'socket hang up', fields: [] },
		});
	});

	it('says nothing was sent when the connection was refused', () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', isAxiosError: true });
		expect(problemFromThrown(refused).delivery).toBe('not-sent');
	});

	it('says nothing was sent for an error n8n raised before the request', () => {
		expect(problemFromThrown(new Error('OAuth credentials not connected'))).toEqual({
			delivery: 'not-sent',
			problem: { errorCode: 'REQUEST_NOT_SENT', message: 'OAuth credentials not connected', fields: [] },
		});
	});
});

describe('toNodeApiError', () => {
	const problem = { httpStatus: 403, errorCode: 'API_DISABLED_FOR_ORG', message: 'API is not enabled for this Organization or Partner', fields: [] };

	it('is one readable NodeApiError carrying status, code, fields and guidance', () => {
		const error = toNodeApiError(node, problem, { itemIndex: 2 });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Salesforce: API_DISABLED_FOR_ORG: API is not enabled for this Organization or Partner');
		expect(error.httpCode).toBe('403');
		expect(error.description).toContain('Professional Edition with the API add-on');
		expect(error.context).toMatchObject({ errorCode: 'API_DISABLED_FOR_ORG', fields: [], itemIndex: 2 });
		expect(problemOfError(error)).toEqual(problem);
	});

	it('names the fields in the message', () => {
		const error = toNodeApiError(node, { httpStatus: 400, errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing', fields: ['Company'] });
		expect(error.message).toBe('Salesforce: REQUIRED_FIELD_MISSING: Required fields are missing (fields: Company)');
	});

	it('declares an invalid credential and a spent quota', () => {
		expect(toNodeApiError(node, { httpStatus: 400, errorCode: 'invalid_grant', message: 'x', fields: [] }).failure).toEqual({ cause: 'credential-invalid' });
		expect(toNodeApiError(node, { httpStatus: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'x', fields: [] }).failure).toEqual({ cause: 'quota-exhausted' });
	});
});

describe('toNodeApiError with a network failure', () => {
	it('keeps our message even when it names a network code that n8n would replace', () => {
		const problem = { errorCode: 'ECONNRESET', message: 'socket hang up', fields: [] };
		const error = toNodeApiError(node, problem, { message: 'The connection broke (ECONNRESET): the outcome is unknown' });
		expect(error.message).toBe('The connection broke (ECONNRESET): the outcome is unknown');
	});
});
