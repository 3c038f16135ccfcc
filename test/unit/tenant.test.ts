import { identityIds, tenantOf } from '../../nodes/SalesforceRest/helpers/tenant';

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
