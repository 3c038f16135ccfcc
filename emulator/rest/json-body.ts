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
	} catch (error) {
		const position = /position (\d+)/.exec((error as Error).message);
		const index = position === null ? text.length : Number(position[1]);
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
