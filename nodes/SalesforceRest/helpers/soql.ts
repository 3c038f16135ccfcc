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
