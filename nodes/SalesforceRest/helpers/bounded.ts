/**
 * Keeping what a stranger sent out of messages at full size. Pure.
 *
 * Webhook bodies and form fields reach error messages (a bad value, an unknown key): shown whole, a
 * 1 MB value would become a 1 MB error in every log, execution and notification. Everything that
 * quotes input goes through here.
 */

/** How much of one value or key a message quotes. */
export const QUOTED_LENGTH = 60;

/** How many entries of a list (problems, unknown keys, allowed values) a message names. */
export const LISTED_ENTRIES = 10;

/** Longest message text kept from anywhere (Salesforce's own messages included). */
export const MESSAGE_LENGTH = 2000;

/** The text cut to `max` characters with an ellipsis and the full length, so the user knows it was cut. */
export function shorten(text: string, max: number = QUOTED_LENGTH): string {
	if (text.length <= max) return text;
	return `${text.slice(0, max)}… (${text.length} characters)`;
}

/** A value as a message quotes it: text in quotes and shortened, lists and objects by kind. */
export function quoted(value: unknown): string {
	if (Array.isArray(value)) return `a list of ${value.length} value${value.length === 1 ? '' : 's'}`;
	if (typeof value === 'object' && value !== null) return 'an object';
	if (typeof value === 'string') return `"${shorten(value)}"`;
	return String(value);
}

/** The first entries of a list, then how many more: "a, b, c and 12 more". */
export function listed(entries: readonly string[], max: number = LISTED_ENTRIES, separator = ', '): string {
	const shown = entries.slice(0, max).join(separator);
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
