/** The SOQL parser alone: limits, and linear time on hostile input. */
import { SoqlError } from '../../emulator/soql/lexer';
import { MAX_SOQL_LENGTH, parseSoql } from '../../emulator/soql/parser';

/** Runs the parse and answers how long it took and what it threw. */
function timed(soql: string): { ms: number; error?: SoqlError } {
	const started = performance.now();
	try {
		parseSoql(soql);
		return { ms: performance.now() - started };
	} catch (error) {
		if (!(error instanceof SoqlError)) throw error;
		return { ms: performance.now() - started, error };
	}
}

const padTo = (prefix: string, unit: string, suffix: string, length: number) => prefix + unit.repeat(Math.floor((length - prefix.length - suffix.length) / unit.length)) + suffix;

describe('SOQL parser', () => {
	it('refuses a 1 MB statement in milliseconds with MALFORMED_QUERY', () => {
		const soql = `SELECT Id FROM Lead WHERE LastName LIKE '${'%a\\'.repeat(333_326)}'`;
		expect(soql.length).toBe(1_000_020);
		const { ms, error } = timed(soql);
		expect(error?.errorCode).toBe('MALFORMED_QUERY');
		expect(error?.message).toBe(`SOQL statements cannot be longer than ${MAX_SOQL_LENGTH} characters (this one has 1000020)`);
		expect(ms).toBeLessThan(50);
	});

	it.each([
		['an IN list of 100,000 characters', padTo('SELECT Id FROM Lead WHERE Email IN (', '\'a\\\'b\\\\c\',', '\'z\')', MAX_SOQL_LENGTH)],
		['a string that never ends', padTo('SELECT Id FROM Lead WHERE LastName = \'', 'a\\\'', '', MAX_SOQL_LENGTH)],
		['a run of opening parentheses', padTo('SELECT Id FROM Lead WHERE ', '(', '', MAX_SOQL_LENGTH)],
		['a run of commas', padTo('SELECT Id', ',', ' FROM Lead', MAX_SOQL_LENGTH)],
		['a run of ANDs', padTo('SELECT Id FROM Lead WHERE IsConverted = false', ' AND IsConverted = false', '', MAX_SOQL_LENGTH)],
		['one long word', padTo('SELECT ', 'x', ' FROM Lead', MAX_SOQL_LENGTH)],
	])('parses or refuses %s in linear time', (_what, soql) => {
		expect(soql.length).toBeLessThanOrEqual(MAX_SOQL_LENGTH);
		// Tens of milliseconds when linear; a backtracking parser would take seconds or never end.
		expect(timed(soql).ms).toBeLessThan(500);
	});

	it('refuses a string literal over 4,000 characters', () => {
		const { error } = timed(`SELECT Id FROM Lead WHERE LastName = '${'a'.repeat(4001)}'`);
		expect(error?.message).toBe('String literal too long: 4001 characters (a string in WHERE takes at most 4000)');
	});

	it('decodes the documented escapes and keeps \\% and \\_ for LIKE', () => {
		const parsed = parseSoql('SELECT Id FROM Lead WHERE LastName = \'\\\'\\\\\\n\\r\\t\\b\\f\\"\\%\\_\'');
		expect(parsed.conditions[0].values[0]).toMatchObject({ kind: 'string', value: '\'\\\n\r\t\b\f"\\%\\_' });
	});
});
