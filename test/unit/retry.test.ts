import { isTransientReadFailure, readRetryDelay } from '../../nodes/SalesforceRest/helpers/retry';

const answered = (httpStatus: number, errorCode: string) => ({ httpStatus, errorCode, message: 'x', fields: [] });

describe('isTransientReadFailure', () => {
	it.each([420, 429, 500, 502, 503, 504])('retries a read answered %i', (status) => {
		expect(isTransientReadFailure(answered(status, `HTTP_${status}`), 'answered')).toBe(true);
	});

	it('retries a read refused for row lock contention', () => {
		expect(isTransientReadFailure(answered(400, 'UNABLE_TO_LOCK_ROW'), 'answered')).toBe(true);
	});

	it.each([
		[400, 'INVALID_FIELD'],
		[401, 'INVALID_SESSION_ID'],
		[403, 'REQUEST_LIMIT_EXCEEDED'],
		[403, 'API_DISABLED_FOR_ORG'],
		[404, 'NOT_FOUND'],
		[400, 'invalid_grant'],
	])('does not retry a read answered %i %s: asking again gives the same answer', (status, code) => {
		expect(isTransientReadFailure(answered(status, code), 'answered')).toBe(false);
	});

	it('retries a read whose connection broke', () => {
		expect(isTransientReadFailure({ errorCode: 'ECONNRESET', message: 'socket hang up', fields: [] }, 'unknown')).toBe(true);
	});

	it('does not retry a request n8n refused to send (credential not connected, URL refused)', () => {
		expect(isTransientReadFailure({ errorCode: 'REQUEST_NOT_SENT', message: 'x', fields: [] }, 'not-sent')).toBe(false);
	});
});

describe('readRetryDelay', () => {
	it('pauses 1 s, then 3 s, then gives up', () => {
		expect([0, 1, 2].map(readRetryDelay)).toEqual([1000, 3000, undefined]);
	});
});
