/**
 * What holds when one credential id stands for several tenants (orgs, or users of one org): every
 * lead in its own tenant, once, with that tenant's id, and every call carrying its own tenant's
 * token, as the emulators saw it (each records whom it issued the token of every call to). An item's
 * tenant is what its execution's credential resolved (protocol.ts); items are told apart by their
 * LastName, unique to each.
 */
import type { RecordedRequest } from '../../emulator';
import type { ItemOutcome } from './protocol';
import { CREATE, DATA, type ExtraCheck, type RunFacts } from './scenario';

const dataCalls = (requests: RecordedRequest[]) => requests.filter((request) => DATA.test(request.path));
const isCreate = (request: RecordedRequest) => request.method === 'POST' && request.path.endsWith(CREATE);
const describes = (requests: RecordedRequest[]) => requests.filter((request) => request.path.endsWith('/describe')).length;

function lastNamesOf(create: RecordedRequest): string[] {
	const records = (create.body as { records?: Array<{ LastName?: unknown }> } | undefined)?.records ?? [];
	return records.map((record) => String(record.LastName));
}

/** Each item's outcome by the LastName it sent. */
const byLastName = (outcomes: ItemOutcome[]) => new Map(outcomes.flatMap((outcome) => (outcome.lastName === undefined ? [] : [[outcome.lastName, outcome] as const])));

/** "org 1 second.user": the org and the part of the username before `@`. */
export function tenantLabel({ tenants }: RunFacts, tenant: number): string {
	return `org ${tenants[tenant].org} ${tenants[tenant].username.split('@')[0]}`;
}

/** Every lead is in its item's tenant's org and was created by that tenant's user. */
function inOwnTenantOnly(facts: RunFacts): string | undefined {
	const items = byLastName(facts.outcomes);
	const problems = facts.orgs.flatMap((org, index) => {
		const tenants = org.leads.flatMap((lead) => {
			const item = items.get(String(lead.fields.LastName));
			return item === undefined ? [] : [{ lead, tenant: facts.tenants[item.tenant] }];
		});
		const misplaced = tenants.filter(({ tenant }) => tenant.org !== index).length;
		const otherUser = tenants.filter(({ lead, tenant }) => tenant.org === index && lead.fields.CreatedById !== tenant.userId).length;
		if (misplaced + otherUser === 0) return [];
		return [`org ${index} holds ${misplaced} leads of another org's items and ${otherUser} created by another user than their item's`];
	});
	return problems.length === 0 ? undefined : problems.join('; ');
}

/** Every item reporting success reported the id of the lead its key is on in its tenant's org. */
function idsOfOwnTenant({ orgs, outcomes }: RunFacts): string | undefined {
	const saved = outcomes.filter((outcome) => outcome.kind === 'created');
	const wrong = saved.filter((outcome) => !orgs[outcome.org].leads.some((lead) => lead.key === outcome.key && lead.id === outcome.id));
	if (wrong.length === 0) return undefined;
	return `${wrong.length} of ${saved.length} items reported an id that is not their lead's in their org, e.g. ${wrong.slice(0, 3).map((outcome) => `${outcome.key}: ${outcome.id}`).join(', ')}`;
}

/**
 * Each org saw on every API call a token it issued, that worked; and each create carried records of
 * the token's own tenant only (the user it was issued to, in this org).
 */
function ownTokensOnly(facts: RunFacts): string | undefined {
	const items = byLastName(facts.outcomes);
	const ownRecord = (org: number, user: string | undefined) => (lastName: string) => {
		const item = items.get(lastName);
		return item !== undefined && facts.tenants[item.tenant].org === org && facts.tenants[item.tenant].userId === user;
	};
	const problems = facts.orgs.flatMap((org, index) => {
		const calls = dataCalls(org.requests);
		const foreign = calls.filter((call) => call.tokenIssuedTo === undefined).length;
		const refused = calls.filter((call) => call.status === 401).length;
		const mixed = calls.filter((call) => isCreate(call) && call.tokenIssuedTo !== undefined && !lastNamesOf(call).every(ownRecord(index, call.tokenIssuedTo))).length;
		if (foreign + refused + mixed === 0) return [];
		return [`org ${index}: of ${calls.length} calls, ${foreign} carried a token it never issued (another org's, or none), ${refused} were answered 401, ${mixed} creates carried records of another tenant than the token's`];
	});
	return problems.length === 0 ? undefined : problems.join('; ');
}

export const TENANT_CHECKS: ExtraCheck[] = [
	{ name: "every lead is stored in its own tenant only: its item's org, created by its item's user", failure: inOwnTenantOnly },
	{ name: "every item's id is its lead's id in its own org", failure: idsOfOwnTenant },
	{ name: "every API call carried a token its org issued, and worked (no 401); each create carried only records of the token's own tenant", failure: ownTokensOnly },
];

/** Creates that carried leads of more than one execution (group commit at work), and creates in all. */
export function combinedCreates({ orgs, outcomes }: RunFacts): { combined: number; creates: number } {
	const items = byLastName(outcomes);
	const creates = orgs.flatMap((org) => org.requests.filter((request) => isCreate(request) && request.status === 200));
	const combined = creates.filter((request) => new Set(lastNamesOf(request).map((lastName) => items.get(lastName)?.execution)).size > 1).length;
	return { combined, creates: creates.length };
}

/** Per tenant: the creates and describes its token carried. */
export function callsByTenant(facts: RunFacts): string {
	return facts.tenants
		.map(({ org, userId }, tenant) => {
			const own = facts.orgs[org].requests.filter((request) => request.tokenIssuedTo === userId);
			return `${tenantLabel(facts, tenant)}: ${own.filter(isCreate).length} creates, ${describes(own)} describes`;
		})
		.join('; ');
}

/** Group commit at work, and every tenant's token carrying creates. */
export function groupCommitEvidence(facts: RunFacts) {
	const { combined, creates } = combinedCreates(facts);
	const everyTenant = facts.tenants.every(({ org, userId }) => facts.orgs[org].requests.some((request) => isCreate(request) && request.tokenIssuedTo === userId));
	return { count: everyTenant ? combined : 0, text: `${combined} of ${creates} creates carried leads of several executions (${callsByTenant(facts)})` };
}

/**
 * Executions on both sides of the reconnection, and running across it; of those, how many read the
 * credential on both sides (n8n reads it again to sign each call: what a node cannot avoid).
 */
export function reconnectionEvidence(facts: RunFacts) {
	const at = facts.reconnectedAt;
	if (at === undefined) return { count: 0, text: 'the credential was never reconnected' };
	const before = facts.executions.filter((timing) => timing.finishedAt < at).length;
	const after = facts.executions.filter((timing) => timing.startedAt >= at).length;
	const across = facts.executions.filter((timing) => timing.startedAt < at && timing.finishedAt >= at);
	const readBoth = across.filter((timing) => timing.readTenants.length > 1).length;
	const text = `${before} executions finished before the reconnection, ${after} started after it, ${across.length} ran across it (${readBoth} of them read the credential on both sides); ${callsByTenant(facts)}`;
	return { count: before > 0 && after > 0 ? across.length : 0, text };
}
