/**
 * Where API calls go, and with which API version. Pure.
 *
 * Every REST call goes to the `instance_url` Salesforce returned with the token. The access token is a
 * bearer secret, so it only goes to a host that serves Salesforce orgs (or the credential's own My
 * Domain, or a loopback address for the local emulator), only over https (plain http on loopback
 * only), and only to the origin: a path, query or fragment in a URL is dropped.
 */
import { shorten } from './bounded';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Domains whose hosts serve Salesforce orgs and their APIs: Salesforce's own list (its CLI library's
 * `isSalesforceDomain`, after help article 000003652), covering My Domain (`acme.my.salesforce.com`,
 * `acme--uat.sandbox.my.salesforce.com`), instances (`na1.salesforce.com`), Visualforce and Experience
 * sites (`*.force.com`), Government Cloud (`*.my.salesforce.mil`, `crmforce.mil`), the China-operated
 * cloud (`*.sfcrmproducts.cn`), Hyperforce's `*.my-salesforce.com` and the legacy `database.com`.
 */
export const SALESFORCE_DOMAINS = [
	'salesforce.com',
	'force.com',
	'cloudforce.com',
	'salesforceliveagent.com',
	'my-salesforce.com',
	'salesforce.mil',
	'crmforce.mil',
	'sfcrmproducts.cn',
	'database.com',
] as const;

/** A host under one of SALESFORCE_DOMAINS (a subdomain: the bare domain serves no org). */
export function isSalesforceHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	return SALESFORCE_DOMAINS.some((domain) => host.endsWith(`.${domain}`));
}

/** An https URL (or http on loopback), reduced to its origin (scheme, host, port). */
export function checkBaseUrl(rawUrl: string, what: string): Checked<string> {
	const text = rawUrl.trim();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { ok: false, message: `${what} "${shortUrl(text)}" is not a URL` };
	}
	const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
	if (!secure) {
		return {
			ok: false,
			message: `${what} "${shortUrl(text)}" must start with https:// (http:// is only allowed for localhost, 127.0.0.1 or [::1])`,
		};
	}
	return { ok: true, value: url.origin };
}

/** URLs are quoted longer than other values (a My Domain URL with its path is rarely under 60 characters). */
function shortUrl(text: string): string {
	return shorten(text, 200);
}

/**
 * The My Domain URL as the credential's login expressions use it: trimmed, a missing scheme or plain
 * http becomes https (except on loopback), and only the origin is kept. The credential does the same
 * in an n8n expression; the two must agree, so that the host that logs in is the host that gets calls.
 */
export function myDomainLoginUrl(raw: string): string {
	const text = raw.trim();
	const keepsScheme = /^(https:\/\/|http:\/\/(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d+)?([/?#]|$))/i.test(text);
	const withScheme = keepsScheme ? text : `https://${text.replace(/^http:\/\//i, '')}`;
	return /^(https?:\/\/[^/?#]*)/i.exec(withScheme)?.[1] ?? withScheme;
}

export interface SalesforceCredentialData {
	environment?: unknown;
	myDomainUrl?: unknown;
	oauthTokenData?: unknown;
}

const RECONNECT = 'Open the Salesforce REST credential and reconnect it (click "Reconnect" / "Connect my account").';

function myDomainOrigin(credentials: SalesforceCredentialData): Checked<string> | undefined {
	if (credentials.environment !== 'myDomain' || typeof credentials.myDomainUrl !== 'string' || credentials.myDomainUrl.trim() === '') {
		return undefined;
	}
	return checkBaseUrl(myDomainLoginUrl(credentials.myDomainUrl), "The credential's My Domain URL");
}

/** The token's instance URL, when it is a place the token may go. */
function checkInstanceUrl(instanceUrl: string, credentials: SalesforceCredentialData): Checked<string> {
	const checked = checkBaseUrl(instanceUrl, 'The instance URL Salesforce returned');
	if (!checked.ok) return checked;
	const { hostname } = new URL(checked.value);
	const myDomain = myDomainOrigin(credentials);
	const ownMyDomain = myDomain?.ok === true && new URL(myDomain.value).hostname === hostname;
	if (isSalesforceHost(hostname) || isLoopbackHost(hostname) || ownMyDomain) return checked;
	return {
		ok: false,
		message: `The instance URL "${shortUrl(instanceUrl.trim())}" in the credential's token is not a Salesforce host (${SALESFORCE_DOMAINS.map((domain) => `*.${domain}`).join(', ')}) nor the credential's My Domain, so the access token is not sent there. ${RECONNECT}`,
	};
}

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
	if (typeof instanceUrl === 'string' && instanceUrl.trim() !== '') return checkInstanceUrl(instanceUrl, credentials);
	const myDomain = myDomainOrigin(credentials);
	if (myDomain) return myDomain;
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
	const match = text.length <= 10 ? /^v?(\d{2,3})\.0$/i.exec(text) : null;
	if (!match) {
		return {
			ok: false,
			message: `API Version "${shortUrl(text)}" is not a Salesforce API version: use the form v66.0`,
		};
	}
	return { ok: true, value: `v${Number(match[1])}.0` };
}
