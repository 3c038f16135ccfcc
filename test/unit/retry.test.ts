import { isTransientReadFailure, neverReachedSalesforce, resendPositions, retryDelay } from '../../nodes/SalesforceRest/helpers/retry';

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

	it('does not retry a read the API reserve stopped: the budget does not come back in seconds', () => {
		expect(isTransientReadFailure({ errorCode: 'API_BUDGET_RESERVED', message: 'x', fields: [] }, 'not-sent')).toBe(false);
	});
});

describe('retryDelay', () => {
	it('pauses 1 s, then 3 s, then gives up', () => {
		expect([0, 1, 2].map(retryDelay)).toEqual([1000, 3000, undefined]);
	});
});

describe('resendPositions', () => {
	const LOCK = 'UNABLE_TO_LOCK_ROW';
	const ROLLED_BACK = 'ALL_OR_NONE_OPERATION_ROLLED_BACK';
	const DUPLICATE = 'DUPLICATES_DETECTED';

	it('sends again only the records refused for a row lock when each record stands alone, after a pause', () => {
		expect(resendPositions([undefined, LOCK, 'REQUIRED_FIELD_MISSING', LOCK], false)).toEqual({ positions: [1, 3], pause: true });
	});

	it('sends the whole call again under all-or-none when a lock rolled it back', () => {
		expect(resendPositions([ROLLED_BACK, LOCK, ROLLED_BACK], true)).toEqual({ positions: [0, 1, 2], pause: true });
	});

	it('sends nothing again under all-or-none when another record failed for a reason of its own', () => {
		expect(resendPositions([LOCK, 'REQUIRED_FIELD_MISSING', ROLLED_BACK], true)).toEqual({ positions: [], pause: false });
		expect(resendPositions([DUPLICATE, ROLLED_BACK], true)).toEqual({ positions: [], pause: false });
	});

	it('sends nothing again when nothing was refused for a lock', () => {
		expect(resendPositions([undefined, DUPLICATE], false)).toEqual({ positions: [], pause: false });
		expect(resendPositions([undefined, undefined], true)).toEqual({ positions: [], pause: false });
	});

	it('sends the rest of an all-or-none call again, at once, when only records the node settles another way failed (duplicates taken as the existing record)', () => {
		expect(resendPositions([ROLLED_BACK, DUPLICATE, ROLLED_BACK], true, new Set([DUPLICATE]))).toEqual({ positions: [0, 2], pause: false });
		expect(resendPositions([LOCK, DUPLICATE, ROLLED_BACK], true, new Set([DUPLICATE]))).toEqual({ positions: [0, 2], pause: true });
		expect(resendPositions([DUPLICATE], true, new Set([DUPLICATE]))).toEqual({ positions: [], pause: false });
	});
});

describe('neverReachedSalesforce', () => {
	it('lets a save go again only when the connection was refused or the host not found', () => {
		expect(neverReachedSalesforce({ errorCode: 'ECONNREFUSED', message: '', fields: [] }, 'not-sent')).toBe(true);
		expect(neverReachedSalesforce({ errorCode: 'ECONNRESET', message: '', fields: [] }, 'unknown')).toBe(false);
		expect(neverReachedSalesforce({ errorCode: 'HTTP_503', message: '', fields: [] }, 'answered')).toBe(false);
		expect(neverReachedSalesforce({ errorCode: 'REQUEST_NOT_SENT', message: '', fields: [] }, 'not-sent')).toBe(false);
		expect(neverReachedSalesforce({ errorCode: 'API_BUDGET_RESERVED', message: '', fields: [] }, 'not-sent')).toBe(false);
	});
});
