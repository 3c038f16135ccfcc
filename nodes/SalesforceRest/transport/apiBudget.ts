/**
 * The org's daily API budget as Salesforce reports it on every answer (`Sforce-Limit-Info`), what
 * this execution spent, and the "stop when fewer than N calls remain" rule: no call is made that would
 * leave fewer than N.
 *
 * The last figure seen is also remembered per connection across executions (bounded, like the other
 * shared state), so that an execution can stop before its first call; without it, each webhook
 * execution would spend one call before learning the budget is low. It only ever makes the stop
 * earlier, never a result different.
 */
import { parseLimitInfo, remaining, type ApiUsage } from '../helpers/apiUsage';
import type { SalesforceProblem } from '../helpers/problem';
import { setMostRecent } from './sharedCache';

const MAX_REMEMBERED = 100;
const lastSeen = new Map<string, ApiUsage>();

/** 15000 → "15,000" (toLocaleString costs more than the rest of this module per execution). */
function thousands(value: number): string {
	return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
}

export class ApiBudget {
	/** Answers counted during this execution (each is one API call for Salesforce). */
	calls = 0;
	private usage: ApiUsage | undefined;

	constructor(
		private identity: string,
		/** Stop before a call that would leave fewer than this many; 0: never. */
		private readonly keepInReserve: number,
	) {
		this.usage = lastSeen.get(identity);
	}

	/** The connection turned out to be another org or user (credentialView.ts): its own figures apply from now on. */
	moveTo(identity: string): void {
		this.identity = identity;
		this.usage = lastSeen.get(identity);
	}

	/** The latest figure known (from this execution, or remembered from an earlier one). */
	get latest(): ApiUsage | undefined {
		return this.usage;
	}

	observe(limitInfoHeader: unknown): void {
		const usage = parseLimitInfo(limitInfoHeader);
		if (usage === undefined) return;
		this.usage = usage;
		setMostRecent(lastSeen, this.identity, usage, MAX_REMEMBERED);
	}

	counted(): void {
		this.calls += 1;
	}

	/** The problem that stops the next call, when it would leave fewer calls than the reserve (as last reported). */
	refusal(): SalesforceProblem | undefined {
		if (this.keepInReserve <= 0 || this.usage === undefined) return undefined;
		const left = remaining(this.usage);
		if (left - 1 >= this.keepInReserve) return undefined;
		return {
			errorCode: 'API_BUDGET_RESERVED',
			message: `Stopped before calling Salesforce: ${left} of the org's ${this.usage.max} daily API calls remain, and one more call would leave fewer than the ${this.keepInReserve} this node keeps in reserve ("Stop When Fewer API Calls Remain"). Nothing was sent`,
			fields: [],
		};
	}

	/** For the execution's hint: what the run cost and what is left. */
	summary(): string | undefined {
		if (this.calls === 0) return undefined;
		const spent = `This run made ${this.calls} Salesforce API call${this.calls === 1 ? '' : 's'}`;
		if (this.usage === undefined) return `${spent}.`;
		return `${spent}; ${thousands(remaining(this.usage))} of the org's ${thousands(this.usage.max)} daily API calls remain.`;
	}
}

/** For tests: forget every remembered figure. */
export function forgetApiUsage(): void {
	lastSeen.clear();
}
