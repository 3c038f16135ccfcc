/** The org's daily API request allowance: one count per REST call (a Collections call is one call). */
import type { ApiUsage } from './types';

export class ApiUsageCounter {
	private used: number;
	private readonly byEndpoint: Record<string, number> = {};

	constructor(
		private readonly limit: number,
		alreadyUsed: number,
	) {
		this.used = alreadyUsed;
	}

	/** Salesforce refuses once the allowance is spent, before doing anything. */
	exhausted(): boolean {
		return this.used >= this.limit;
	}

	count(endpoint: string): void {
		this.used += 1;
		this.byEndpoint[endpoint] = (this.byEndpoint[endpoint] ?? 0) + 1;
	}

	/** Value of the Sforce-Limit-Info header. */
	header(): string {
		return `api-usage=${this.used}/${this.limit}`;
	}

	snapshot(): ApiUsage {
		return { used: this.used, limit: this.limit, byEndpoint: { ...this.byEndpoint } };
	}
}
