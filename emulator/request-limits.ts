/**
 * Salesforce's front end refuses a request whose URI is over 16,384 bytes (414) or whose URI plus
 * headers are (431), before anything else: no session check, no API call counted. The body of
 * those answers is not documented; the emulator sends a short HTML page, as front ends do.
 */
import type { IncomingMessage } from 'node:http';

import { htmlReply, type Reply } from './http';

export const MAX_URI_AND_HEADER_BYTES = 16_384;
/**
 * Node's own limit on the request head (it answers 431 itself past it), raised so that the
 * emulator sees and answers oversized requests as Salesforce does, up to this size.
 */
export const NODE_MAX_HEADER_SIZE = 4 * 1024 * 1024;

export function oversizedRequest(message: IncomingMessage): Reply | undefined {
	const uriBytes = Buffer.byteLength(message.url ?? '');
	if (uriBytes > MAX_URI_AND_HEADER_BYTES) return frontEndError(414, 'URI Too Long');
	let headerBytes = 0;
	for (let index = 0; index + 1 < message.rawHeaders.length; index += 2) {
		// "Name: value\r\n" on the wire.
		headerBytes += Buffer.byteLength(message.rawHeaders[index]) + Buffer.byteLength(message.rawHeaders[index + 1]) + 4;
	}
	if (uriBytes + headerBytes > MAX_URI_AND_HEADER_BYTES) return frontEndError(431, 'Request Header Fields Too Large');
	return undefined;
}

function frontEndError(status: number, title: string): Reply {
	return htmlReply(status, `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>`);
}
