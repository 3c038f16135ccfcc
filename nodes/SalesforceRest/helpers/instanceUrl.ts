/**
 * Where API calls go, and with which API version. Pure.
 *
 * Every REST call goes to the `instance_url` Salesforce returned with the token. The access token is a
 * bearer secret: it is only ever sent over https, except to a loopback address (the local emulator).
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** An https URL (or http on loopback), returned without trailing slashes, query or fragment. */
export function checkBaseUrl(rawUrl: string, what: string): Checked<string> {
	const text = rawUrl.trim();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { ok: false, message: `${what} "${text}" is not a URL` };
	}
	const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
	if (!secure) {
		return {
			ok: false,
			message: `${what} "${text}" must start with https:// (http:// is only allowed for localhost, 127.0.0.1 or [::1])`,
		};
	}
	const path = url.pathname.replace(/\/+$/, '');
	return { ok: true, value: `${url.protocol}//${url.host}${path}` };
}

/**
 * The My Domain URL as the credential's login expressions use it: a missing scheme or plain http
 * becomes https, except on loopback (the two must agree, so the same host gets the token).
 */
export function myDomainLoginUrl(raw: string): string {
	const text = raw.trim().replace(/\/+$/, '');
	const loopbackHttp = /^http:\/\/(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d+)?(\/|$)/i;
	if (/^https:\/\//i.test(text) || loopbackHttp.test(text)) return text;
	return `https://${text.replace(/^http:\/\//i, '')}`;
}

export interface SalesforceCredentialData {
	environment?: unknown;
	myDomainUrl?: unknown;
	oauthTokenData?: unknown;
}

const RECONNECT = 'Open the Salesforce REST credential and reconnect it (click "Reconnect" / "Connect my account").';

/**
 * The API base: the token's `instance_url`; when a refresh lost it (seen in some n8n releases), the
 * My Domain URL of the credential; otherwise the user has to reconnect.
 */
export function resolveApiBaseUrl(credentials: SalesforceCredentialData): Checked<string> {
	const tokenData = credentials.oauthTokenData;
	const instanceUrl =
		typeof tokenData === 'object' && tokenData !== null
			? (tokenData as Record<string, unknown>).instance_url
			: undefined;
	if (typeof instanceUrl === 'string' && instanceUrl.trim() !== '') {
		return checkBaseUrl(instanceUrl, 'The instance URL Salesforce returned');
	}
	if (credentials.environment === 'myDomain' && typeof credentials.myDomainUrl === 'string' && credentials.myDomainUrl.trim() !== '') {
		return checkBaseUrl(myDomainLoginUrl(credentials.myDomainUrl), "The credential's My Domain URL");
	}
	if (tokenData === undefined || tokenData === null) {
		return { ok: false, message: `The Salesforce REST credential is not connected yet. ${RECONNECT}` };
	}
	return {
		ok: false,
		message: `The Salesforce REST credential has no instance URL (Salesforce sends it when the account is connected). ${RECONNECT}`,
	};
}

/** `v66.0` (or `66.0`, given the v) is a Salesforce API version; anything else is refused. */
export function normalizeApiVersion(raw: unknown): Checked<string> {
	const text = typeof raw === 'string' ? raw.trim() : String(raw ?? '');
	const match = /^v?(\d{2,3})\.0$/i.exec(text);
	if (!match) {
		return {
			ok: false,
			message: `API Version "${text}" is not a Salesforce API version: use the form v66.0`,
		};
	}
	return { ok: true, value: `v${Number(match[1])}.0` };
}
