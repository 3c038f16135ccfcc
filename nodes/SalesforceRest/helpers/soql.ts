/**
 * Building SOQL queries from values a stranger may have sent. Pure.
 *
 * Inside a string literal Salesforce reads `\'`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f` and `\"`; any other
 * backslash is an error, and `%` and `_` are wildcards only in LIKE (in `=` and `IN` they are plain
 * characters, so they are not escaped there). A query travels in the URL, which Salesforce refuses
 * past 16,384 bytes (with the headers): long `IN` lists are split into several queries.
 */

const ESCAPES: Record<string, string> = {
	'\\': '\\\\',
	"'": "\\'",
	'"': '\\"',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
	'\b': '\\b',
	'\f': '\\f',
};

/** A quoted SOQL string literal for `=` and `IN`. */
export function soqlString(value: string): string {
	let escaped = '';
	for (const char of value) escaped += ESCAPES[char] ?? char;
	return `'${escaped}'`;
}

/** A quoted SOQL string literal for LIKE: the wildcards typed by the user are matched as themselves. */
export function soqlLikeString(value: string): string {
	return soqlString(value).replace(/[%_]/g, (wildcard) => `\\${wildcard}`);
}

/**
 * Room for the query text in a URL: Salesforce refuses a URI plus headers over 16,384 bytes; the
 * bearer token, user agent and other headers take well under 4 KB.
 */
export const MAX_QUERY_URL_BYTES = 12_000;

/** The bytes a query takes in a URL's query string. */
export function encodedLength(soql: string): number {
	return encodeURIComponent(soql).length;
}

/**
 * `prefix IN (v1, v2, ...) suffix` for every value, as few queries as fit in `maxBytes` each (values
 * keep their order; a single value too long for a query of its own gets a query of its own anyway).
 */
export function inQueries(prefix: string, values: readonly string[], suffix: string, maxBytes = MAX_QUERY_URL_BYTES): string[] {
	const queries: string[] = [];
	const query = (literals: string[]) => `${prefix} IN (${literals.join(', ')}) ${suffix}`.trim();
	const fixed = encodedLength(`${prefix} IN () ${suffix}`);
	const separator = encodedLength(', ');
	let chunk: string[] = [];
	let bytes = fixed;
	for (const value of values) {
		const literal = soqlString(value);
		const grown = bytes + encodedLength(literal) + (chunk.length > 0 ? separator : 0);
		if (chunk.length > 0 && grown > maxBytes) {
			queries.push(query(chunk));
			chunk = [literal];
			bytes = fixed + encodedLength(literal);
		} else {
			chunk.push(literal);
			bytes = grown;
		}
	}
	if (chunk.length > 0) queries.push(query(chunk));
	return queries;
}

/** A query of pairQueries, with the positions of the pairs it asks about. */
export interface PairQuery {
	soql: string;
	pairs: number[];
}

interface Literal {
	text: string;
	bytes: number;
}

function literalOf(value: string): Literal {
	const text = soqlString(value);
	return { text, bytes: encodedLength(text) };
}

/** The pairs by first value, then by second value (both in order of first appearance), each once. */
interface PairGroup {
	first: Literal;
	seconds: Map<string, { literal: Literal; pairs: number[] }>;
}

function groupPairs(pairs: ReadonlyArray<readonly [string, string]>): PairGroup[] {
	const groups = new Map<string, PairGroup>();
	pairs.forEach(([first, second], position) => {
		let group = groups.get(first);
		if (group === undefined) groups.set(first, (group = { first: literalOf(first), seconds: new Map() }));
		let entry = group.seconds.get(second);
		if (entry === undefined) group.seconds.set(second, (entry = { literal: literalOf(second), pairs: [] }));
		entry.pairs.push(position);
	});
	return [...groups.values()];
}

const SEPARATOR_BYTES = encodedLength(', ');

/** The query being filled: its two IN lists (the second without repeats), the pairs it covers and its length so far. */
class OpenPairQuery {
	readonly firsts: string[] = [];
	readonly seconds = new Map<string, string>();
	readonly pairs: number[] = [];
	bytes: number;

	constructor(fixedBytes: number) {
		this.bytes = fixedBytes;
	}

	/** What the whole group adds to this query's length. */
	growthBy(group: PairGroup): number {
		let growth = group.first.bytes + (this.firsts.length > 0 ? SEPARATOR_BYTES : 0);
		let listed = this.seconds.size;
		for (const [value, { literal }] of group.seconds) {
			if (this.seconds.has(value)) continue;
			growth += literal.bytes + (listed > 0 ? SEPARATOR_BYTES : 0);
			listed++;
		}
		return growth;
	}

	addFirst(group: PairGroup): void {
		this.bytes += group.first.bytes + (this.firsts.length > 0 ? SEPARATOR_BYTES : 0);
		this.firsts.push(group.first.text);
	}

	/** What one more second value adds (nothing when the query lists it already). */
	growthBySecond(value: string, literal: Literal): number {
		if (this.seconds.has(value)) return 0;
		return literal.bytes + (this.seconds.size > 0 ? SEPARATOR_BYTES : 0);
	}

	addSecond(value: string, entry: { literal: Literal; pairs: number[] }): void {
		this.bytes += this.growthBySecond(value, entry.literal);
		this.seconds.set(value, entry.literal.text);
		for (const position of entry.pairs) this.pairs.push(position);
	}
}

/**
 * Queries `prefix A IN (a1, ...) AND B IN (b1, ...)` that together ask about every (a, b) pair, each
 * within `maxBytes` in the URL, and few of them: pairs of one `a` are split over several queries
 * only when its `b` values do not fit in one, and pairs of different `a` share a query while they
 * fit (a single pair too long for a query of its own gets one anyway). Linear in the pairs' length.
 * A query also matches pairs nobody asked about (a1 with b2): callers keep only the pairs they asked.
 */
export function pairQueries(
	prefix: string,
	[firstField, secondField]: readonly [string, string],
	pairs: ReadonlyArray<readonly [string, string]>,
	maxBytes = MAX_QUERY_URL_BYTES,
): PairQuery[] {
	const fixedBytes = encodedLength(`${prefix} ${firstField} IN () AND ${secondField} IN ()`);
	const queries: PairQuery[] = [];
	let open = new OpenPairQuery(fixedBytes);
	const close = () => {
		if (open.firsts.length > 0) {
			const seconds = [...open.seconds.values()];
			queries.push({ soql: `${prefix} ${firstField} IN (${open.firsts.join(', ')}) AND ${secondField} IN (${seconds.join(', ')})`, pairs: open.pairs });
		}
		open = new OpenPairQuery(fixedBytes);
	};
	for (const group of groupPairs(pairs)) {
		if (open.firsts.length > 0 && open.bytes + open.growthBy(group) <= maxBytes) {
			open.addFirst(group);
			for (const [value, entry] of group.seconds) open.addSecond(value, entry);
			continue;
		}
		close();
		open.addFirst(group);
		for (const [value, entry] of group.seconds) {
			if (open.seconds.size > 0 && open.bytes + open.growthBySecond(value, entry.literal) > maxBytes) {
				close();
				open.addFirst(group);
			}
			open.addSecond(value, entry);
		}
	}
	close();
	return queries;
}
