/**
 * The worst input we could construct for each check that reads what a stranger sends. Every one
 * used to be, or could be, super-linear (a backtracking pattern, a quadratic loop); each must now
 * finish in milliseconds. The bound below is one to two orders of magnitude above what they take,
 * and orders below what the old code took (seconds to minutes), so a busy machine does not make it flaky.
 */
import leadDescribeJson from '../../emulator/fixtures/lead-describe-v54.json';
import { withoutTrailingStops } from '../../nodes/SalesforceRest/helpers/bounded';
import { convertValue } from '../../nodes/SalesforceRest/helpers/conversion';
import type { SalesforceField, SObjectDescribe } from '../../nodes/SalesforceRest/helpers/describe';
import { isSalesforceEmail } from '../../nodes/SalesforceRest/helpers/email';
import { readableMessage } from '../../nodes/SalesforceRest/helpers/guidance';
import { describeItems } from '../../nodes/SalesforceRest/helpers/output';
import { createRecordRules, prepareRecord } from '../../nodes/SalesforceRest/helpers/validation';
import { textOfHtml } from '../../nodes/SalesforceRest/helpers/htmlText';
import { problemFromResponse } from '../../nodes/SalesforceRest/transport/errors';

const leadDescribe = leadDescribeJson as unknown as SObjectDescribe;
const rules = createRecordRules(leadDescribe);
const leadField = (name: string) => leadDescribe.fields.find((field) => field.name === name) as SalesforceField;

const MB = 1_000_000;
const FAST_MS = 500;

function timed<T>(work: () => T): { result: T; ms: number } {
	const started = performance.now();
	const result = work();
	return { result, ms: performance.now() - started };
}

function expectFast<T>(work: () => T, boundMs = FAST_MS): T {
	const { result, ms } = timed(work);
	expect(ms).toBeLessThan(boundMs);
	return result;
}

describe('emails', () => {
	it('refuses a@ + 1 MB of dots + @x quickly, as a field value and to the scanner itself', () => {
		const hostile = `a@${'.'.repeat(MB)}@x`;
		expect(expectFast(() => convertValue(leadField('Email'), hostile))).toMatchObject({ ok: false, errorCode: 'STRING_TOO_LONG' });
		expect(expectFast(() => isSalesforceEmail(hostile))).toBe(false);
	});

	it('scans 1 MB of valid-looking labels quickly', () => {
		expect(expectFast(() => isSalesforceEmail(`a@${'a-'.repeat(MB / 2)}`))).toBe(false);
		expect(expectFast(() => isSalesforceEmail(`${'a.'.repeat(MB / 2)}@x.${'b'.repeat(MB)}!`))).toBe(false);
	});
});

describe('numbers', () => {
	it.each([
		['1 MB of digits then a letter', `${'1'.repeat(MB)}x`],
		['1 MB of digits with a dot', `${'1'.repeat(MB / 2)}.${'1'.repeat(MB / 2)}x`],
		['a 300 kB number', '9'.repeat(300_000)],
	])('refuses %s quickly', (_, value) => {
		expect(expectFast(() => convertValue(leadField('AnnualRevenue'), value))).toMatchObject({ ok: false });
	});
});

describe('dates', () => {
	it.each([`2024-01-01T10:00:00.${'1'.repeat(MB)}Z`, `2024-01-01T${' '.repeat(MB)}x`, '9'.repeat(MB)])('refuses 1 MB date-time number %# quickly', (value) => {
		expect(expectFast(() => convertValue(leadField('BirthdayHour__c'), value))).toMatchObject({ ok: false });
		expect(expectFast(() => convertValue(leadField('Birthday__c'), value))).toMatchObject({ ok: false });
	});
});

describe('multi-select picklists', () => {
	it('reads 40,000 values quickly and refuses them by length', () => {
		const values = Array.from({ length: 40_000 }, (_, index) => `value ${index}`);
		const field = leadField('batata__c');
		expect(expectFast(() => convertValue(field, values.join(';')))).toMatchObject({ ok: false });
		expect(expectFast(() => convertValue(field, values))).toMatchObject({ ok: false });
	});

	it('reads 40,000 repeats of one allowed value quickly into that value', () => {
		const field: SalesforceField = { ...leadField('batata__c'), restrictedPicklist: true };
		const allowed = (field.picklistValues ?? []).find((entry) => entry.active)?.value as string;
		expect(expectFast(() => convertValue(field, Array(40_000).fill(allowed).join(';')))).toEqual({ ok: true, value: allowed });
	});
});

