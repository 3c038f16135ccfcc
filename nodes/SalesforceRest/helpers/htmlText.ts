/**
 * The readable part of an HTML error page (a proxy's, or Salesforce's own 5xx page). Pure, and
 * linear in the page: every step is an indexOf scan or a single-class pattern.
 */
import { answerText, PAGE_LENGTH } from './bounded';

/** How much of an HTML page is read for its text: the title or first lines are all a message needs. */
export const HTML_READ_LENGTH = 65536;

/** The text between `<tag ...>` and `</tag>` (ASCII case-insensitive), found by scanning, or undefined. */
function elementText(html: string, lowerHtml: string, tag: string): string | undefined {
	const open = lowerHtml.indexOf(`<${tag}`);
	const openEnd = open < 0 ? -1 : lowerHtml.indexOf('>', open);
	const close = openEnd < 0 ? -1 : lowerHtml.indexOf(`</${tag}`, openEnd);
	return close < 0 ? undefined : html.slice(openEnd + 1, close);
}

/** The page without its tags, script and style contents, in one pass. */
function withoutTags(html: string): string {
	const lower = html.toLowerCase();
	let text = '';
	let position = 0;
	while (position < html.length) {
		const open = html.indexOf('<', position);
		if (open < 0) {
			text += html.slice(position);
			break;
		}
		text += `${html.slice(position, open)} `;
		const skipTo = lower.startsWith('<script', open) ? '</script' : lower.startsWith('<style', open) ? '</style' : undefined;
		const contentEnd = skipTo === undefined ? open : lower.indexOf(skipTo, open);
		const close = contentEnd < 0 ? -1 : html.indexOf('>', contentEnd);
		if (close < 0) break;
		position = close + 1;
	}
	return text;
}

/**
 * The entities a page echoing a request uses for its quotes and brackets. Decoded before secrets are
 * looked for (`&quot;access_token&quot;` is `"access_token"`); `&amp;` last, so `&amp;quot;` stays `&quot;`.
 */
const ENTITIES: ReadonlyArray<[RegExp, string]> = [
	[/&nbsp;/g, ' '],
	[/&quot;/g, '"'],
	[/&(?:#39|#x27|apos);/gi, "'"],
	[/&lt;/g, '<'],
	[/&gt;/g, '>'],
	[/&amp;/g, '&'],
];

/** An HTML error page as a message quotes it: its title, else its text, without credentials, shortened. */
export function textOfHtml(page: string, secrets: readonly string[] = []): string {
	const html = page.slice(0, HTML_READ_LENGTH);
	const title = elementText(html, html.toLowerCase(), 'title');
	let plain = withoutTags(title !== undefined && title.trim() !== '' ? title : html);
	for (const [entity, character] of ENTITIES) plain = plain.replace(entity, character);
	return answerText(plain.replace(/\s+/g, ' ').trim(), PAGE_LENGTH, secrets);
}

/** Whether a text answer is an HTML page (judged on its start). */
export function looksLikeHtml(body: string): boolean {
	return /<\s*(html|!doctype|body|title)/i.test(body.slice(0, HTML_READ_LENGTH));
}
