/**
 * Keeping what a stranger sent, and whatever answered, out of messages at full size. Pure.
 *
 * Webhook bodies and form fields reach error messages (a bad value, an unknown key): shown whole, a
 * 1 MB value would become a 1 MB error in every log, execution and notification. The same goes for
 * an answer's body. Everything that quotes input, or text from an answer, goes through here.
 */
import { redactSecrets } from './secrets';

/**
 * How much of one value or key a message quotes; also of a field name, an error code or a record id
 * read from an answer. A custom field's API name is at most 60 characters long (a 15-character
 * namespace, `__`, a 40-character name, `__c`), so a real field name is never cut.
 */
export const QUOTED_LENGTH = 60;

/** How many entries of a list (problems, unknown keys, fields, record ids) a message names or an item carries. */
export const LISTED_ENTRIES = 10;

/**
 * How much of Salesforce's own error messages is kept, all the messages of one error together, and of
 * the message of an error thrown by n8n, Node.js or the node itself. Validation rule and duplicate
 * rule messages are at most 255 characters, field and trigger errors a few hundred at most: real ones
 * stay whole, several of them too.
 */
export const MESSAGE_LENGTH = 1000;

/**
 * How much is kept of an answer's body that is not one of Salesforce's JSON errors: a proxy's plain
 * text or HTML page (its title, else its text). Enough to tell what answered.
 */
export const PAGE_LENGTH = 200;

/**
 * Text beyond this distance from the cut is never read: a credential that starts before the cut and
 * crosses it is still recognised whole (tokens are a few hundred characters at most).
 */
const READ_PAST_CUT = 4096;

const CUT_NOTE_START = '… (';
const CUT_NOTE_END = ' characters)';

/** Whether the text is already what `shorten(…, max)` makes of a longer one: cutting it again would lose the original length. */
function isShortened(text: string, max: number): boolean {
	const digits = text.length - max - CUT_NOTE_START.length - CUT_NOTE_END.length;
	if (digits < 1 || digits > 16 || !text.startsWith(CUT_NOTE_START, max) || !text.endsWith(CUT_NOTE_END)) return false;
	for (let index = max + CUT_NOTE_START.length; index < max + CUT_NOTE_START.length + digits; index++) {
		if (text[index] < '0' || text[index] > '9') return false;
	}
	return true;
}

/**
 * The text cut to `max` characters with an ellipsis and the full length, so the user knows it was cut.
 * Shortening twice changes nothing, so that a list may be bounded again where it leaves the node.
 */
export function shorten(text: string, max: number = QUOTED_LENGTH): string {
	if (text.length <= max || isShortened(text, max)) return text;
	return `${text.slice(0, max)}${CUT_NOTE_START}${text.length}${CUT_NOTE_END}`;
}

/**
 * Text taken from an answer or a thrown error, as a message may quote it: without credentials (the
 * `secrets` given and anything shaped like one, see secrets.ts), then cut to `max`. Reads at most a
 * few kilobytes past `max`, whatever the text's length.
 */
export function answerText(text: string, max: number, secrets: readonly string[] = []): string {
	const read = text.length > max + READ_PAST_CUT ? text.slice(0, max + READ_PAST_CUT) : text;
	const redacted = redactSecrets(read, secrets);
	if (read.length === text.length && redacted.length <= max) return redacted;
	return `${redacted.slice(0, max)}${CUT_NOTE_START}${text.length}${CUT_NOTE_END}`;
}

/** Names (fields, keys, record ids) as a list on an item or an error carries them: the first ten, each shortened. */
export function boundedNames(names: readonly string[]): string[] {
	return names.slice(0, LISTED_ENTRIES).map((name) => shorten(name));
}

/** The same names as a message writes them: "a, b, c and 12 more". */
export function listedNames(names: readonly string[]): string {
	return listed(names, LISTED_ENTRIES, ', ', (name) => shorten(name));
}

/** A value as a message quotes it: text in quotes and shortened, lists and objects by kind. */
export function quoted(value: unknown): string {
	if (Array.isArray(value)) return `a list of ${value.length} value${value.length === 1 ? '' : 's'}`;
	if (typeof value === 'object' && value !== null) return 'an object';
	if (typeof value === 'string') return `"${shorten(value)}"`;
	return String(value);
}

/** The first entries of a list (each as `show` writes it), then how many more: "a, b, c and 12 more". */
export function listed(
	entries: readonly string[],
	max: number = LISTED_ENTRIES,
	separator = ', ',
	show: (entry: string) => string = (entry) => entry,
): string {
	const shown = entries.slice(0, max).map(show).join(separator);
	return entries.length > max ? `${shown} and ${entries.length - max} more` : shown;
}

/** Trailing full stops and white space removed, in linear time (a regex anchored at $ is not). */
export function withoutTrailingStops(text: string): string {
	let end = text.length;
	while (end > 0 && (text[end - 1] === '.' || text[end - 1].trim() === '')) end--;
	return text.slice(0, end);
}

/** The text with a full stop at the end, unless it already ends a sentence. */
export function withFullStop(text: string): string {
	const trimmed = text.trim();
	const last = trimmed[trimmed.length - 1];
	return last === '.' || last === '!' || last === '?' ? trimmed : `${trimmed}.`;
}
