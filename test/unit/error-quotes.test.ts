/**
 * What an error quotes from an answer or a thrown error: never a credential, and never more than the
 * README promises (60 characters of a code, field name or id; 1,000 of Salesforce's own messages or
 * of a thrown error's message; 200 of any other body), nor more than ten fields.
 */
import { NodeApiError, type INode } from 'n8n-workflow';

import { textOfHtml } from '../../nodes/SalesforceRest/helpers/htmlText';
import { SECRET_MARKER } from '../../nodes/SalesforceRest/helpers/secrets';
import {
	problemFromResponse,
	problemFromThrown,
	problemOfError,
	toNodeApiError,
} from '../../nodes/SalesforceRest/transport/errors';

const node: INode = { id: '1', name: 'Salesforce REST', type: 'n8n-nodes-salesforce-rest.salesforceRest', typeVersion: 1, position: [0, 0], parameters: {} };

const ACCESS_TOKEN = '00D8a000003BvM7!AQ8AQPfWv1yE.k4N3sZ2qLr_9hTgX0cJmB7uYwDe5RiOaKp6tHn4FsVz2GqWx8Lc3Mb1Yd0Je7Uf9Ig.Ah5Bk2Cl';
/** A token of no known shape: only the connection, which knows it, can have it removed. */
const OPAQUE_TOKEN = 'opaque-token-4f9a2c7e1b';
/** What a misconfigured proxy answers: the request it refused, headers and body. */
const ECHO = `Bad Gateway. Request: POST /services/data/v66.0/composite/sobjects\nAuthorization: Bearer ${ACCESS_TOKEN}\n{"access_token":"${ACCESS_TOKEN}"}`;

describe('no credential in a problem', () => {
	it('quotes a plain-text proxy answer echoing the Authorization header and a JSON access_token without them', () => {
		expect(problemFromResponse(502, ECHO)).toEqual({
			httpStatus: 502,
			errorCode: 'HTTP_502',
			message: `Bad Gateway. Request: POST /services/data/v66.0/composite/sobjects\nAuthorization: ${SECRET_MARKER}\n{"access_token":"${SECRET_MARKER}"}`,
			fields: [],
		});
	});

	it('quotes an HTML page echoing tokens in escaped quotes without them', () => {
		const page = `<html><body><h1>Forbidden</h1><pre>{&quot;access_token&quot;: &quot;${OPAQUE_TOKEN}&quot;, &quot;auth&quot;: &quot;Bearer ${ACCESS_TOKEN}&quot;}</pre></body></html>`;
		expect(textOfHtml(page)).toBe(`Forbidden {"access_token": "${SECRET_MARKER}", "auth": "Bearer ${SECRET_MARKER}"}`);
	});

	it('quotes a Salesforce-shaped error and an OAuth error echoing a token without it', () => {
		const list = problemFromResponse(400, [{ errorCode: 'BAD_REQUEST', message: `Rejected header Authorization: Bearer ${ACCESS_TOKEN}`, fields: [] }]);
		expect(list.message).toBe(`Rejected header Authorization: ${SECRET_MARKER}`);
		const oauth = problemFromResponse(400, { error: 'invalid_request', error_description: `bad session ${ACCESS_TOKEN}` });
		expect(oauth.message).toBe(`bad session ${SECRET_MARKER}`);
	});

	it('removes the secrets the caller gives from an answer, and from a thrown error', () => {
		expect(problemFromResponse(502, `echo ${OPAQUE_TOKEN}`, [OPAQUE_TOKEN]).message).toBe(`echo ${SECRET_MARKER}`);
		const thrown = Object.assign(new Error(`socket hang up after ${OPAQUE_TOKEN}`), { code: 'ECONNRESET', isAxiosError: true });
		expect(problemFromThrown(thrown, [OPAQUE_TOKEN]).problem.message).toBe(`socket hang up after ${SECRET_MARKER}`);
	});

	it('removes a token from the message of a thrown error and from the answer it carries', () => {
		const refused = Object.assign(new Error(`connect ECONNREFUSED for https://x/?access_token=${OPAQUE_TOKEN}`), { code: 'ECONNREFUSED', isAxiosError: true });
		expect(problemFromThrown(refused).problem.message).toBe(`connect ECONNREFUSED for https://x/?access_token=${SECRET_MARKER}`);
		const answered = Object.assign(new Error('Request failed with status code 401'), { response: { status: 401, data: ECHO } });
		expect(JSON.stringify(problemFromThrown(answered))).not.toContain(ACCESS_TOKEN.slice(16, 40));
	});

	it('removes a token that crosses the cut whole, leaving none of it', () => {
		const message = problemFromResponse(502, `${'x'.repeat(190)} ${ACCESS_TOKEN} ${'y'.repeat(300)}`).message;
		expect(message).toBe(`${'x'.repeat(190)} ${SECRET_MARKER.slice(0, 9)}… (${190 + 1 + ACCESS_TOKEN.length + 1 + 300} characters)`);
	});
});

