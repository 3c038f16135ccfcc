import { ApiBudget, forgetApiUsage, REMEMBERED_FIGURE_MAX_AGE_MS } from '../../nodes/SalesforceRest/transport/apiBudget';
import type { Tenant } from '../../nodes/SalesforceRest/helpers/tenant';

beforeEach(() => forgetApiUsage());

const ORG_A_ADA: Tenant = { orgId: '00DA00000000001', userId: '005A00000000001', instance: 'https://a.my.salesforce.com' };
const ORG_A_BOB: Tenant = { ...ORG_A_ADA, userId: '005A00000000002' };
const ORG_B: Tenant = { orgId: '00DB00000000001', userId: '005B00000000001', instance: 'https://b.my.salesforce.com' };
const NO_ORG: Tenant = { orgId: '', userId: '', instance: 'https://a.my.salesforce.com' };

describe('the API budget of an execution', () => {
	it('starts from the figure an earlier execution saw in the same org, whichever user read it', () => {
		new ApiBudget(ORG_A_ADA, 0).observe('api-usage=14990/15000');

		expect(new ApiBudget(ORG_A_BOB, 0).latest).toEqual({ used: 14990, max: 15000 });
		expect(new ApiBudget(ORG_B, 0).latest).toBeUndefined();
	});

	it('keeps the figures of a token whose answer names no org to that token', () => {
		new ApiBudget(NO_ORG, 0, 'token-1').observe('api-usage=14990/15000');

		expect(new ApiBudget(NO_ORG, 0, 'token-1').latest).toEqual({ used: 14990, max: 15000 });
		expect(new ApiBudget(NO_ORG, 0, 'token-2').latest).toBeUndefined();
		expect(new ApiBudget(ORG_A_ADA, 0).latest).toBeUndefined();
	});

	it('stops before a call that would leave fewer calls than the reserve', () => {
		const budget = new ApiBudget(ORG_A_ADA, 20);
		budget.observe('api-usage=14980/15000');

		expect(budget.refusal()).toMatchObject({ errorCode: 'API_BUDGET_RESERVED' });
	});

	it('takes a newer figure another execution of the org read while this one runs', () => {
		const budget = new ApiBudget(ORG_A_ADA, 20);
		budget.observe('api-usage=100/15000', 1000);

		new ApiBudget(ORG_A_BOB, 0).observe('api-usage=14990/15000', 2000);

		expect(budget.latest).toEqual({ used: 14990, max: 15000 });
		expect(budget.refusal(2001)).toMatchObject({ errorCode: 'API_BUDGET_RESERVED' });
	});

	it('stops later executions on a remembered low figure while it is young', () => {
		new ApiBudget(ORG_A_ADA, 0).observe('api-usage=14990/15000', 0);

		expect(new ApiBudget(ORG_A_ADA, 20).refusal(REMEMBERED_FIGURE_MAX_AGE_MS - 1)).toMatchObject({ errorCode: 'API_BUDGET_RESERVED' });
	});

	it('lets one execution read an old remembered low figure anew while the others keep stopping, until its answer says', () => {
		new ApiBudget(ORG_A_ADA, 0).observe('api-usage=14990/15000', 0);
		const later = REMEMBERED_FIGURE_MAX_AGE_MS + 1;
		const rereading = new ApiBudget(ORG_A_ADA, 20);
		const other = new ApiBudget(ORG_A_BOB, 20);

		expect(rereading.refusal(later)).toBeUndefined();
		expect(rereading.refusal(later + 1)).toBeUndefined();
		expect(other.refusal(later + 1)).toMatchObject({ errorCode: 'API_BUDGET_RESERVED' });

		// The day rolled on: the answer shows calls freed up, and every execution may call again.
		rereading.observe('api-usage=9000/15000', later + 2);
		expect(other.refusal(later + 3)).toBeUndefined();
	});

	it('stops the execution that read an old figure anew once its own answer shows the budget still low', () => {
		new ApiBudget(ORG_A_ADA, 0).observe('api-usage=14990/15000', 0);
		const later = REMEMBERED_FIGURE_MAX_AGE_MS + 1;
		const rereading = new ApiBudget(ORG_A_ADA, 20);
		expect(rereading.refusal(later)).toBeUndefined();

		rereading.observe('api-usage=14991/15000', later + 1);

		expect(rereading.refusal(later + 2)).toMatchObject({ errorCode: 'API_BUDGET_RESERVED' });
	});
});
