import { ApiBudget, forgetApiUsage } from '../../nodes/SalesforceRest/transport/apiBudget';

beforeEach(() => forgetApiUsage());

describe('the API budget of an execution', () => {
	it('starts from the figure an earlier execution saw on the same connection', () => {
		new ApiBudget('org-a', 0).observe('api-usage=14990/15000');

		expect(new ApiBudget('org-a', 0).latest).toEqual({ used: 14990, max: 15000 });
		expect(new ApiBudget('org-b', 0).latest).toBeUndefined();
	});

	it('stops before a call that would leave fewer calls than the reserve', () => {
		const budget = new ApiBudget('org-a', 20);
		budget.observe('api-usage=14980/15000');

		expect(budget.refusal()).toMatchObject({ errorCode: 'API_BUDGET_RESERVED' });
	});

	it('takes the figures of the org it moved to, and remembers new ones under that org, when the credential was reconnected', () => {
		new ApiBudget('org-a', 20).observe('api-usage=14990/15000');
		new ApiBudget('org-b', 20).observe('api-usage=10/15000');
		const budget = new ApiBudget('org-a', 20);

		budget.moveTo('org-b');
		budget.observe('api-usage=11/15000');

		expect(budget.refusal()).toBeUndefined();
		expect(new ApiBudget('org-a', 0).latest).toEqual({ used: 14990, max: 15000 });
		expect(new ApiBudget('org-b', 0).latest).toEqual({ used: 11, max: 15000 });
	});
});
