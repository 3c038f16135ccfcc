/**
 * Credentials never reach a message: what answers in Salesforce's place (a proxy, a WAF, a gateway)
 * may echo the request, its Authorization header and its tokens, in its error body.
 */
import capturedErrors from '../../emulator/fixtures/lead-create-errors.json';
import { redactSecrets, SECRET_MARKER } from '../../nodes/SalesforceRest/helpers/secrets';

/** Shaped like a real Salesforce access token: the 15-character org id, "!", the token. */
const ACCESS_TOKEN = '00D8a000003BvM7!AQ8AQPfWv1yE.k4N3sZ2qLr_9hTgX0cJmB7uYwDe5RiOaKp6tHn4FsVz2GqWx8Lc3Mb1Yd0Je7Uf9Ig.Ah5Bk2Cl';
const REFRESH_TOKEN = '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJrqRbkx9Ks2rZ.mE4fL7oPq0sUw3yAbCdEfGhIjKlMnOpQr';
const MB = 1_000_000;

describe('redactSecrets: what is removed', () => {
	it.each([
		['an access token with a 15-character org id', `session ${ACCESS_TOKEN} expired`, `session ${SECRET_MARKER} expired`],
		['an access token with an 18-character org id', 'sid=00D8a000003BvM7EAK!AQ8AQ.x_y-z', `sid=${SECRET_MARKER}`],
		['an access token URL-encoded', 'token%3D00D8a000003BvM7%21AQ8AQxyz%2Babc', `token%3D${SECRET_MARKER}`],
		['a refresh token on its own', `got ${REFRESH_TOKEN} here`, `got ${SECRET_MARKER} here`],
		['a header line', `GET /x\r\nAuthorization: Bearer abc.def.ghi\r\nHost: x`, `GET /x\r\nAuthorization: ${SECRET_MARKER}\r\nHost: x`],
		['a Proxy-Authorization header', 'Proxy-Authorization: Basic dXNlcjpwYXNz', `Proxy-Authorization: ${SECRET_MARKER}`],
		['an Authorization field in JSON', '{"headers":{"Authorization":"OAuth opaque-value"},"ok":1}', `{"headers":{"Authorization":"${SECRET_MARKER}"},"ok":1}`],
		['a Bearer value in prose', 'rejected Bearer opaqueTokenValue123 for /services', `rejected Bearer ${SECRET_MARKER} for /services`],
		['access_token in JSON', '{"access_token": "opaque-secret-1", "id": 2}', `{"access_token": "${SECRET_MARKER}", "id": 2}`],
		['access_token in escaped JSON', '"{\\"access_token\\":\\"opaque-secret-1\\"}"', `"{\\"access_token\\":\\"${SECRET_MARKER}\\"}"`],
		['tokens in a form body', 'grant_type=refresh_token&refresh_token=abc123xyz&client_id=3MVG9', `grant_type=refresh_token&refresh_token=${SECRET_MARKER}&client_id=3MVG9`],
		['a token in a query string', 'GET /cb?code=1&access_token=abc123xyz HTTP/1.1', `GET /cb?code=1&access_token=${SECRET_MARKER} HTTP/1.1`],
		['client_secret and code_verifier', 'client_secret=s3cr3tvalue; code_verifier: "v3rifier-value"', `client_secret=${SECRET_MARKER}; code_verifier: "${SECRET_MARKER}"`],
		['camelCase names', "{accessToken: 'abc123xyz', refreshToken: 'def456uvw'}", `{accessToken: '${SECRET_MARKER}', refreshToken: '${SECRET_MARKER}'}`],
	])('removes %s', (_, text, expected) => {
		expect(redactSecrets(text)).toBe(expected);
	});

	it('removes the scheme with a given secret after Authorization, leaving one marker', () => {
		expect(redactSecrets('Authorization: Bearer opaque-token-of-another-shape', ['opaque-token-of-another-shape'])).toBe(`Authorization: ${SECRET_MARKER}`);
	});

	it('removes exact secrets the caller gives, whatever their shape', () => {
		expect(redactSecrets('echo: opaque-token-of-another-shape, again opaque-token-of-another-shape', ['opaque-token-of-another-shape'])).toBe(
			`echo: ${SECRET_MARKER}, again ${SECRET_MARKER}`,
		);
	});

	it('ignores given secrets too short to be credentials, and anything not a string', () => {
		expect(redactSecrets('a bc a', ['a', 'bc', undefined as unknown as string])).toBe('a bc a');
	});
});

