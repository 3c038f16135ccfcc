/**
 * One n8n credential id standing for several tenants: two orgs, or two users of one org (n8n's
 * resolvable credentials), or reconnected to another org or user while executions run. Executions
 * are several at once and small, creates answering after 150 ms so that concurrent ones are combined
 * (group commit), with the node's describe cache and API budget on. Every lead must land in its own
 * tenant, once, reported with that org's id, and each tenant's calls must carry its own token only
 * (tenant-checks.ts). One scenario posts each execution's leads twice at once in the same org
 * (Create or Update by Email): one lead per Email.
 */
import type { EmulatorHandle } from '../../emulator';
import type { ItemOutcome } from './protocol';
import { CREATE, type RunFacts, type Scenario } from './scenario';
import { callsByTenant, combinedCreates, groupCommitEvidence, reconnectionEvidence, TENANT_CHECKS } from './tenant-checks';

const CREATE_LATENCY_MS = 150;
const SECOND_USER = 'second.user@example.com';

function slowCreates(emulator: EmulatorHandle): void {
	emulator.faults.add({ method: 'POST', path: CREATE, latencyMs: CREATE_LATENCY_MS, times: Infinity });
}

/** Emails posted twice by two executions that ran at once (overlapping in time). */
function postedAtOnce(facts: RunFacts, itemsPerExecution: number): number {
	const byExecution = new Map(facts.executions.map((timing) => [timing.execution, timing]));
	let emails = 0;
	for (const first of facts.executions) {
		const second = first.execution % 2 === 0 ? byExecution.get(first.execution + 1) : undefined;
		if (second !== undefined && first.startedAt < second.finishedAt && second.startedAt < first.finishedAt) emails += itemsPerExecution;
	}
	return emails;
}

/** Each Email's two posts: one created its lead (created: true), the other updated that lead (created: false, same id). */
function onePostCreated({ outcomes }: RunFacts): string | undefined {
	const byKey = new Map<string, ItemOutcome[]>();
	for (const outcome of outcomes) byKey.set(outcome.key, [...(byKey.get(outcome.key) ?? []), outcome]);
	const wrong = [...byKey].filter(([, posts]) => {
		const created = posts.filter((post) => post.kind === 'created' && post.created === true);
		const updated = posts.filter((post) => post.kind === 'created' && post.created === false);
		return posts.length !== 2 || created.length !== 1 || updated.length !== 1 || created[0].id !== updated[0].id;
	});
	if (wrong.length === 0) return undefined;
	const shown = wrong.slice(0, 3).map(([key, posts]) => `${key}: ${posts.map((post) => (post.kind === 'created' ? `${post.id} created: ${String(post.created)}` : (post.errorCode ?? post.kind))).join(' / ')}`);
	return `${wrong.length} of ${byKey.size} Emails, e.g. ${shown.join('; ')}`;
}

const POSTED_TWICE_SHAPE = { executions: 200, itemsPerExecution: 10, batchSize: 10, concurrency: 12 };

const TWO_ORGS = [{ org: 0 }, { org: 1 }];
const TWO_USERS = [{ org: 0 }, { org: 0, user: SECOND_USER }];
/** Small executions, 10 at once: each create waits 150 ms, long enough for others to join it. */
const SMALL_AT_ONCE = { executions: 400, itemsPerExecution: 5, batchSize: 5, concurrency: 10 };
/** Half way; a third of a create's wait in, when some executions are waiting to join a create, some awaiting theirs. */
const RECONNECT = { execution: 200, afterMs: 50 };

export const TENANT_SCENARIOS: Scenario[] = [
	{
		name: 'two orgs, one credential id',
		fault: 'one credential id and name, two orgs (two emulators): executions take turns, 10 at once; creates answer after 150 ms; describe cache, group commit and API budget on',
		items: 'leads',
		tenants: TWO_ORGS,
		shape: SMALL_AT_ONCE,
		arrange: slowCreates,
		evidence: groupCommitEvidence,
		minimumEvidence: 20,
		extraChecks: TENANT_CHECKS,
	},
	{
		name: 'two orgs, each Email posted twice at once',
		fault: 'as above, Create or Update by Email: each execution of 10 leads posted again at once in the same org, Email in capitals; 12 at once',
		items: 'leads',
		operation: 'upsertByEmail',
		postedTwice: true,
		tenants: TWO_ORGS,
		shape: POSTED_TWICE_SHAPE,
		arrange: slowCreates,
		evidence: (facts) => {
			const emails = postedAtOnce(facts, POSTED_TWICE_SHAPE.itemsPerExecution);
			const { combined, creates } = combinedCreates(facts);
			return { count: emails, text: `${emails} of 1000 Emails posted twice by executions running at once; ${combined} of ${creates} creates carried leads of several executions (${callsByTenant(facts)})` };
		},
		minimumEvidence: 500,
		extraChecks: [{ name: 'each Email posted twice made one lead: one post created it, the other updated it (same id)', failure: onePostCreated }, ...TENANT_CHECKS],
	},
	{
		name: 'two users of one org, one credential id',
		fault: `one credential id and name connected as two users of one org (one emulator): executions take turns between the default user and ${SECOND_USER}, 10 at once; creates answer after 150 ms; caches and group commit on`,
		items: 'leads',
		tenants: TWO_USERS,
		shape: SMALL_AT_ONCE,
		arrange: slowCreates,
		evidence: groupCommitEvidence,
		minimumEvidence: 20,
		extraChecks: TENANT_CHECKS,
	},
	{
		name: 'credential reconnected to another org half way',
		fault: `the credential (same id) is reconnected from org 0 to org 1 ${RECONNECT.afterMs} ms after execution ${RECONNECT.execution} starts, the executions started before still running, 10 at once; creates answer after 150 ms; caches and group commit on`,
		items: 'leads',
		tenants: TWO_ORGS,
		reconnect: RECONNECT,
		shape: SMALL_AT_ONCE,
		arrange: slowCreates,
		evidence: reconnectionEvidence,
		minimumEvidence: 5,
		extraChecks: TENANT_CHECKS,
	},
	{
		name: 'credential reconnected to another user half way',
		fault: `as above, reconnected from the org's default user to ${SECOND_USER} of the same org (one emulator)`,
		items: 'leads',
		tenants: TWO_USERS,
		reconnect: RECONNECT,
		shape: SMALL_AT_ONCE,
		arrange: slowCreates,
		evidence: reconnectionEvidence,
		minimumEvidence: 5,
		extraChecks: TENANT_CHECKS,
	},
];
