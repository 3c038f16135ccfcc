/**
 * Reading JSON request bodies the way Salesforce's parser reports problems (JSON_PARSER_ERROR with
 * a Jackson-style message and a [line, column] position).
 */
import type { SaveError } from './errors';

export type ParsedBody = { ok: true; value: unknown } | { ok: false; error: SaveError };

export function parseJsonBody(text: string): ParsedBody {
	if (text.trim() === '') {
		return { ok: false, error: parserError(`No content to map due to end-of-input at [line:1, column:${text.length + 1}]`) };
	}
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		const index = firstSyntaxError(text);
		const { line, column } = lineColumn(text, index);
		if (index >= text.length) {
			return { ok: false, error: parserError(`Unexpected end-of-input: expected close marker at [line:${line}, column:${column}]`) };
		}
		const char = text.charAt(index);
		return {
			ok: false,
			error: parserError(
				`Unexpected character ('${char}' (code ${char.charCodeAt(0)})): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at [line:${line}, column:${column}]`,
			),
		};
	}
}

export function parserError(message: string): SaveError {
	return { errorCode: 'JSON_PARSER_ERROR', message };
}

/** An optional boolean of a request envelope (allOrNone, collateSubrequests): false when absent, the parser's error when not a boolean. */
export function booleanFlag(body: Record<string, unknown>, name: string): boolean | SaveError {
	const value = body[name] ?? false;
	if (typeof value === 'boolean') return value;
	return parserError(`Cannot deserialize instance of boolean from ${jsonToken(value)} value ${tokenText(value)} or request may be missing a required field`);
}

/** 1-based line and column of a character index, as the parser reports them. */
export function lineColumn(text: string, index: number): { line: number; column: number } {
	const before = text.slice(0, index);
	const lines = before.split('\n');
	return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/** Jackson's name for the token a JSON value starts with. */
export function jsonToken(value: unknown): string {
	if (typeof value === 'string') return 'VALUE_STRING';
	if (typeof value === 'number') return Number.isInteger(value) ? 'VALUE_NUMBER_INT' : 'VALUE_NUMBER_FLOAT';
	if (value === true) return 'VALUE_TRUE';
	if (value === false) return 'VALUE_FALSE';
	if (Array.isArray(value)) return 'START_ARRAY';
	if (value === null) return 'VALUE_NULL';
	return 'START_OBJECT';
}

/** How the value reads in a parser message: `[` / `{` for containers, else the value itself. */
export function tokenText(value: unknown): string {
	if (Array.isArray(value)) return '[';
	if (value !== null && typeof value === 'object') return '{';
	return String(value);
}

/** Where a field's value sits in the body text (the first occurrence of its key): good enough for messages. */
export function valuePosition(text: string, key: string): string {
	const keyIndex = text.indexOf(JSON.stringify(key));
	if (keyIndex < 0) return '[line:1, column:1]';
	const colon = text.indexOf(':', keyIndex);
	let index = colon + 1;
	while (index < text.length && /\s/.test(text.charAt(index))) index++;
	const { line, column } = lineColumn(text, index);
	return `[line:${line}, column:${column}]`;
}

/**
 * Index of the first character that makes the text invalid JSON (text.length when it ends too
 * early). V8's own messages do not always carry a position, so the parser's view is rebuilt here.
 */
export function firstSyntaxError(text: string): number {
	let index = 0;
	const fail = (at: number): never => {
		throw at;
	};
	const space = () => {
		while (index < text.length && ' \t\n\r'.includes(text.charAt(index))) index++;
	};
	const literal = (word: string) => {
		for (const char of word) {
			if (text.charAt(index) !== char) fail(index);
			index++;
		}
	};
	const string = () => {
		index++;
		while (index < text.length) {
			const char = text.charAt(index);
			if (char === '"') {
				index++;
				return;
			}
			if (char < ' ') fail(index);
			index += char === '\\' ? 2 : 1;
		}
		fail(text.length);
	};
	const number = () => {
		const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index));
		if (match === null) fail(index);
		index += (match as RegExpExecArray)[0].length;
	};
	const value = (): void => {
		space();
		const char = text.charAt(index);
		if (index >= text.length) fail(index);
		if (char === '{') return container('}', true);
		if (char === '[') return container(']', false);
		if (char === '"') return string();
		if (char === 't') return literal('true');
		if (char === 'f') return literal('false');
		if (char === 'n') return literal('null');
		return number();
	};
	const container = (close: string, keyed: boolean) => {
		index++;
		space();
		if (text.charAt(index) === close) {
			index++;
			return;
		}
		for (;;) {
			if (keyed) {
				space();
				if (text.charAt(index) !== '"') fail(index);
				string();
				space();
				if (text.charAt(index) !== ':') fail(index);
				index++;
			}
			value();
			space();
			const next = text.charAt(index);
			if (next === close) {
				index++;
				return;
			}
			if (next !== ',') fail(index);
			index++;
		}
	};
	try {
		value();
		space();
		return index < text.length ? index : text.length;
	} catch (at) {
		return Math.min(at as number, text.length);
	}
}