describe('items', () => {
	it('refuses 1 MB values and a 1 MB key with a message of bounded size', () => {
		const huge = 'x'.repeat(MB);
		const prepared = expectFast(() => prepareRecord(rules, { LastName: huge, Company: huge, Email: huge, [huge]: 'value' }, { mode: 'autoMapInputData' }));
		expect(prepared.ok).toBe(false);
		const problem = !prepared.ok ? prepared.problem : undefined;
		expect(JSON.stringify(problem).length).toBeLessThan(2000);
		expect(problem?.message).toContain('Unknown field "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1000000 characters)"');
	});

	it('refuses an item with 50,000 unknown keys naming only the first ten', () => {
		const input = { LastName: 'A', Company: 'B', ...Object.fromEntries(Array.from({ length: 50_000 }, (_, index) => [`key${index}`, 'v'])) };
		// About 60 ms on a quiet machine; quadratic work over 50,000 keys would take many seconds.
		const prepared = expectFast(() => prepareRecord(rules, input, { mode: 'defineBelow' }), 3 * FAST_MS);
		const problem = !prepared.ok ? prepared.problem : undefined;
		expect(problem?.fields).toHaveLength(10);
		expect(problem?.message).toMatch(/Unknown field "key9": Lead has no field with this API name and 49990 more$/);
	});

	it('names 100,000 items in a short message', () => {
		const evens = Array.from({ length: 100_000 }, (_, index) => index * 2);
		expect(expectFast(() => describeItems(evens)).length).toBeLessThan(100);
	});
});

describe('answers that are not Salesforce’s', () => {
	it.each([
		['unclosed titles', '<html>' + '<title'.repeat(MB / 6)],
		['a megabyte of <', '<html>' + '<'.repeat(MB)],
		['unclosed scripts', '<html><body>' + '<script>'.repeat(MB / 8)],
	])('reads an HTML page of %s quickly and briefly', (_, page) => {
		const text = expectFast(() => textOfHtml(page));
		expect(text.length).toBeLessThanOrEqual(201);
	});

	it('keeps a thousand 10 kB error messages with a hundred distinct 1 kB fields each to a bounded problem', () => {
		const message = 'm'.repeat(MB / 100);
		const longName = 'F'.repeat(1000);
		const errors = Array.from({ length: 1000 }, (_, error) => ({
			errorCode: 'X',
			message,
			fields: Array.from({ length: 100 }, (_, field) => `E${error}F${field}${longName}`),
		}));
		const problem = expectFast(() => problemFromResponse(400, errors));
		// Twenty messages read, 1,000 characters of them kept; ten fields of 60 (each with its "… (N characters)").
		expect(problem.message).toBe(`${'m'.repeat(1000)}… (${20 * message.length + 19 * '; '.length} characters)`);
		expect(problem.fields).toHaveLength(10);
		expect(JSON.stringify(problem).length).toBeLessThan(2000);
	});

	it('reads a megabyte of text answered by a proxy quickly, quoting 200 characters of it without the token it echoes', () => {
		const echo = `Authorization: Bearer 00D8a000003BvM7!${'A'.repeat(MB)}`;
		expect(expectFast(() => problemFromResponse(502, echo)).message).toBe(`Authorization: [token removed]… (${echo.length} characters)`);
	});

	it('strips trailing stops of a message padded with 1 MB of spaces quickly', () => {
		expect(expectFast(() => withoutTrailingStops(`a${' '.repeat(MB)}b`))).toHaveLength(MB + 2);
		expect(expectFast(() => readableMessage({ errorCode: 'UNABLE_TO_LOCK_ROW', message: `a${' '.repeat(MB)}b`, fields: [] })).length).toBeGreaterThan(MB);
	});
});
