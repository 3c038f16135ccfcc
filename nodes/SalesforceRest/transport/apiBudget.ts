/**
 * The org's daily API budget as Salesforce reports it on every answer (`Sforce-Limit-Info`), what
 * this execution spent, and the "stop when fewer than N calls remain" rule: no call is made that would
 * leave fewer than N.
 *
 * The last figure seen is also remembered per org across executions (bounded, like the other shared
 * state), so that an execution can stop before its first call; without it, each webhook execution
 * would spend one call before learning the budget is low. The budget is the org's, so the figure is
 * keyed by the org (and instance), whoever's token read it. A remembered figure grows old: the
 * org's 24 hours roll on and calls free up, and a process that stops every execution on it would
 * never make the call that says so. So once it is older than REMEMBERED_FIGURE_MAX_AGE_MS, one
 * execution's call goes to read the budget anew while the others keep stopping until it answers.
 * An execution's own figures (read from its own answers) always apply.
 */
import { parseLimitInfo, remaining, type ApiUsage } from '../helpers/apiUsage';
import type { SalesforceProblem } from '../helpers/problem';
import { orgKeyOf, type Tenant } from '../helpers/tenant';
import { setMostRecent } from './sharedCache';

/** How long a figure another execution read stops this one without a call of its own. */
export const REMEMBERED_FIGURE_MAX_AGE_MS = 5 * 60_000;

const MAX_REMEMBERED = 100;

interface Figure {
	usage: ApiUsage;
	/** When it was read (Date.now()); moved to now when an execution sets out to read it anew. */
	at: number;
}

const lastSeen = new Map<string, Figure>();

/** 15000 → "15,000" (toLocaleString costs more than the rest of this module per execution). */
function thousands(value: number): string {
	return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
}

export class ApiBudget {
	/** Answers counted during this execution (each is one API call for Salesforce). */
	calls = 0;
	/** The latest figure this execution read from its own answers. */
	private own: Figure | undefined;
	/** This execution set out to read an old remembered figure anew: its calls go until an answer of its own says. */
	private rereading = false;
	private readonly key: string;

	constructor(
		tenant: Tenant,
		/** Stop before a call that would leave fewer than this many; 0: never. */
		private readonly keepInReserve: number,
		accessToken?: string,
	) {
		this.key = orgKeyOf(tenant, accessToken);
	}

	/** The newest figure: this execution's own, or one another execution read since. */
	private figure(): Figure | undefined {
		const shared = lastSeen.get(this.key);
		if (this.own === undefined) return shared;
		return shared !== undefined && shared.at > this.own.at ? shared : this.own;
	}

	/** The latest figure known (from this execution, or remembered from an earlier one). */
	get latest(): ApiUsage | undefined {
		return this.figure()?.usage;
	}

	observe(limitInfoHeader: unknown, now = Date.now()): void {
		const usage = parseLimitInfo(limitInfoHeader);
		if (usage === undefined) return;
		this.own = { usage, at: now };
		this.rereading = false;
		setMostRecent(lastSeen, this.key, this.own, MAX_REMEMBERED);
	}

	counted(): void {
		this.calls += 1;
	}

	/** The problem that stops the next call, when it would leave fewer calls than the reserve (as last reported). */
	refusal(now = Date.now()): SalesforceProblem | undefined {
		const figure = this.figure();
		if (this.keepInReserve <= 0 || figure === undefined) return undefined;
		const left = remaining(figure.usage);
		if (left - 1 >= this.keepInReserve) return undefined;
		if (figure !== this.own && (this.rereading || now - figure.at >= REMEMBERED_FIGURE_MAX_AGE_MS)) {
			// This execution reads the budget anew; until it does, the figure counts as fresh for the others.
			if (!this.rereading) figure.at = now;
			this.rereading = true;
			return undefined;
		}
		return {
			errorCode: 'API_BUDGET_RESERVED',
			message: `Stopped before calling Salesforce: ${left} of the org's ${figure.usage.max} daily API calls remain, and one more call would leave fewer than the ${this.keepInReserve} this node keeps in reserve ("Stop When Fewer API Calls Remain"). Nothing was sent`,
			fields: [],
		};
	}

	/** For the execution's hint: what the run cost and what is left. */
	summary(): string | undefined {
		if (this.calls === 0) return undefined;
		const spent = `This run made ${this.calls} Salesforce API call${this.calls === 1 ? '' : 's'}`;
		const usage = this.latest;
		if (usage === undefined) return `${spent}.`;
		return `${spent}; ${thousands(remaining(usage))} of the org's ${thousands(usage.max)} daily API calls remain.`;
	}
}

/** For tests: forget every remembered figure. */
export function forgetApiUsage(): void {
	lastSeen.clear();
}
