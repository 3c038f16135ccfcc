/**
 * The credential's secrets, and where they turn up: every output item and every error is searched
 * for the access tokens (each one a refresh brought too), the refresh token and the client secret,
 * also URL-encoded, and an access token also by its part after the org id (`00D...!<secret>`).
 */
import type { IDataObject } from 'n8n-workflow';

import type { StoredCredential } from '../../test/harness';

export class SecretScanner {
	/** Text to look for -> what it is. */
	private readonly needles = new Map<string, string>();

	addCredential(credential: StoredCredential): void {
		this.add('client secret', credential.data.clientSecret);
		this.addTokenData(credential.data.oauthTokenData as IDataObject | undefined);
	}

	addTokenData(tokenData: IDataObject | undefined): void {
		this.add('access token', tokenData?.access_token);
		this.add('refresh token', tokenData?.refresh_token);
	}

	/** The kinds of secret the text holds. */
	found(text: string): string[] {
		const kinds = new Set<string>();
		for (const [needle, kind] of this.needles) if (text.includes(needle)) kinds.add(kind);
		return [...kinds];
	}

	private add(kind: string, value: unknown): void {
		if (typeof value !== 'string' || value.length < 8) return;
		this.needles.set(value, kind);
		this.needles.set(encodeURIComponent(value), kind);
		const afterOrgId = value.split('!')[1];
		if (afterOrgId !== undefined && afterOrgId.length >= 16) this.needles.set(afterOrgId, kind);
	}
}

/** JSON that survives cycles and the odd value (BigInt, functions). */
export function safeJson(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return (
			JSON.stringify(value, (_key, entry: unknown) => {
				if (typeof entry === 'bigint') return entry.toString();
				if (typeof entry === 'object' && entry !== null) {
					if (seen.has(entry)) return '[cycle]';
					seen.add(entry);
				}
				return entry;
			}) ?? ''
		);
	} catch (error) {
		return `[not serialisable: ${(error as Error).message}]`;
	}
}

/** What of an error a user or n8n's execution store sees: message, description, context, errorResponse, its JSON. */
export function errorTexts(error: unknown): string[] {
	if (typeof error !== 'object' || error === null) return [String(error)];
	const fields = error as Record<string, unknown>;
	return [fields.message, fields.description, fields.stack, safeJson(fields.context), safeJson(fields.errorResponse), safeJson(error)].filter(
		(text): text is string => typeof text === 'string' && text !== '',
	);
}
