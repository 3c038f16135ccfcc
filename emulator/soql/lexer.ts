/**
 * SOQL tokens, read in one pass over the text (no regular expression runs on the whole query, so
 * hostile input costs linear time). String literals are decoded as Salesforce documents: \' \\ \n
 * \r \t \b \f \" stand for one character; \% and \_ mean a literal % or _ in LIKE patterns and are
 * kept as written elsewhere; any other backslash is an error.
 */

export class SoqlError extends Error {
	constructor(
		readonly errorCode: string,
		message: string,
		/** Index in the query the error points at (the caret), or undefined for errors about the whole query. */
		readonly at?: number,
	) {
		super(message);
	}
}

/** A LIKE pattern: literal characters, '%' (any run) and '_' (any one character) as wildcards. */
export type LikePiece = { char: string } | '%' | '_';

export type Token =
	| { kind: 'word'; text: string; at: number }
	| { kind: 'string'; value: string; pattern: LikePiece[]; at: number }
	| { kind: 'number'; text: string; value: number; at: number }
	| { kind: 'symbol'; text: string; at: number };

/** Salesforce's limit on a string in WHERE. */
export const MAX_STRING_LITERAL = 4000;

const ESCAPES: Record<string, string> = { '\'': '\'', '\\': '\\', n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"' };
const SYMBOLS = ['!=', '<>', '<=', '>=', '=', '<', '>', ',', '(', ')'];

const isWordStart = (char: string) => (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || char === '_';
const isDigit = (char: string) => char >= '0' && char <= '9';
const isWordPart = (char: string) => isWordStart(char) || isDigit(char) || char === '.';
const isSpace = (char: string) => char === ' ' || char === '\t' || char === '\n' || char === '\r';

export function tokenize(soql: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < soql.length) {
		const char = soql.charAt(index);
		if (isSpace(char)) {
			index++;
		} else if (char === '\'') {
			const literal = readString(soql, index);
			tokens.push(literal.token);
			index = literal.end;
		} else if (isWordStart(char)) {
			const start = index;
			while (index < soql.length && isWordPart(soql.charAt(index))) index++;
			tokens.push({ kind: 'word', text: soql.slice(start, index), at: start });
		} else if (isDigit(char) || (char === '-' && isDigit(soql.charAt(index + 1)))) {
			const start = index;
			index++;
			while (index < soql.length && isDigit(soql.charAt(index))) index++;
			if (soql.charAt(index) === '.' && isDigit(soql.charAt(index + 1))) {
				index++;
				while (index < soql.length && isDigit(soql.charAt(index))) index++;
			}
			const text = soql.slice(start, index);
			tokens.push({ kind: 'number', text, value: Number(text), at: start });
		} else {
			const symbol = SYMBOLS.find((candidate) => soql.startsWith(candidate, index));
			if (symbol === undefined) throw new SoqlError('MALFORMED_QUERY', `unexpected token: '${char}'`, index);
			tokens.push({ kind: 'symbol', text: symbol, at: index });
			index += symbol.length;
		}
	}
	return tokens;
}

function readString(soql: string, start: number): { token: Token; end: number } {
	let value = '';
	const pattern: LikePiece[] = [];
	let index = start + 1;
	while (index < soql.length) {
		const char = soql.charAt(index);
		if (char === '\'') {
			if (value.length > MAX_STRING_LITERAL) {
				throw new SoqlError('MALFORMED_QUERY', `String literal too long: ${value.length} characters (a string in WHERE takes at most ${MAX_STRING_LITERAL})`, start);
			}
			return { token: { kind: 'string', value, pattern, at: start }, end: index + 1 };
		}
		if (char !== '\\') {
			value += char;
			pattern.push(char === '%' || char === '_' ? char : { char });
			index++;
			continue;
		}
		const escaped = soql.charAt(index + 1);
		if (escaped === '%' || escaped === '_') {
			value += `\\${escaped}`;
			pattern.push({ char: escaped });
		} else if (ESCAPES[escaped] !== undefined) {
			value += ESCAPES[escaped];
			pattern.push({ char: ESCAPES[escaped] });
		} else {
			const sequence = `\\${escaped}`;
			throw new SoqlError('MALFORMED_QUERY', `Invalid string literal. Illegal character sequence '${sequence}' in string literal.`, index);
		}
		index += 2;
	}
	throw new SoqlError('MALFORMED_QUERY', `line 1:${soql.length} mismatched character '<EOF>' expecting '''`, start);
}