describe('how much a problem quotes', () => {
	it('quotes 200 characters of a body that is not a Salesforce JSON error', () => {
		expect(problemFromResponse(502, 'p'.repeat(1000)).message).toBe(`${'p'.repeat(200)}… (1000 characters)`);
	});

	it("keeps Salesforce's own messages whole up to 1,000 characters, all of one error together", () => {
		const rule = 'r'.repeat(255);
		expect(problemFromResponse(400, [{ errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: rule, fields: [] }]).message).toBe(rule);
		const long = problemFromResponse(400, [{ errorCode: 'X', message: 'm'.repeat(1500) }, { errorCode: 'X', message: 'n'.repeat(100) }]);
		expect(long.message).toBe(`${'m'.repeat(1000)}… (1602 characters)`);
	});

	it('keeps ten fields of an answer, each cut to 60 characters', () => {
		const fields = Array.from({ length: 30 }, (_, index) => `Field${index}__c`);
		const problem = problemFromResponse(400, [{ errorCode: 'X', message: 'm', fields: [...fields, 'F'.repeat(5000)] }, { errorCode: 'Y', message: 'n', fields: ['G'.repeat(5000)] }]);
		expect(problem.fields).toEqual(fields.slice(0, 10));
		const one = problemFromResponse(400, [{ errorCode: 'X', message: 'm', fields: ['F'.repeat(5000)] }]);
		expect(one.fields).toEqual([`${'F'.repeat(60)}… (5000 characters)`]);
	});

	it('cuts an error code to 60 characters', () => {
		expect(problemFromResponse(400, [{ errorCode: 'E'.repeat(5000), message: 'm' }]).errorCode).toBe(`${'E'.repeat(60)}… (5000 characters)`);
	});

	it('cuts the message of an error thrown by n8n to 1,000 characters', () => {
		expect(problemFromThrown(new Error('n'.repeat(5000))).problem.message).toBe(`${'n'.repeat(1000)}… (5000 characters)`);
		expect(problemOfError(new Error('o'.repeat(5000))).message).toBe(`${'o'.repeat(1000)}… (5000 characters)`);
	});
});

describe('the error thrown for a problem with long or many field names', () => {
	const fields = ['K'.repeat(5000), ...Array.from({ length: 49 }, (_, index) => `Field${index}__c`)];
	const error = toNodeApiError(node, { httpStatus: 400, errorCode: 'INVALID_FIELD', message: 'Unknown fields', fields });
	const shortened = `${'K'.repeat(60)}… (5000 characters)`;

	it('names ten fields, each shortened, in its message', () => {
		expect(error.message).toBe(`Salesforce: INVALID_FIELD: Unknown fields (fields: ${[shortened, ...fields.slice(1, 10)].join(', ')} and 40 more)`);
	});

	it('carries ten fields, each shortened, in its context and its response', () => {
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.context.fields).toEqual([shortened, ...fields.slice(1, 10)]);
		expect(error.errorResponse?.fields).toEqual([shortened, ...fields.slice(1, 10)]);
	});
});
