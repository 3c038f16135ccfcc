import { parseLimitInfo } from '../../nodes/SalesforceRest/helpers/apiUsage';
import { encodedLength, inQueries, soqlLikeString, soqlString } from '../../nodes/SalesforceRest/helpers/soql';

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

describe('parseLimitInfo', () => {
	it('reads api-usage among other entries', () => {
		expect(parseLimitInfo('api-usage=18/15000')).toEqual({ used: 18, max: 15000 });
		expect(parseLimitInfo('per-app-api-usage=2/250(appName=x), api-usage=19/15000')).toEqual({ used: 19, max: 15000 });
	});

	it.each([undefined, '', 'api-usage=x/y', 'a'.repeat(100_000)])('ignores header %#', (header) => {
		expect(parseLimitInfo(header)).toBeUndefined();
	});
});
