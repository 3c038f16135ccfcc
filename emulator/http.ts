/** Plain HTTP plumbing shared by the OAuth and REST handlers: the request as handlers see it, and answers. */
import type { IncomingMessage } from 'node:http';

/** Which Salesforce host a request was meant for, decided by its Host header. */
export type HostKind = 'login' | 'sandbox' | 'instance';

export interface EmulatorRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** The Host header (with port when sent). */
	host: string;
	hostKind: HostKind;
	/** scheme://host as the client addressed this server. */
	requestBaseUrl: string;
	headers: Record<string, string>;
	contentType: string;
	rawBody: string;
}

/** An answer, built by a handler and written (or dropped) by the server. */
export interface Reply {
	status: number;
	headers: Record<string, string>;
	body: string | Buffer;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';

/** The access token of the Authorization header: Salesforce takes `Bearer <token>` and the older `OAuth <token>`. */
export function bearerToken(headers: Record<string, string>): string | undefined {
	return /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(headers.authorization ?? '')?.[1];
}

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
	return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function htmlReply(status: number, html: string, headers: Record<string, string> = {}): Reply {
	return { status, headers: { 'Content-Type': 'text/html;charset=UTF-8', ...headers }, body: html };
}

export function emptyReply(status: number, headers: Record<string, string> = {}): Reply {
	return { status, headers, body: '' };
}

export function redirectReply(location: string, headers: Record<string, string> = {}): Reply {
	return { status: 302, headers: { Location: location, ...headers }, body: '' };
}

export function hostKindOf(host: string): HostKind {
	const name = host.replace(/:\d+$/, '').toLowerCase();
	if (name === 'login.salesforce.com') return 'login';
	if (name === 'test.salesforce.com') return 'sandbox';
	return 'instance';
}

export function flattenHeaders(message: IncomingMessage): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(message.headers)) {
		if (value === undefined) continue;
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

export function readBody(message: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		message.on('data', (chunk: Buffer) => chunks.push(chunk));
		message.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		message.on('error', reject);
	});
}

export function parseForm(text: string): Record<string, string> {
	const form: Record<string, string> = {};
	for (const [name, value] of new URLSearchParams(text)) form[name] = value;
	return form;
}

/** The request body as a test wants to read it back: parsed JSON, parsed form, raw text. */
export function bodyForRecord(contentType: string, rawBody: string): unknown {
	if (rawBody === '') return undefined;
	if (contentType.includes('application/x-www-form-urlencoded')) return parseForm(rawBody);
	try {
		return JSON.parse(rawBody);
	} catch {
		return rawBody;
	}
}

export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}
