/**
 * Salesforce record ids: 3-character key prefix + 12 characters (here a pod marker and a base-62
 * counter) = the 15-character case-sensitive id, plus a 3-character suffix that encodes which of the
 * 15 characters are upper case, so the 18-character form survives case-insensitive systems.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
/** Orgs one process can tell apart: the pod marker has one base-62 character for the org. */
export const MAX_ORG_NUMBER = 62;

/** The 3-character suffix of an 18-character id, computed as Salesforce does. */
export function idChecksum(id15: string): string {
	let suffix = '';
	for (let chunk = 0; chunk < 3; chunk++) {
		let bits = 0;
		for (let i = 0; i < 5; i++) {
			const char = id15.charAt(chunk * 5 + i);
			if (char >= 'A' && char <= 'Z') bits |= 1 << i;
		}
		suffix += CHECKSUM_ALPHABET.charAt(bits);
	}
	return suffix;
}

export function to18(id15: string): string {
	return id15 + idChecksum(id15);
}

/** A syntactically valid Salesforce id: 15 alphanumerics, or 18 whose suffix matches. */
export function isWellFormedId(value: string): boolean {
	if (/^[a-zA-Z0-9]{15}$/.test(value)) return true;
	return /^[a-zA-Z0-9]{18}$/.test(value) && idChecksum(value.slice(0, 15)) === value.slice(15).toUpperCase();
}

function base62(n: number, width: number): string {
	let out = '';
	let rest = n;
	while (rest > 0) {
		out = BASE62.charAt(rest % 62) + out;
		rest = Math.floor(rest / 62);
	}
	return out.padStart(width, '0');
}

/**
 * Stands where a real id carries its pod/instance: "Em" marks ids minted by the emulator, the third
 * character the org (Em0 for org 1, Em1 for org 2, ...), so no two orgs mint the same id.
 */
function podOf(org: number): string {
	if (!Number.isInteger(org) || org < 1 || org > MAX_ORG_NUMBER) throw new Error(`org must be a whole number from 1 to ${MAX_ORG_NUMBER}, got ${org}`);
	return `Em${BASE62.charAt(org - 1)}`;
}

/** The id with a given key prefix and sequence number in org `org` (deterministic: tests can predict them). */
export function makeId(keyPrefix: string, sequence: number, org = 1): string {
	return to18(keyPrefix + podOf(org) + base62(sequence, 9));
}

/** Mints the ids of one org per key prefix, 1, 2, 3, ... */
export class IdMinter {
	private readonly counters = new Map<string, number>();

	constructor(private readonly org = 1) {}

	next(keyPrefix: string): string {
		const sequence = (this.counters.get(keyPrefix) ?? 0) + 1;
		this.counters.set(keyPrefix, sequence);
		return makeId(keyPrefix, sequence, this.org);
	}
}

/** The id of org `org` (00D). */
export function orgIdOf(org: number): string {
	return makeId('00D', org, org);
}

/** The id of the k-th user (005) of org `org`; the first is the org's default API user. */
export function userIdOf(org: number, k: number): string {
	return makeId('005', k, org);
}

/** Org 1 and its default API user: what every token of an emulator started without `org` or `user` belongs to. */
export const ORG_ID = orgIdOf(1);
export const USER_ID = userIdOf(1, 1);
