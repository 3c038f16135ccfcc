/** Shared by the emulator's tests: an emulator per test and small HTTP helpers. */
import { request as httpRequest } from 'node:http';

import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../emulator';

export const V = '/services/data/v66.0';

export interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: unknown;
}

/** Starts an emulator for one test; `stop()` it in afterEach through `stopAll`. */
const running: EmulatorHandle[] = [];
export async function emulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
	const handle = await startEmulator(options);
	running.push(handle);
	return handle;
}
export async function stopAll(): Promise<void> {
	await Promise.all(running.splice(0).map((handle) => handle.stop()));
}

/** A raw HTTP call (node:http, so any Host header can be sent). */
export function call(
	em: EmulatorHandle,
	method: string,
	path: string,
	options: { headers?: Record<string, string>; body?: string | object } = {},
): Promise<Answer> {
	const url = new URL(path, em.url);
	const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
	const headers: Record<string, string> = { ...(options.headers ?? {}) };
	if (body !== undefined && options.body !== undefined && typeof options.body !== 'string' && headers['Content-Type'] === undefined) {
		headers['Content-Type'] = 'application/json';
	}
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
			});
		});
		req.on('error', reject);
		if (body !== undefined) req.write(body);
		req.end();
	});
}

/** A REST call with a fresh access token of the default user. */
export function rest(em: EmulatorHandle, method: string, path: string, body?: object | string, headers: Record<string, string> = {}): Promise<Answer> {
	return restAs(em, undefined, method, path, body, headers);
}

/** A REST call with a fresh access token of that user (by username; undefined: the default user). */
export function restAs(em: EmulatorHandle, user: string | undefined, method: string, path: string, body?: object | string, headers: Record<string, string> = {}): Promise<Answer> {
	const { access_token } = em.issueTokens({ user });
	return call(em, method, path, { body, headers: { Authorization: `Bearer ${access_token}`, ...headers } });
}

export function lead(fields: Record<string, unknown>): Record<string, unknown> {
	return { attributes: { type: 'Lead' }, ...fields };
}

/** POST /composite with these subrequests ({ method, url, referenceId, body?, httpHeaders? }). */
export function composite(em: EmulatorHandle, allOrNone: boolean, compositeRequest: object[], headers: Record<string, string> = {}): Promise<Answer> {
	return rest(em, 'POST', `${V}/composite`, { allOrNone, compositeRequest }, headers);
}

/** What an all-or-none composite reports for every subrequest but the one that failed. */
export function rolledBack(referenceId: string): object {
	const message = 'The transaction was rolled back since another operation in the same transaction failed.';
	return { body: [{ errorCode: 'PROCESSING_HALTED', message }], httpHeaders: {}, httpStatusCode: 400, referenceId };
}
