/** The bounds every quote goes through (helpers/bounded.ts). */
import { answerText, boundedNames, listedNames, shorten } from '../../nodes/SalesforceRest/helpers/bounded';

describe('shorten', () => {
	it('cuts to 60 characters and says how long the text was', () => {
		expect(shorten('k'.repeat(5000))).toBe(`${'k'.repeat(60)}… (5000 characters)`);
	});

	it('leaves a text it already shortened as it is, keeping the original length', () => {
		const once = shorten('k'.repeat(5000));
		expect(shorten(once)).toBe(once);
	});

	it('still cuts a text that only looks shortened at another bound', () => {
		expect(shorten(`${'k'.repeat(70)}… (5000 characters)`)).toBe(`${'k'.repeat(60)}… (89 characters)`);
	});
});

describe('field names on an item or an error', () => {
	const names = ['F'.repeat(5000), ...Array.from({ length: 14 }, (_, index) => `Field${index}__c`)];

	it('keeps ten, each shortened', () => {
		expect(boundedNames(names)).toEqual([`${'F'.repeat(60)}… (5000 characters)`, ...names.slice(1, 10)]);
	});

	it('names ten, each shortened, and counts the rest', () => {
		expect(listedNames(names)).toBe(`${'F'.repeat(60)}… (5000 characters), ${names.slice(1, 10).join(', ')} and 5 more`);
	});
});

describe('answerText', () => {
	it('reads a few kilobytes of a 20 MB text, not all of it, and says how long it was', () => {
		const huge = 'a'.repeat(20_000_000);
		// A repeated string is built lazily; searching it makes it one flat string, as a parsed body is.
		expect(huge.indexOf('b')).toBe(-1);
		const started = performance.now();
		expect(answerText(huge, 200)).toBe(`${'a'.repeat(200)}… (20000000 characters)`);
		expect(performance.now() - started).toBeLessThan(50);
	});
});
