/**
 * The targets issue 7 sets for this node against n8n's built-in node in the same run. They are
 * reported, not enforced: the benchmark is a measurement (its exit code is about correctness).
 */
import { leadCount, TARGET_VARIANT_ID } from './cases';
import { isClean } from './reconcile';
import type { CaseResult } from './run-case';
import { callsPerLead, wallAndCpuRatios } from './table';

export type Verdict = 'PASS' | 'FAIL' | 'NOT RUN';

export interface TargetCheck {
	verdict: Verdict;
	target: string;
	measured: string;
}

interface Pair {
	ours: CaseResult;
	anchor: CaseResult;
}

interface Target {
	caseId: string;
	target: string;
	check(pair: Pair): { pass: boolean; measured: string };
}

const wall = (result: CaseResult) => result.measurement!.wallMs;
const cpu = (result: CaseResult) => result.measurement!.cpuMs;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Judged on the ratio (with several rounds, the median of the round-by-round ratios: rounds.ts). */
function notAbove(what: 'wall' | 'CPU', measure: (result: CaseResult) => number) {
	return ({ ours, anchor }: Pair) => {
		const value = wallAndCpuRatios(ours, anchor)[what === 'wall' ? 'wall' : 'cpu'];
		const how = ours.paired ? `median of ${ours.paired.rounds.length} rounds' ratios` : 'one run each';
		return {
			pass: value <= 1,
			measured: `${what} ${value.toFixed(3)}x (${how}); medians ${seconds(measure(ours))} vs ${seconds(measure(anchor))}`,
		};
	};
}

function callsPerLeadAtMost(limit: number) {
	return ({ ours }: Pair) => ({ pass: callsPerLead(ours) <= limit, measured: `${callsPerLead(ours).toFixed(4)} calls per lead` });
}

const TARGETS: Target[] = [
	{ caseId: 'a', target: '(a) at most 1.01 API calls per lead', check: callsPerLeadAtMost(1.01) },
	{ caseId: 'a', target: "(a) wall not above the built-in node's", check: notAbove('wall', wall) },
	{ caseId: 'a', target: "(a) CPU not above the built-in node's", check: notAbove('CPU', cpu) },
	{
		caseId: 'b',
		target: '(b) one describe for the burst',
		check: ({ ours }) => ({ pass: ours.calls!.describe <= 1, measured: `${ours.calls!.describe} describe calls` }),
	},
	{ caseId: 'b', target: '(b) at most 0.25 API calls per lead', check: callsPerLeadAtMost(0.25) },
	{ caseId: 'b', target: "(b) wall not above the built-in node's", check: notAbove('wall', wall) },
	{
		caseId: 'c10000',
		target: '(c) 10,000 leads in at most 51 API calls',
		check: ({ ours }) => ({ pass: ours.calls!.total <= 51, measured: `${ours.calls!.total} calls` }),
	},
	{
		caseId: 'c10000',
		target: "(c) 10,000 leads: wall at least 40x below the built-in node's",
		check: ({ ours, anchor }) => ({
			pass: wall(ours) * 40 <= wall(anchor),
			measured: `wall ${seconds(wall(ours))} vs ${seconds(wall(anchor))} (${(wall(anchor) / wall(ours)).toFixed(1)}x below)`,
		}),
	},
];

const measuredOK = (result: CaseResult | undefined): result is CaseResult => result?.measurement !== undefined && result.calls !== undefined;

export function checkTargets(results: CaseResult[]): TargetCheck[] {
	const checks = TARGETS.map(({ caseId, target, check }): TargetCheck => {
		const ofCase = results.filter((result) => result.benchCase.id === caseId);
		const ours = ofCase.find((result) => result.variant.id === TARGET_VARIANT_ID);
		const anchor = ofCase.find((result) => result.variant.anchor);
		if (!measuredOK(ours) || !measuredOK(anchor)) return { verdict: 'NOT RUN', target, measured: '' };
		const { pass, measured } = check({ ours, anchor });
		return { verdict: pass ? 'PASS' : 'FAIL', target, measured };
	});
	const unclean = results.filter((result) => !result.reconciliation || !isClean(result.reconciliation, leadCount(result.benchCase)));
	checks.push({
		verdict: results.length === 0 ? 'NOT RUN' : unclean.length === 0 ? 'PASS' : 'FAIL',
		target: 'every lead stored exactly once (every case, both nodes)',
		measured: unclean.length === 0 ? `${results.length} runs reconciled` : `not so in ${unclean.map((result) => `${result.benchCase.id}/${result.variant.id}`).join(', ')}`,
	});
	return checks;
}

export function renderTargets(checks: TargetCheck[]): string {
	const width = Math.max(...checks.map((check) => check.target.length));
	return checks.map(({ verdict, target, measured }) => `${verdict.padEnd(7)}  ${target.padEnd(width)}  ${measured}`.trimEnd()).join('\n');
}
