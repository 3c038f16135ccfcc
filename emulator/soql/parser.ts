/**
 * The SOQL the emulator understands:
 *   SELECT f1, f2 FROM Object
 *   [WHERE cond AND cond ...]   cond: f = v | f != v | f <> v | f IN (v, ...) | f NOT IN (v, ...) | f LIKE 'pattern'
 *   [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n]
 * Values: 'strings', numbers, true, false, null. Anything else (OR, parentheses around conditions,
 * functions, relationship fields, subqueries) is a MALFORMED_QUERY here. A recursive-descent parser
 * over the token list: linear in the length of the query.
 */
import { SoqlError, tokenize, type LikePiece, type Token } from './lexer';

/** Salesforce's limit on the length of a SOQL statement. */
export const MAX_SOQL_LENGTH = 100_000;

export interface Name {
	text: string;
	at: number;
}

export type Literal =
	| { kind: 'string'; value: string; pattern: LikePiece[]; at: number }
	| { kind: 'number'; value: number; at: number }
	| { kind: 'boolean'; value: boolean; at: number }
	| { kind: 'null'; at: number };

export type Operator = '=' | '!=' | 'IN' | 'NOT IN' | 'LIKE';

export interface Condition {
	field: Name;
	operator: Operator;
	values: Literal[];
}

export interface Ordering {
	field: Name;
	descending: boolean;
	nullsLast: boolean;
}

export interface ParsedQuery {
	fields: Name[];
	object: Name;
	conditions: Condition[];
	orderBy: Ordering[];
	limit?: number;
}

export function parseSoql(soql: string): ParsedQuery {
	if (soql.length > MAX_SOQL_LENGTH) {
		throw new SoqlError('MALFORMED_QUERY', `SOQL statements cannot be longer than ${MAX_SOQL_LENGTH} characters (this one has ${soql.length})`);
	}
	return new Parser(soql, tokenize(soql)).query();
}

class Parser {
	private position = 0;

	constructor(
		private readonly soql: string,
		private readonly tokens: Token[],
	) {}

	query(): ParsedQuery {
		this.keyword('SELECT');
		const fields = this.list(() => this.name());
		this.keyword('FROM');
		const query: ParsedQuery = { fields, object: this.name(), conditions: [], orderBy: [] };
		if (this.acceptKeyword('WHERE')) {
			do query.conditions.push(this.condition());
			while (this.acceptKeyword('AND'));
		}
		if (this.acceptKeyword('ORDER')) {
			this.keyword('BY');
			query.orderBy = this.list(() => this.ordering());
		}
		if (this.acceptKeyword('LIMIT')) {
			const token = this.next();
			if (token?.kind !== 'number' || !Number.isInteger(token.value) || token.value < 0) throw this.unexpected(token);
			query.limit = token.value;
		}
		const rest = this.peek();
		if (rest !== undefined) throw this.unexpected(rest);
		return query;
	}

	private condition(): Condition {
		const field = this.name();
		const token = this.next();
		const word = token?.kind === 'word' ? token.text.toUpperCase() : undefined;
		if (token?.kind === 'symbol' && (token.text === '=' || token.text === '!=' || token.text === '<>')) {
			return { field, operator: token.text === '=' ? '=' : '!=', values: [this.literal()] };
		}
		if (word === 'LIKE') {
			const value = this.literal();
			if (value.kind !== 'string') throw new SoqlError('MALFORMED_QUERY', 'LIKE takes a quoted string pattern', value.at);
			return { field, operator: 'LIKE', values: [value] };
		}
		if (word === 'NOT') this.keyword('IN');
		if (word === 'IN' || word === 'NOT') {
			this.symbol('(');
			const values = this.list(() => this.literal());
			this.symbol(')');
			return { field, operator: word === 'IN' ? 'IN' : 'NOT IN', values };
		}
		throw this.unexpected(token);
	}

	private ordering(): Ordering {
		const field = this.name();
		const descending = this.acceptKeyword('DESC');
		if (!descending) this.acceptKeyword('ASC');
		// Salesforce sorts nulls first ascending and last descending unless told.
		let nullsLast = descending;
		if (this.acceptKeyword('NULLS')) {
			const token = this.next();
			const word = token?.kind === 'word' ? token.text.toUpperCase() : '';
			if (word !== 'FIRST' && word !== 'LAST') throw this.unexpected(token);
			nullsLast = word === 'LAST';
		}
		return { field, descending, nullsLast };
	}

	private literal(): Literal {
		const token = this.next();
		if (token?.kind === 'string') return token;
		if (token?.kind === 'number') return { kind: 'number', value: token.value, at: token.at };
		const word = token?.kind === 'word' ? token.text.toLowerCase() : undefined;
		if (token !== undefined && (word === 'true' || word === 'false')) return { kind: 'boolean', value: word === 'true', at: token.at };
		if (token !== undefined && word === 'null') return { kind: 'null', at: token.at };
		throw this.unexpected(token);
	}

	/** An object or field name; relationship paths (Owner.Name) are not emulated. */
	private name(): Name {
		const token = this.next();
		if (token?.kind !== 'word' || token.text.includes('.')) throw this.unexpected(token);
		return { text: token.text, at: token.at };
	}

	private list<T>(item: () => T): T[] {
		const items = [item()];
		for (let token = this.peek(); token?.kind === 'symbol' && token.text === ','; token = this.peek()) {
			this.position++;
			items.push(item());
		}
		return items;
	}

	private keyword(word: string): void {
		if (!this.acceptKeyword(word)) throw this.unexpected(this.peek());
	}

	private acceptKeyword(word: string): boolean {
		const token = this.peek();
		if (token?.kind !== 'word' || token.text.toUpperCase() !== word) return false;
		this.position++;
		return true;
	}

	private symbol(text: string): void {
		const token = this.next();
		if (token?.kind !== 'symbol' || token.text !== text) throw this.unexpected(token);
	}

	private peek(): Token | undefined {
		return this.tokens[this.position];
	}

	private next(): Token | undefined {
		return this.tokens[this.position++];
	}

	private unexpected(token: Token | undefined): SoqlError {
		if (token === undefined) return new SoqlError('MALFORMED_QUERY', 'unexpected token: <EOF>', this.soql.length);
		const text = token.kind === 'string' ? `'${token.value}'` : token.text;
		return new SoqlError('MALFORMED_QUERY', `unexpected token: '${text}'`, token.at);
	}
}
