/**
 * Create or Update by Email behind a proxy that answers some lookups itself, with 200: its login page,
 * or `{}`. Taken for "no matches", such an answer creates a second lead for every lead that was there;
 * the node must fail those items (INVALID_QUERY_ANSWER) and send nothing of them, and save every other
 * item as its Email says: the lead that was there updated in place, or a new one created.
 */
import type { EmulatorHandle, RecordedRequest } from '../../emulator';
import type { ItemOutcome } from './protocol';
import { plainShape, type RunFacts, type Scenario } from './scenario';
import { emailOf } from './workload';

const QUERY = '/query';
/** Every 5th lookup answers the login page, every 7th `{}` (the login page where both fall). */
const LOGIN_PAGE_EVERY = 5;
const EMPTY_OBJECT_EVERY = 7;
const LOGIN_PAGE = [
	'<!DOCTYPE html>',
	'<html><head><title>Sign in to continue</title></head>',
	'<body><form method="post" action="/proxy/login"><input name="username"><input name="password" type="password"><button>Sign in</button></form></body></html>',
].join('\n');
const LEADS = 2000;

/**
 * The leads there before the run, by the number of the lead posted with that Email: 2 in 5 have an
 * unconverted lead (half of those with the Email in other letter case), 1 in 20 also a converted one,
 * and 1 in 10 only a converted one (Create or Update leaves converted leads alone and creates anew).
 */
function leadsBefore(index: number): Array<{ email: string; converted: boolean }> {
	const email = emailOf(index);
	const leads: Array<{ email: string; converted: boolean }> = [];
	if (index % 5 === 0) leads.push({ email, converted: false });
	if (index % 5 === 1) leads.push({ email: `Lead${index}@Example.COM`, converted: false });
	if (index % 20 === 0 || index % 10 === 2) leads.push({ email, converted: true });
	return leads;
}

function arrange(emulator: EmulatorHandle): void {
	for (let index = 0; index < LEADS; index++) {
		for (const { email, converted } of leadsBefore(index)) {
			emulator.insert('Lead', { FirstName: 'Before', LastName: `Before ${index}${converted ? ' (converted)' : ''}`, Company: 'Before Co', Email: email, IsConverted: converted });
		}
	}
	emulator.faults.add({ method: 'GET', path: QUERY, status: 200, contentType: 'text/html;charset=UTF-8', body: LOGIN_PAGE, every: LOGIN_PAGE_EVERY, times: Infinity });
	emulator.faults.add({ method: 'GET', path: QUERY, status: 200, body: {}, every: EMPTY_OBJECT_EVERY, times: Infinity });
}

type LookupAnswer = 'login page' | 'empty object' | 'query result';

/**
 * What each lookup was answered, as the emulator deals its faults out: the n-th `GET .../query` in
 * order of arrival (the order it records and counts them in) meets every fault whose `every` divides
 * n, and the first one added answers.
 */
export function lookupAnswers(requests: RecordedRequest[]): Array<{ request: RecordedRequest; answer: LookupAnswer }> {
	const lookups = requests.filter((request) => request.method === 'GET' && request.path.endsWith(QUERY));
	return lookups.map((request, position) => {
		const ordinal = position + 1;
		const answer = ordinal % LOGIN_PAGE_EVERY === 0 ? 'login page' : ordinal % EMPTY_OBJECT_EVERY === 0 ? 'empty object' : 'query result';
		return { request, answer };
	});
}

/** How many times the faults applied, as lookupAnswers deals them (a lookup both fall on counts twice). */
const dealtFaults = (lookups: number) => Math.floor(lookups / LOGIN_PAGE_EVERY) + Math.floor(lookups / EMPTY_OBJECT_EVERY);

