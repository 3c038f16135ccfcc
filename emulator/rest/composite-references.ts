/**
 * References to earlier subrequests' answers in a subrequest's url and in the string values of its
 * body: @{referenceId.field}, @{ref.records[0].Id}, @{ref.BillingAddress.city}. Names are
 * case-sensitive (a create answers `id`, a retrieve `Id`). A reference that finds no value (no
 * earlier subrequest of that referenceId, a failed one, a missing field, an object instead of a
 * value) halts its subrequest with Salesforce's "Invalid reference specified" message.
 */
import { isPlainObject } from './call';

/** The bodies of the subrequests run so far, by referenceId. */
export type Answers = ReadonlyMap<string, unknown>;

export type ResolvedSubrequest = { url: string; body: unknown } | { invalid: string };

const REFERENCE = /@\{([^}]*)\}/g;
const WHOLE_REFERENCE = /^@\{([^}]*)\}$/;
/** A path after the referenceId: `.name` and `[index]` steps. */
const PATH_STEP = /\.([^.[\]]+)|\[(\d+)\]/g;
/**
 * From API version 52.0 a reference to a null field resolves (to null, or to nothing inside a
 * longer string); before, it halts the subrequest ("Behavior for References to Null Fields").
 */
const FIRST_VERSION_RESOLVING_NULLS = 52;

class InvalidReference extends Error {}

/** The url and body with every reference replaced, or the message of the first that finds no value. */
export function resolveReferences(subrequest: { url: string; body: unknown }, answers: Answers, compositeVersion: number): ResolvedSubrequest {
	const resolver = new ReferenceResolver(answers, compositeVersion >= FIRST_VERSION_RESOLVING_NULLS);
	try {
		return { url: resolver.inText(subrequest.url), body: resolver.inValue(subrequest.body) };
	} catch (error) {
		if (error instanceof InvalidReference) return { invalid: error.message };
		throw error;
	}
}

class ReferenceResolver {
	constructor(
		private readonly answers: Answers,
		private readonly nullsResolve: boolean,
	) {}

	/** References inside text become text (null: nothing). */
	inText(text: string): string {
		return text.replace(REFERENCE, (_reference, expression: string) => {
			const value = this.valueOf(expression);
			return value === null ? '' : String(value);
		});
	}

	/** Body values: a string that is one whole reference takes the referenced value itself (a number stays a number). */
	inValue(value: unknown): unknown {
		if (typeof value === 'string') {
			const whole = WHOLE_REFERENCE.exec(value);
			return whole === null ? this.inText(value) : this.valueOf(whole[1]);
		}
		if (Array.isArray(value)) return value.map((item) => this.inValue(item));
		if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.inValue(item)]));
		return value;
	}

	/** Referenceable values are strings, numbers and booleans (and null, from v52.0). */
	private valueOf(expression: string): unknown {
		const referenceId = /^[^.[]*/.exec(expression)?.[0] ?? '';
		const path = expression.slice(referenceId.length);
		const steps = [...path.matchAll(PATH_STEP)];
		const fail = () => new InvalidReference(
			`Invalid reference specified. No value for ${expression} found in ${referenceId}. Provided referenceId ('${expression}') must start with a letter or a number, and it can contain only letters, numbers and underscores ('_').`,
		);
		if (!this.answers.has(referenceId) || steps.length === 0 || steps.map((step) => step[0]).join('') !== path) throw fail();
		let value = this.answers.get(referenceId);
		for (const [, name, index] of steps) {
			if (name !== undefined) value = isPlainObject(value) && Object.hasOwn(value, name) ? value[name] : undefined;
			else value = Array.isArray(value) ? value[Number(index)] : undefined;
			if (value === undefined) throw fail();
		}
		if (value === null ? !this.nullsResolve : typeof value === 'object') throw fail();
		return value;
	}
}
