import {
	checkBaseUrl,
	isLoopbackHost,
	myDomainLoginUrl,
	normalizeApiVersion,
	resolveApiBaseUrl,
} from '../../nodes/SalesforceRest/helpers/instanceUrl';

describe('checkBaseUrl', () => {
	it('accepts https and removes trailing slashes', () => {
		expect(checkBaseUrl('https://acme.my.salesforce.com///', 'URL')).toEqual({ ok: true, value: 'https://acme.my.salesforce.com' });
	});

	it.each(['http://127.0.0.1:8787', 'http://localhost:8787/', 'http://[::1]:8787', 'http://127.1.2.3'])(
		'accepts plain http on loopback: %s',
		(url) => {
			expect(checkBaseUrl(url, 'URL').ok).toBe(true);
		},
	);

	it.each(['http://acme.my.salesforce.com', 'http://localhost.evil.com', 'http://10.0.0.1', 'ftp://acme.my.salesforce.com'])(
		'refuses to send the token to %s',
		(url) => {
			expect(checkBaseUrl(url, 'The instance URL')).toEqual({
				ok: false,
				message: `The instance URL "${url}" must start with https:// (http:// is only allowed for localhost, 127.0.0.1 or [::1])`,
			});
		},
	);

	it('refuses text that is not a URL', () => {
		expect(checkBaseUrl('acme.my.salesforce.com', 'My Domain URL')).toEqual({ ok: false, message: 'My Domain URL "acme.my.salesforce.com" is not a URL' });
	});
});

describe('isLoopbackHost', () => {
	it('knows loopback names and addresses only', () => {
		expect(['localhost', 'LOCALHOST', '127.0.0.1', '[::1]'].every(isLoopbackHost)).toBe(true);
		expect(['localhost.example.com', '128.0.0.1', '0.0.0.0', 'example.com'].some(isLoopbackHost)).toBe(false);
	});
});

describe('resolveApiBaseUrl', () => {
	it('uses the instance_url of the token', () => {
		const credentials = { environment: 'myDomain', myDomainUrl: 'https://login.acme.com', oauthTokenData: { instance_url: 'https://acme.my.salesforce.com/' } };
		expect(resolveApiBaseUrl(credentials)).toEqual({ ok: true, value: 'https://acme.my.salesforce.com' });
	});

	it('falls back to the My Domain URL when a refresh lost instance_url', () => {
		const credentials = { environment: 'myDomain', myDomainUrl: 'https://acme.my.salesforce.com/', oauthTokenData: { access_token: 'x' } };
		expect(resolveApiBaseUrl(credentials)).toEqual({ ok: true, value: 'https://acme.my.salesforce.com' });
	});

	it('reads a My Domain URL without scheme as https, as the credential does', () => {
		const credentials = { environment: 'myDomain', myDomainUrl: 'acme.my.salesforce.com', oauthTokenData: { access_token: 'x' } };
		expect(resolveApiBaseUrl(credentials)).toEqual({ ok: true, value: 'https://acme.my.salesforce.com' });
	});

	it('asks to reconnect when there is neither', () => {
		const result = resolveApiBaseUrl({ environment: 'production', oauthTokenData: { access_token: 'x' } });
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toMatch(/no instance URL.*reconnect it/);
	});

	it('says the credential is not connected when there is no token at all', () => {
		const result = resolveApiBaseUrl({ environment: 'sandbox' });
		expect(!result.ok && result.message).toMatch(/^The Salesforce REST credential is not connected yet/);
	});

	it('refuses a non-https instance_url', () => {
		const result = resolveApiBaseUrl({ oauthTokenData: { instance_url: 'http://acme.my.salesforce.com' } });
		expect(result.ok).toBe(false);
	});
});

describe('normalizeApiVersion', () => {
	it.each([
		['v66.0', 'v66.0'],
		[' v66.0 ', 'v66.0'],
		['66.0', 'v66.0'],
		['V54.0', 'v54.0'],
	])('reads %j as %s', (raw, version) => {
		expect(normalizeApiVersion(raw)).toEqual({ ok: true, value: version });
	});

	it.each(['66', 'v66.1', 'latest', '', 'v66.0/../../x', undefined])('refuses %j naming "API Version"', (raw) => {
		const result = normalizeApiVersion(raw);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toMatch(/^API Version ".*" is not a Salesforce API version: use the form v66\.0$/);
	});
});

describe('myDomainLoginUrl', () => {
	it.each([
		['https://acme.my.salesforce.com/', 'https://acme.my.salesforce.com'],
		['acme.my.salesforce.com', 'https://acme.my.salesforce.com'],
		['http://acme.my.salesforce.com', 'https://acme.my.salesforce.com'],
		['http://localhost:8787/', 'http://localhost:8787'],
		['http://127.0.0.2:8787', 'http://127.0.0.2:8787'],
		['http://localhost.evil.com', 'https://localhost.evil.com'],
	])('reads %j as %s', (raw, url) => {
		expect(myDomainLoginUrl(raw)).toBe(url);
	});
});
