/**
 * One n8n credential id standing for two orgs (n8n's resolvable credentials, or a credential
 * reconnected to another org while executions run): executions take turns between two emulators,
 * several at once and small, creates answering after 150 ms so that concurrent ones are combined
 * (group commit), with the node's describe cache and API budget on. Every lead must land in its own
 * org, once, reported with that org's id, and each org must only ever see its own token. The second
 * scenario posts each execution's leads twice at once in the same org (Create or Update by Email): one
 * lead per Email.
 */
import type { EmulatorHandle, RecordedRequest } from '../../emulator';
import type { ItemOutcome } from './protocol';
import { CREATE, DATA, type ExtraCheck, type RunFacts, type Scenario } from './scenario';

const CREATE_LATENCY_MS = 150;

function slowCreates(emulator: EmulatorHandle): void {
	emulator.faults.add({ method: 'POST', path: CREATE, latencyMs: CREATE_LATENCY_MS, times: Infinity });
}

const dataCalls = (requests: RecordedRequest[]) => requests.filter((request) => DATA.test(request.path));
const bearers = (tokens: string[]) => new Set(tokens.map((token) => `Bearer ${token}`));

/** Each org saw, on every API call, its own credential's token, never another org's; none was refused. */
function ownTokensOnly({ orgs }: RunFacts): string | undefined {
	const problems = orgs.flatMap((org, index) => {
		const own = bearers(org.accessTokens);
		const others = bearers(orgs.flatMap((other, otherIndex) => (otherIndex === index ? [] : other.accessTokens)));
		const calls = dataCalls(org.requests);
		const foreign = calls.filter((call) => others.has(call.headers.authorization ?? '')).length;
		const strange = calls.filter((call) => !own.has(call.headers.authorization ?? '') && !others.has(call.headers.authorization ?? '')).length;
		const refused = calls.filter((call) => call.status === 401).length;
		if (foreign + strange + refused === 0) return [];
		return [`org ${index}: of ${calls.length} calls, ${foreign} carried another org's token, ${strange} a token no credential of the run had, ${refused} were answered 401`];
	});
	return problems.length === 0 ? undefined : problems.join('; ');
}

/** No org holds a lead of an item of another org. */
function inOwnOrgOnly({ orgs, outcomes }: RunFacts): string | undefined {
	const orgOfLastName = new Map(outcomes.map((outcome) => [outcome.lastName, outcome.org]));
	const misplaced = orgs.map((org, index) => org.leads.filter((lead) => (orgOfLastName.get(String(lead.fields.LastName)) ?? index) !== index).length);
	if (misplaced.every((count) => count === 0)) return undefined;
	return misplaced.map((count, index) => `org ${index} holds ${count} leads of the other org's items`).join(', ');
}

/** Every item reporting success reported the id of the lead its key is on in its own org. */
function idsOfOwnOrg({ orgs, outcomes }: RunFacts): string | undefined {
	const saved = outcomes.filter((outcome) => outcome.kind === 'created');
	const wrong = saved.filter((outcome) => !orgs[outcome.org].leads.some((lead) => lead.key === outcome.key && lead.id === outcome.id));
	if (wrong.length === 0) return undefined;
	return `${wrong.length} of ${saved.length} items reported an id that is not their lead's in their org, e.g. ${wrong.slice(0, 3).map((outcome) => `${outcome.key}: ${outcome.id}`).join(', ')}`;
}

const TENANT_CHECKS: ExtraCheck[] = [
	{ name: 'every lead is stored in its own org only', failure: inOwnOrgOnly },
	{ name: "every item's id is its lead's id in its own org", failure: idsOfOwnOrg },
	{ name: "each org saw only its own credential's token, on every API call", failure: ownTokensOnly },
];

/** Creates that carried leads of more than one execution (group commit at work), and creates in all. */
function combinedCreates({ orgs, outcomes }: RunFacts): { combined: number; creates: number } {
	const executionOf = new Map(outcomes.map((outcome) => [outcome.lastName, outcome.execution]));
	const creates = orgs.flatMap((org) => org.requests.filter((request) => request.method === 'POST' && request.path.endsWith(CREATE) && request.status === 200));
	const combined = creates.filter((request) => {
		const records = (request.body as { records?: Array<{ LastName?: unknown }> } | undefined)?.records ?? [];
		return new Set(records.map((record) => executionOf.get(String(record.LastName)))).size > 1;
	}).length;
	return { combined, creates: creates.length };
}

/** Per org: its creates and describes. */
function callsByOrg({ orgs }: RunFacts): string {
	return orgs
		.map((org, index) => {
			const creates = org.requests.filter((request) => request.method === 'POST' && request.path.endsWith(CREATE)).length;
			const describes = org.requests.filter((request) => request.path.endsWith('/describe')).length;
			return `org ${index}: ${creates} creates, ${describes} describes`;
		})
		.join('; ');
}

function twoOrgsEvidence(facts: RunFacts) {
	const { combined, creates } = combinedCreates(facts);
	return { count: combined, text: `${combined} of ${creates} creates carried leads of several executions (${callsByOrg(facts)})` };
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

export const TENANT_SCENARIOS: Scenario[] = [
	{
		name: 'two orgs, one credential id',
		fault: 'one credential id and name, two orgs (two emulators): executions take turns, 10 at once; creates answer after 150 ms; describe cache, group commit and API budget on',
		items: 'leads',
		orgs: 2,
		shape: { executions: 400, itemsPerExecution: 5, batchSize: 5, concurrency: 10 },
		arrange: slowCreates,
		evidence: twoOrgsEvidence,
		minimumEvidence: 20,
		extraChecks: TENANT_CHECKS,
	},
	{
		name: 'two orgs, each Email posted twice at once',
		fault: 'as above, Create or Update by Email: each execution of 10 leads posted again at once in the same org, Email in capitals; 12 at once',
		items: 'leads',
		operation: 'upsertByEmail',
		postedTwice: true,
		orgs: 2,
		shape: POSTED_TWICE_SHAPE,
		arrange: slowCreates,
		evidence: (facts) => {
			const emails = postedAtOnce(facts, POSTED_TWICE_SHAPE.itemsPerExecution);
			const { combined, creates } = combinedCreates(facts);
			return { count: emails, text: `${emails} of 1000 Emails posted twice by executions running at once; ${combined} of ${creates} creates carried leads of several executions (${callsByOrg(facts)})` };
		},
		minimumEvidence: 500,
		extraChecks: [{ name: 'each Email posted twice made one lead: one post created it, the other updated it (same id)', failure: onePostCreated }, ...TENANT_CHECKS],
	},
];
