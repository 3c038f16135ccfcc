/** Salesforce's API budget as its answers report it. Pure. */

export interface ApiUsage {
	/** Calls spent in the org's rolling 24 hours (approximate, as Salesforce says). */
	used: number;
	/** Calls allowed in that window. */
	max: number;
}

/** `api-usage=18/15000` (possibly among other entries, `per-app-api-usage=...`), or undefined. */
export function parseLimitInfo(header: unknown): ApiUsage | undefined {
	const text = Array.isArray(header) ? header.join(',') : header;
	if (typeof text !== 'string' || text.length > 1000) return undefined;
	const match = /(?:^|[,;\s])api-usage=(\d{1,12})\/(\d{1,12})/.exec(text);
	if (!match) return undefined;
	return { used: Number(match[1]), max: Number(match[2]) };
}

export function remaining(usage: ApiUsage): number {
	return Math.max(usage.max - usage.used, 0);
}
