import { identityIds, orgKeyOf, sameTenant, tenantOf, userKeyOf } from '../../nodes/SalesforceRest/helpers/tenant';

describe('the org and user of a token answer', () => {
	it('reads them from the identity URL, in their 15-character form', () => {
		expect(identityIds('https://login.salesforce.com/id/00D5g000004XyZaEAK/0055g00000AbCdEAAV')).toEqual({ orgId: '00D5g000004XyZa', userId: '0055g00000AbCdE' });
		expect(identityIds('https://test.salesforce.com/id/00D5g000004XyZa/0055g00000AbCdE?version=1')).toEqual({ orgId: '00D5g000004XyZa', userId: '0055g00000AbCdE' });
	});

	it('reads nothing from what is not an identity URL', () => {
		for (const notOne of [undefined, 42, '', 'https://login.salesforce.com/id/', 'https://x/id/005000000000001/00D000000000001', 'https://x/id/00D000000000001/005000000000001!x', `https://x/id/${'0'.repeat(5000)}`]) {
			expect(identityIds(notOne)).toBeUndefined();
		}
	});

	it('gives a tenant with empty ids when the token answer names none, keeping the instance', () => {
		expect(tenantOf(undefined, 'https://acme.my.salesforce.com')).toEqual({ orgId: '', userId: '', instance: 'https://acme.my.salesforce.com' });
	});
});

describe('how shared state is keyed by tenant', () => {
	const instance = 'https://acme.my.salesforce.com';
	const alice = tenantOf('https://login.salesforce.com/id/00D5g000004XyZaEAK/0055g00000AbCdEAAV', instance);
	const bob = tenantOf('https://login.salesforce.com/id/00D5g000004XyZaEAK/0055g00000ZyXwVAAV', instance);
	const unnamed = tenantOf(undefined, instance);

	it('keys a user by org, user and instance, whatever token they hold', () => {
		expect(userKeyOf(alice, 'token-1')).toBe(`00D5g000004XyZa 0055g00000AbCdE ${instance}`);
		expect(userKeyOf(alice, 'token-2')).toBe(userKeyOf(alice, 'token-1'));
		expect(userKeyOf(bob, 'token-1')).not.toBe(userKeyOf(alice, 'token-1'));
	});

	it('keys two users of one org apart, and the org once', () => {
		expect(orgKeyOf(alice, 'token-1')).toBe(`00D5g000004XyZa ${instance}`);
		expect(orgKeyOf(bob, 'token-2')).toBe(orgKeyOf(alice, 'token-1'));
	});

	it('keys a token answer that names no org or user by the token itself, so nothing is shared beyond it', () => {
		expect(userKeyOf(unnamed, 'token-1')).toBe(`token token-1 ${instance}`);
		expect(userKeyOf(unnamed, 'token-2')).not.toBe(userKeyOf(unnamed, 'token-1'));
		expect(orgKeyOf(unnamed, 'token-2')).not.toBe(orgKeyOf(unnamed, 'token-1'));
	});

	it('tells tenants apart by org, user and instance', () => {
		expect(sameTenant(alice, { ...alice })).toBe(true);
		expect(sameTenant(alice, bob)).toBe(false);
		expect(sameTenant(alice, { ...alice, instance: 'https://other.my.salesforce.com' })).toBe(false);
	});
});
