import {
	checkBaseUrl,
	isLoopbackHost,
	isSalesforceHost,
	myDomainLoginUrl,
	normalizeApiVersion,
	resolveApiBaseUrl,
} from '../../nodes/SalesforceRest/helpers/instanceUrl';

describe('checkBaseUrl', () => {
	it('accepts https and removes trailing slashes', () => {
		expect(checkBaseUrl('https://acme.my.salesforce.com///', 'URL')).toEqual({ ok: true, value: 'https://acme.my.salesforce.com' });
	});

	it('keeps only the origin of a URL with a path, query or fragment', () => {
		expect(checkBaseUrl('https://acme.my.salesforce.com:8443/x?y=1#f', 'URL')).toEqual({ ok: true, value: 'https://acme.my.salesforce.com:8443' });
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

describe('isSalesforceHost', () => {
	it.each([
		'acme.my.salesforce.com',
		'acme--uat.sandbox.my.salesforce.com',
		'na1.salesforce.com',
		'ACME.MY.SALESFORCE.COM',
		'acme.my.salesforce.com.',
		'acme.lightning.force.com',
		'acme.my.salesforce.mil',
		'acme.my-salesforce.com',
		'acme.my.sfcrmproducts.cn',
		'acme.crmforce.mil',
		'acme.cloudforce.com',
		'na1.database.com',
	])('accepts %s', (host) => {
		expect(isSalesforceHost(host)).toBe(true);
	});

	it.each(['evil.example.com', 'salesforce.com', 'salesforce.com.evil.com', 'evilsalesforce.com', 'my.salesforce.com.example', 'force.com'])(
		'refuses %s',
		(host) => {
			expect(isSalesforceHost(host)).toBe(false);
		},
	);
});

describe('resolveApiBaseUrl', () => {
	it('refuses an instance_url on a host that serves no Salesforce org, before any call', () => {
		const result = resolveApiBaseUrl({ environment: 'production', oauthTokenData: { instance_url: 'https://evil.example.com' } });
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toMatch(/^The instance URL "https:\/\/evil\.example\.com" in the credential's token is not a Salesforce host \(\*\.salesforce\.com, .*\) nor the credential's My Domain, so the access token is not sent there\. Open the Salesforce REST credential and reconnect it/);
	});

	it("accepts an instance_url on the credential's own My Domain host", () => {
		const credentials = { environment: 'myDomain', myDomainUrl: 'https://login.acme.com/path', oauthTokenData: { instance_url: 'https://login.acme.com' } };
		expect(resolveApiBaseUrl(credentials)).toEqual({ ok: true, value: 'https://login.acme.com' });
	});

	it('accepts a loopback instance_url (the local emulator)', () => {
		expect(resolveApiBaseUrl({ oauthTokenData: { instance_url: 'http://127.0.0.1:8787' } })).toEqual({ ok: true, value: 'http://127.0.0.1:8787' });
	});

	it('keeps only the origin of an instance_url with a path', () => {
		expect(resolveApiBaseUrl({ oauthTokenData: { instance_url: 'https://acme.my.salesforce.com/x?y#z' } })).toEqual({ ok: true, value: 'https://acme.my.salesforce.com' });
	});

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
		['https://acme.my.salesforce.com/x?y=1#f', 'https://acme.my.salesforce.com'],
		['  acme.my.salesforce.com/path  ', 'https://acme.my.salesforce.com'],
		['http://localhost:8787?x', 'http://localhost:8787'],
	])('reads %j as %s', (raw, url) => {
		expect(myDomainLoginUrl(raw)).toBe(url);
	});
});
