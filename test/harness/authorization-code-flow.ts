import { createHash, randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

/** What the credential says about the authorization server, as resolved from its fields. */
export interface AuthorizationServer {
	authUrl: string;
	accessTokenUrl: string;
	clientId: string;
	clientSecret: string;
	scope: string;
	redirectUri: string;
}

export interface AuthorizationResult {
	/** The token answer, as n8n would store it in `oauthTokenData`. */
	tokens: IDataObject;
	/** One line per HTTP exchange, for people to read. */
	steps: string[];
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * The OAuth 2.0 authorization-code flow with PKCE (S256) as n8n and a browser run it together, in
 * plain HTTP: open the authorize URL, submit the login-and-consent form with "Allow", take the
 * code from the redirect to n8n's callback, and exchange it with the code verifier.
 */
export async function authorizeWithPkce(server: AuthorizationServer): Promise<AuthorizationResult> {
	const steps: string[] = [];
	const verifier = base64url(randomBytes(48));
	const challenge = base64url(createHash('sha256').update(verifier).digest());
	const state = base64url(randomBytes(16));

	const authorizeUrl = new URL(server.authUrl);
	authorizeUrl.search = new URLSearchParams({
		response_type: 'code',
		client_id: server.clientId,
		redirect_uri: server.redirectUri,
		scope: server.scope,
		state,
		code_challenge: challenge,
		code_challenge_method: 'S256',
	}).toString();
	const page = await fetch(authorizeUrl, { redirect: 'manual' });
	const html = await page.text();
	steps.push(`GET ${authorizeUrl.pathname} (scope "${server.scope}", S256 challenge) -> ${page.status} consent page`);
	if (page.status !== 200) throw new Error(`The authorize endpoint answered ${page.status}: ${html.slice(0, 300)}`);

	const form = consentForm(html, 'Allow');
	const formUrl = new URL(form.action, authorizeUrl);
	const decision = await fetch(formUrl, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form.fields).toString(),
	});
	const location = decision.headers.get('location');
	steps.push(`POST ${formUrl.pathname} (Allow) -> ${decision.status} redirect to the callback`);
	if (!location) throw new Error(`Submitting the consent form answered ${decision.status} without a redirect`);
	const callback = new URL(location);
	if (callback.searchParams.get('state') !== state) throw new Error('The redirect carries another state');
	const code = callback.searchParams.get('code');
	if (!code) throw new Error(`The authorization was refused: ${callback.searchParams.get('error_description') ?? location}`);

	const tokenAnswer = await fetch(server.accessTokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			redirect_uri: server.redirectUri,
			client_id: server.clientId,
			client_secret: server.clientSecret,
			code_verifier: verifier,
		}).toString(),
	});
	const tokens = (await tokenAnswer.json()) as IDataObject;
	steps.push(`POST ${new URL(server.accessTokenUrl).pathname} (code + verifier) -> ${tokenAnswer.status}`);
	if (!tokenAnswer.ok) throw new Error(`The token exchange failed: ${JSON.stringify(tokens)}`);
	return { tokens, steps };
}

/** The form fields a browser would send when the named submit button is clicked. */
function consentForm(html: string, buttonLabel: string): { action: string; fields: Record<string, string> } {
	const formTag = /<form\b[^>]*>/i.exec(html);
	if (!formTag) throw new Error('The consent page has no form');
	const action = attribute(formTag[0], 'action') ?? '';
	const fields: Record<string, string> = {};
	for (const [input] of html.matchAll(/<input\b[^>]*>/gi)) {
		const name = attribute(input, 'name');
		if (name && attribute(input, 'type') !== 'submit') fields[name] = attribute(input, 'value') ?? '';
	}
	const button = [...html.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].find(
		([, , label]) => label.trim() === buttonLabel,
	);
	if (!button) throw new Error(`The consent page has no "${buttonLabel}" button`);
	const buttonName = attribute(button[1], 'name');
	if (buttonName) fields[buttonName] = attribute(button[1], 'value') ?? '';
	return { action, fields };
}

function attribute(tag: string, name: string): string | undefined {
	const match = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag);
	return match ? decodeHtml(match[1]) : undefined;
}

function decodeHtml(text: string): string {
	return text
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}
