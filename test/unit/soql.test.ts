import { parseLimitInfo } from '../../nodes/SalesforceRest/helpers/apiUsage';
import { encodedLength, inQueries, pairQueries, soqlLikeString, soqlString, type PairQuery } from '../../nodes/SalesforceRest/helpers/soql';

describe('soqlString', () => {
	it.each([
		["o'brien@x.com", "'o\\'brien@x.com'"],
		['back\\slash', "'back\\\\slash'"],
		['100%_sure', "'100%_sure'"],
		['line\nbreak\ttab\rcr', "'line\\nbreak\\ttab\\rcr'"],
		['"quoted"', "'\\\"quoted\\\"'"],
		["\\'", "'\\\\\\''"],
	])('quotes %j as %s', (value, literal) => {
		expect(soqlString(value)).toBe(literal);
	});

	it('escapes the wildcards only for LIKE', () => {
		expect(soqlLikeString("50%_o'k")).toBe("'50\\%\\_o\\'k'");
	});
});

describe('inQueries', () => {
	it('puts every value in one query when it fits', () => {
		expect(inQueries('SELECT Id FROM Lead WHERE Email', ['a@x.com', "b'c@x.com"], 'ORDER BY Id')).toEqual([
			"SELECT Id FROM Lead WHERE Email IN ('a@x.com', 'b\\'c@x.com') ORDER BY Id",
		]);
	});

	it('splits long lists so that every query fits the URL limit, keeping every value once and in order', () => {
		const emails = Array.from({ length: 2000 }, (_, index) => `someone.with.a.long.address.${index}@example-company.com`);

		const queries = inQueries('SELECT Id, Email FROM Lead WHERE IsConverted = false AND Email', emails, '', 12_000);

		expect(queries.length).toBeGreaterThan(5);
		for (const query of queries) expect(encodedLength(query)).toBeLessThanOrEqual(12_000);
		const listed = queries.flatMap((query) => [...query.matchAll(/'([^']*)'/g)].map((match) => match[1]));
		expect(listed).toEqual(emails);
	});
});

describe('pairQueries', () => {
	const PREFIX = 'SELECT Id, CampaignId, LeadId FROM CampaignMember WHERE';
	const FIELDS = ['CampaignId', 'LeadId'] as const;
	const campaignId = (index: number) => `701Em${String(index).padStart(13, '0')}`;
	const leadId = (index: number) => `00QEm${String(index).padStart(13, '0')}`;

	/** The values of both IN lists of a query the function wrote. */
	function listsOf(soql: string): [string[], string[]] {
		const [, firsts, seconds] = /^.* CampaignId IN \((.*)\) AND LeadId IN \((.*)\)$/.exec(soql) ?? [];
		const values = (list: string) => list.split(', ').map((literal) => literal.slice(1, -1));
		return [values(firsts), values(seconds)];
	}

	/** Every query within the limit and asking about the pairs it says it covers; every pair covered. */
	function expectEveryPairAskedWithin(queries: PairQuery[], pairs: Array<[string, string]>, maxBytes: number): void {
		const uncovered = new Set(pairs.keys());
		for (const { soql, pairs: positions } of queries) {
			expect(encodedLength(soql)).toBeLessThanOrEqual(maxBytes);
			const [campaigns, leads] = listsOf(soql).map((values) => new Set(values));
			const missing = positions.filter((position) => !campaigns.has(pairs[position][0]) || !leads.has(pairs[position][1]));
			expect(missing).toEqual([]);
			for (const position of positions) uncovered.delete(position);
		}
		expect([...uncovered]).toEqual([]);
	}

	/** Each query but the last is full: `growth` more bytes would not fit. */
	function expectFull(queries: PairQuery[], growth: number, maxBytes: number): void {
		const roomy = queries.slice(0, -1).filter(({ soql }) => encodedLength(soql) + growth <= maxBytes);
		expect(roomy).toEqual([]);
	}

	it('asks about pairs of one campaign in one query, each lead once', () => {
		const pairs: Array<[string, string]> = [[campaignId(1), leadId(1)], [campaignId(1), leadId(2)], [campaignId(1), leadId(1)]];

		expect(pairQueries(PREFIX, FIELDS, pairs)).toEqual([
			{ soql: `${PREFIX} CampaignId IN ('${campaignId(1)}') AND LeadId IN ('${leadId(1)}', '${leadId(2)}')`, pairs: [0, 2, 1] },
		]);
	});

	it('puts pairs of several campaigns in one query while it fits, a lead they share listed once', () => {
		const pairs: Array<[string, string]> = [[campaignId(1), leadId(1)], [campaignId(2), leadId(1)], [campaignId(2), leadId(2)]];

		expect(pairQueries(PREFIX, FIELDS, pairs)).toEqual([
			{ soql: `${PREFIX} CampaignId IN ('${campaignId(1)}', '${campaignId(2)}') AND LeadId IN ('${leadId(1)}', '${leadId(2)}')`, pairs: [0, 1, 2] },
		]);
	});

	it('splits the leads of one campaign with thousands of them, every query naming that campaign', () => {
		const pairs = Array.from({ length: 5000 }, (_, index): [string, string] => [campaignId(1), leadId(index)]);

		const queries = pairQueries(PREFIX, FIELDS, pairs, 12_000);

		expectEveryPairAskedWithin(queries, pairs, 12_000);
		expect(queries.map(({ soql }) => listsOf(soql)[0])).toEqual(queries.map(() => [campaignId(1)]));
		expectFull(queries, encodedLength(`, '${leadId(0)}'`), 12_000);
	});

	it('packs thousands of campaigns with one lead each into as many queries as their length needs', () => {
		const pairs = Array.from({ length: 5000 }, (_, index): [string, string] => [campaignId(index), leadId(index)]);

		const queries = pairQueries(PREFIX, FIELDS, pairs, 12_000);

		expectEveryPairAskedWithin(queries, pairs, 12_000);
		expectFull(queries, encodedLength(`, '${campaignId(0)}', '${leadId(0)}'`), 12_000);
	});

	it('gives a pair too long for any query a query of its own, and still fits the others', () => {
		const long = 'x'.repeat(13_000);
		const pairs: Array<[string, string]> = [[campaignId(1), leadId(1)], [campaignId(2), long], [campaignId(3), leadId(3)]];

		const queries = pairQueries(PREFIX, FIELDS, pairs, 12_000);

		expect(queries).toEqual([
			{ soql: `${PREFIX} CampaignId IN ('${campaignId(1)}') AND LeadId IN ('${leadId(1)}')`, pairs: [0] },
			{ soql: `${PREFIX} CampaignId IN ('${campaignId(2)}') AND LeadId IN ('${long}')`, pairs: [1] },
			{ soql: `${PREFIX} CampaignId IN ('${campaignId(3)}') AND LeadId IN ('${leadId(3)}')`, pairs: [2] },
		]);
	});

	it('quotes the values as SOQL literals', () => {
		expect(pairQueries(PREFIX, FIELDS, [["a'b", 'c\\d']])[0].soql).toBe(`${PREFIX} CampaignId IN ('a\\'b') AND LeadId IN ('c\\\\d')`);
	});

	it('answers 100,000 pairs in time linear in their number', () => {
		const pairs = Array.from({ length: 100_000 }, (_, index): [string, string] => [campaignId(index % 1000), leadId(index)]);

		const queries = pairQueries(PREFIX, FIELDS, pairs);

		expect(queries.reduce((sum, query) => sum + query.pairs.length, 0)).toBe(100_000);
	});

	it('answers no query for no pairs', () => {
		expect(pairQueries(PREFIX, FIELDS, [])).toEqual([]);
	});
});

describe('parseLimitInfo', () => {
	it('reads api-usage among other entries', () => {
		expect(parseLimitInfo('api-usage=18/15000')).toEqual({ used: 18, max: 15000 });
		expect(parseLimitInfo('per-app-api-usage=2/250(appName=x), api-usage=19/15000')).toEqual({ used: 19, max: 15000 });
	});

	it.each([undefined, '', 'api-usage=x/y', 'a'.repeat(100_000)])('ignores header %#', (header) => {
		expect(parseLimitInfo(header)).toBeUndefined();
	});
});
