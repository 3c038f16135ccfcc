/**
 * Faults a test switches on: each lets `after` matching requests pass, then applies to the next `times` (to one in
 * every `every` of them, when given). Every fault that matches a request applies to it (a test may combine latency
 * with a status, say), in the order added.
 */
import { htmlReply, jsonReply, JSON_TYPE, type Reply } from './http';
import { seededRandom, type Random } from './seeded-random';
import type { Fault, FaultStats } from './types';

/** What the faults matching one request ask for, merged. */
export interface FaultPlan {
	latencyMs: number;
	expireToken: boolean;
	drop?: 'before' | 'after';
	/** The first matching fault that answers instead of the emulator. */
	answer?: Pick<Fault, 'status' | 'body' | 'contentType' | 'headers'>;
	errorCode?: Fault['errorCode'];
	/** Asked once per record a Collections write would save: true = that record is refused for a row lock. */
	lockRecord?: () => boolean;
	revokeTokens: boolean;
	/** The emulator goes away for this long, the call's connection with it. */
	restartDownMs?: number;
}

interface ActiveFault {
	fault: Fault;
	/** Matching requests still to let through before it applies. */
	waiting: number;
	remaining: number;
	/** Matching requests since it last applied (for `every`). */
	sinceApplied: number;
	/** Draws of `lockRowFraction`, from the fault's own seed. */
	random?: Random;
}

export class FaultBook {
	private active: ActiveFault[] = [];
	private readonly counts: FaultStats = { applied: 0, lockedRecords: 0, restarts: 0 };

	add(fault: Fault): void {
		if (fault.status !== undefined && (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)) {
			throw new Error(`Fault status must be an HTTP status (100-599), got ${String(fault.status)}`);
		}
		if (fault.drop !== undefined && fault.drop !== 'before' && fault.drop !== 'after') {
			throw new Error(`Fault drop must be 'before' or 'after', got ${String(fault.drop)}`);
		}
		const times = fault.times ?? 1;
		if (!(times > 0)) throw new Error(`Fault times must be a positive number or Infinity, got ${String(fault.times)}`);
		const after = fault.after ?? 0;
		if (!Number.isInteger(after) || after < 0) throw new Error(`Fault after must be a whole number of calls, got ${String(fault.after)}`);
		const every = fault.every ?? 1;
		if (!Number.isInteger(every) || every < 1) throw new Error(`Fault every must be a whole number of calls from 1, got ${String(fault.every)}`);
		const fraction = fault.lockRowFraction;
		if (fraction !== undefined && !(fraction > 0 && fraction <= 1)) {
			throw new Error(`Fault lockRowFraction must be a share above 0 and at most 1, got ${String(fraction)}`);
		}
		if (fault.restart !== undefined && !(fault.restart.downMs >= 0)) {
			throw new Error(`Fault restart.downMs must be a number of milliseconds, got ${String(fault.restart.downMs)}`);
		}
		const random = fraction === undefined ? undefined : seededRandom(fault.seed ?? 1);
		this.active.push({ fault, waiting: after, remaining: times, sinceApplied: 0, random });
	}

	clear(): void {
		this.active = [];
	}

	stats(): FaultStats {
		return { ...this.counts };
	}

	/** Counted by the server, which does the restarting (a restart() call is one too). */
	countRestart(): void {
		this.counts.restarts += 1;
	}

	/** The faults this request triggers; each one used is spent once. */
	take(method: string, path: string): FaultPlan {
		const plan: FaultPlan = { latencyMs: 0, expireToken: false, revokeTokens: false };
		for (const entry of this.active) {
			if (!matches(entry.fault, method, path)) continue;
			if (entry.waiting > 0) {
				entry.waiting -= 1;
				continue;
			}
			entry.sinceApplied += 1;
			if (entry.sinceApplied < (entry.fault.every ?? 1)) continue;
			entry.sinceApplied = 0;
			entry.remaining -= 1;
			this.counts.applied += 1;
			const { fault } = entry;
			plan.latencyMs += fault.latencyMs ?? 0;
			plan.expireToken ||= fault.expireToken === true;
			plan.revokeTokens ||= fault.revokeTokens === true;
			plan.drop ??= fault.drop;
			plan.errorCode ??= fault.errorCode;
			plan.restartDownMs ??= fault.restart?.downMs;
			if (entry.random !== undefined && plan.lockRecord === undefined) plan.lockRecord = this.lockDraw(entry.random, fault.lockRowFraction as number);
			if (fault.status !== undefined && plan.answer === undefined) {
				plan.answer = { status: fault.status, body: fault.body, contentType: fault.contentType, headers: fault.headers };
			}
		}
		this.active = this.active.filter((entry) => entry.remaining > 0);
		return plan;
	}

	private lockDraw(random: Random, fraction: number): () => boolean {
		return () => {
			const locked = random() < fraction;
			if (locked) this.counts.lockedRecords += 1;
			return locked;
		};
	}
}

function matches(fault: Fault, method: string, path: string): boolean {
	if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
	if (fault.path === undefined) return true;
	if (fault.path instanceof RegExp) return fault.path.test(path);
	return path === fault.path || path.endsWith(fault.path);
}

/** The answer of a status fault: its own body, or what Salesforce sends with that status, and its own headers. */
export function faultReply(answer: NonNullable<FaultPlan['answer']>): Reply {
	const reply = faultBody(answer);
	Object.assign(reply.headers, answer.headers);
	return reply;
}

function faultBody(answer: NonNullable<FaultPlan['answer']>): Reply {
	const status = answer.status ?? 500;
	if (answer.body === undefined) return defaultErrorReply(status);
	if (typeof answer.body === 'string') {
		const looksLikeHtml = answer.body.trimStart().startsWith('<');
		const contentType = answer.contentType ?? (looksLikeHtml ? 'text/html;charset=UTF-8' : 'text/plain;charset=UTF-8');
		return { status, headers: { 'Content-Type': contentType }, body: answer.body };
	}
	return { status, headers: { 'Content-Type': answer.contentType ?? JSON_TYPE }, body: JSON.stringify(answer.body) };
}

/** Salesforce answers 5xx from its front end as HTML pages, and API errors as a JSON array. */
function defaultErrorReply(status: number): Reply {
	if (status >= 500) {
		const title = status === 503 ? 'Service Unavailable' : status === 500 ? 'An internal server error has occurred' : 'Error';
		return htmlReply(status, errorPageHtml(status, title));
	}
	return jsonReply(status, [{ message: `Emulated fault: HTTP ${status}`, errorCode: 'UNKNOWN_EXCEPTION' }]);
}

function errorPageHtml(status: number, title: string): string {
	return [
		'<!DOCTYPE html>',
		`<html><head><title>${title}</title></head>`,
		'<body><table><tr><td>',
		`<h2>${title}</h2>`,
		'<p>An error has occurred while processing your request. The salesforce.com support team has been notified of the problem.</p>',
		`<p>Error ID: ${status}-emulator</p>`,
		'</td></tr></table></body></html>',
	].join('\n');
}
