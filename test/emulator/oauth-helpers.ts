/** The browser half of the web-server flow done with plain HTTP: read the consent form, post it. */
import { createHash, randomBytes } from 'node:crypto';

import type { EmulatorHandle } from '../../emulator';

export const REDIRECT_URI = 'http://localhost:5678/rest/oauth2-credential/callback';

export function pkcePair(): { verifier: string; challenge: string } {
	const verifier = randomBytes(48).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(em: EmulatorHandle, params: Record<string, string>): string {
	const url = new URL('/services/oauth2/authorize', em.url);
	const all = { response_type: 'code', client_id: em.app.clientId, redirect_uri: REDIRECT_URI, ...params };
	for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
	return url.toString();
}

function unescapeHtml(text: string): string {
	return text.replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The form fields a browser would submit: hidden inputs plus the pre-filled login fields. */
export function formFields(html: string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const match of html.matchAll(/<input type="[a-z]+"(?: id="[^"]*")? name="([^"]+)" value="([^"]*)"/g)) {
		fields[unescapeHtml(match[1])] = unescapeHtml(match[2]);
	}
	return fields;
}

/** Posts the consent form with a decision; answers the redirect the browser would follow. */
export async function submitConsent(em: EmulatorHandle, html: string, decision: 'allow' | 'deny', cookie?: string): Promise<Response> {
	const body = new URLSearchParams({ ...formFields(html), decision });
	return fetch(new URL('/services/oauth2/authorize', em.url), {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
		body,
	});
}

/** Opens the authorize URL and clicks Allow; answers the redirect Location. */
export async function consent(em: EmulatorHandle, params: Record<string, string>): Promise<URL> {
	const page = await fetch(authorizeUrl(em, params), { redirect: 'manual' });
	if (page.status !== 200) throw new Error(`authorize answered ${page.status}`);
	const redirect = await submitConsent(em, await page.text(), 'allow');
	return new URL(redirect.headers.get('location') as string);
}

export function tokenRequest(em: EmulatorHandle, params: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
	return fetch(new URL('/services/oauth2/token', em.url), {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(params),
	});
}

export function clientCredentials(em: EmulatorHandle): Record<string, string> {
	return { client_id: em.app.clientId, client_secret: em.app.clientSecret };
}