describe('redactSecrets: what stays', () => {
	it.each(Object.entries(capturedErrors))('leaves the captured Salesforce error %s as it is', (_, capture) => {
		const message = (capture.body as Array<{ message: string }>)[0].message;
		expect(redactSecrets(message)).toBe(message);
	});

	it.each([
		'Required fields are missing: [Company]',
		'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: bad value for restricted picklist field: Lead Source',
		'invalid_grant: expired access/refresh token',
		'401 Bearer token required',
		'Org 00D8a000003BvM7EAK, user https://login.salesforce.com/id/00D8a000003BvM7EAK/0058a00000LryhyAAB',
	])('leaves "%s" as it is', (text) => {
		expect(redactSecrets(text)).toBe(text);
	});
});

describe('redactSecrets: linear time on the worst texts we could build', () => {
	function expectFast(text: string): string {
		const started = performance.now();
		const result = redactSecrets(text, [ACCESS_TOKEN]);
		// Tens of milliseconds on a quiet machine; a backtracking pattern takes minutes on these.
		expect(performance.now() - started).toBeLessThan(500);
		return result;
	}

	it.each([
		['1 MB of "00D!"', '00D!'.repeat(MB / 4)],
		['1 MB of org ids without "!"', '00D8a000003BvM7EAK'.repeat(MB / 18)],
		['1 MB of org ids each with "!" and no token', '00D8a000003BvM7!'.repeat(MB / 16)],
		['"authorization" then 1 MB of spaces', `authorization${' '.repeat(MB)}`],
		['"authorization:" then 1 MB of quotes', `authorization:${'"'.repeat(MB)}`],
		['"authorization:" then a 1 MB word and a quote', `authorization: ${'a'.repeat(MB)}"`],
		['"authorization:" then a word and 1 MB of spaces', `authorization: Bearer${' '.repeat(MB)}"`],
		['"token" then 1 MB of quotes and spaces', `token${'"'.repeat(MB / 2)}${' '.repeat(MB / 2)}x`],
		['1 MB of "token="', 'token='.repeat(MB / 6)],
		['"token=" then 1 MB of short words, ending in a backslash', `token=${'a '.repeat(MB / 2)}\\`],
		['"Bearer" then 1 MB of spaces', `Bearer${' '.repeat(MB)}`],
		['1 MB of "Bearer abc "', 'Bearer abc '.repeat(MB / 11)],
		['1 MB of "5Aep"', '5Aep'.repeat(MB / 4)],
		['1 MB of the start of the given secret', ACCESS_TOKEN.slice(0, -1).repeat(MB / ACCESS_TOKEN.length)],
	])('reads %s quickly', (_, text) => {
		expect(typeof expectFast(text)).toBe('string');
	});

	it.each([
		['an access token', `${ACCESS_TOKEN.slice(0, 16)}${'a'.repeat(MB)}`, SECRET_MARKER],
		['a refresh token', `5Aep${'a'.repeat(MB)}`, SECRET_MARKER],
		['a Bearer value', `Bearer ${'a'.repeat(MB)}`, `Bearer ${SECRET_MARKER}`],
		['an access_token value', `access_token=${'a'.repeat(MB)}`, `access_token=${SECRET_MARKER}`],
		['an Authorization value', `Authorization: Bearer ${'a'.repeat(MB)}`, `Authorization: ${SECRET_MARKER}`],
	])('removes %s 1 MB long quickly', (_, text, expected) => {
		expect(expectFast(text)).toBe(expected);
	});

	it('removes a megabyte of tokens', () => {
		expect(expectFast(`${ACCESS_TOKEN} `.repeat(MB / 120))).toBe(`${SECRET_MARKER} `.repeat(MB / 120));
	});
});