/** The quoted values of a SOQL query, lower-cased (the Emails of a lookup). */
function quotedValues(soql: string): string[] {
	return [...soql.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((match) => match[1].replace(/\\(.)/g, '$1').toLowerCase());
}

/** The Emails whose lookup met the proxy's answer. */
function emailsMetProxy(requests: RecordedRequest[]): Set<string> {
	const emails = new Set<string>();
	for (const { request, answer } of lookupAnswers(requests)) if (answer !== 'query result') for (const email of quotedValues(request.query.q ?? '')) emails.add(email);
	return emails;
}

/** Every LastName a save (POST or PATCH) carried, wherever in its body. */
function lastNamesSent(requests: RecordedRequest[]): Set<string> {
	const names = new Set<string>();
	const walk = (value: unknown): void => {
		if (Array.isArray(value)) value.forEach(walk);
		else if (typeof value === 'object' && value !== null) {
			for (const [field, entry] of Object.entries(value)) {
				if (field === 'LastName' && typeof entry === 'string') names.add(entry);
				else walk(entry);
			}
		}
	};
	for (const request of requests) if (request.method === 'POST' || request.method === 'PATCH') walk(request.body);
	return names;
}

/** The unconverted lead each Email had before the run. */
function unconvertedBefore({ orgs }: RunFacts): Map<string, Record<string, unknown>> {
	return new Map(orgs[0].before.filter((lead) => lead.IsConverted !== true).map((lead) => [String(lead.Email).toLowerCase(), lead]));
}

function proxyEvidence(facts: RunFacts) {
	const answers = lookupAnswers(facts.requests);
	const count = (answer: LookupAnswer) => answers.filter((entry) => entry.answer === answer).length;
	const applied = facts.emulator.faults.stats().applied;
	const met = emailsMetProxy(facts.requests);
	const withLead = [...met].filter((email) => unconvertedBefore(facts).has(email)).length;
	const text = `${count('login page')} lookups answered the login page, ${count('empty object')} {}; ${met.size} items' lookups met them, ${withLead} of them with a lead already`;
	// Dealt otherwise than the emulator counted: the runner cannot tell which items met the proxy.
	if (dealtFaults(answers.length) !== applied) return { count: 0, text: `${text}; but the emulator applied ${applied} faults, not ${dealtFaults(answers.length)}` };
	return { count: withLead, text };
}

function failedUnsent(facts: RunFacts): string | undefined {
	const met = emailsMetProxy(facts.requests);
	const sent = lastNamesSent(facts.requests);
	const items = facts.outcomes.filter((outcome) => met.has(outcome.key));
	const notFailed = items.filter((outcome) => outcome.kind !== 'failed' || outcome.errorCode !== 'INVALID_QUERY_ANSWER');
	const wasSent = items.filter((outcome) => sent.has(outcome.lastName ?? ''));
	if (notFailed.length === 0 && wasSent.length === 0) return undefined;
	const how = [...new Set(notFailed.map((outcome) => (outcome.kind === 'created' ? `created: ${String(outcome.created)}` : (outcome.errorCode ?? outcome.kind))))].join(', ');
	return `of ${items.length} items, ${notFailed.length} did not fail with INVALID_QUERY_ANSWER (${how || 'none'}), ${wasSent.length} were sent`;
}

/** What is wrong with how an item whose lookup got a query result was saved, if anything. */
function savedAsKeySays(outcome: ItemOutcome, leadBefore: Record<string, unknown> | undefined, records: Map<string, Record<string, unknown>>, idsBefore: Set<string>): string | undefined {
	if (outcome.kind !== 'created') return outcome.kind === 'failed' ? `failed ${outcome.errorCode}` : outcome.kind;
	const record = records.get(outcome.id as string);
	if (record?.LastName !== outcome.lastName) return 'its record does not hold its values';
	if (leadBefore !== undefined) return outcome.created === false && outcome.id === leadBefore.Id ? undefined : 'did not update the lead its Email had';
	return outcome.created === true && !idsBefore.has(outcome.id as string) ? undefined : 'was not created';
}

function savedAsKeysSay(facts: RunFacts): string | undefined {
	const met = emailsMetProxy(facts.requests);
	const before = unconvertedBefore(facts);
	const idsBefore = new Set(facts.orgs[0].before.map((lead) => String(lead.Id)));
	const records = new Map(facts.emulator.records('Lead').map((lead) => [String(lead.Id), lead]));
	const wrong = new Map<string, number>();
	let checked = 0;
	for (const outcome of facts.outcomes) {
		if (met.has(outcome.key)) continue;
		checked += 1;
		const why = savedAsKeySays(outcome, before.get(outcome.key), records, idsBefore);
		if (why !== undefined) wrong.set(why, (wrong.get(why) ?? 0) + 1);
	}
	if (wrong.size === 0) return undefined;
	return `of ${checked} items: ${[...wrong].map(([why, count]) => `${count} ${why}`).join(', ')}`;
}

export const LOOKUP_SCENARIOS: Scenario[] = [
	{
		name: 'proxy page answers lookups',
		fault: 'Create or Update by Email; 40% of the Emails have a lead already (half in other letter case), 10% only a converted one; every 5th lookup (GET /query) answers 200 with a login page, every 7th 200 {}',
		items: 'leads',
		operation: 'upsertByEmail',
		// One lookup per execution: 100 lookups, 20 login pages and 12 {}.
		shape: plainShape(20, 20, 2),
		arrange,
		evidence: proxyEvidence,
		minimumEvidence: 100,
		extraChecks: [
			{ name: 'every item whose lookup met the login page or {} failed with INVALID_QUERY_ANSWER, and nothing of it was sent', failure: failedUnsent },
			{
				name: 'every other item was saved as its Email says: the lead that was there updated (created: false, its id), or a new one created',
				failure: savedAsKeysSay,
			},
		],
	},
];
