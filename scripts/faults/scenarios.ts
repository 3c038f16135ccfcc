/**
 * The fault scenarios: what goes wrong, how the run is shaped so that it goes wrong several times,
 * and how the runner sees that it did. Every scenario sends its items with Continue On Fail on,
 * against a fresh emulator per org: these through Lead → Create; Create or Update and several orgs
 * in lookup-scenarios.ts and tenant-scenarios.ts.
 */
import type { EmulatorHandle, RecordedRequest } from '../../emulator';
import { LOOKUP_SCENARIOS } from './lookup-scenarios';
import { answered, CREATE, DATA, itemsWith, plainShape, type Scenario } from './scenario';
import { TENANT_SCENARIOS } from './tenant-scenarios';

const refreshes = (requests: RecordedRequest[], status: number) =>
	requests.filter((request) => request.path === '/services/oauth2/token' && request.status === status).length;

/** Bursts of `length` consecutive matching calls, one burst every `every` calls: one fault per position in the burst. */
function burstFaults(emulator: EmulatorHandle, length: number, every: number, status: number): void {
	for (let position = 0; position < length; position++) {
		emulator.faults.add({ path: DATA, status, after: position, every, times: Infinity });
	}
}

const CREATE_SCENARIOS: Scenario[] = [
	{
		name: 'token expiry every 300 calls',
		fault: 'the access token of every 300th API call is expired (401); n8n refreshes it',
		items: 'leads',
		// One record per call: 2,000 creates + 100 describes = 2,100 calls, 7 expiries.
		shape: plainShape(20, 1),
		arrange: (emulator) => emulator.faults.add({ path: DATA, expireToken: true, every: 300, times: Infinity }),
		evidence: ({ requests }) => ({
			count: answered(requests, 401),
			text: `${answered(requests, 401)} calls answered 401, ${refreshes(requests, 200)} refreshes`,
		}),
		minimumEvidence: 5,
	},
	{
		name: 'bursts of 503',
		fault: '3 consecutive API calls answer 503 (HTML page), every 40 calls',
		items: 'leads',
		// 40 describes + 200 creates = 240 calls, 6 bursts, two executions at a time.
		shape: plainShape(50, 10, 2),
		arrange: (emulator) => burstFaults(emulator, 3, 40, 503),
		evidence: ({ requests }) => ({ count: answered(requests, 503), text: `${answered(requests, 503)} calls answered 503` }),
		minimumEvidence: 10,
	},
	{
		name: 'HTML 500 page',
		fault: "every 15th API call answers 500 with Salesforce's HTML error page",
		items: 'leads',
		shape: plainShape(100, 20),
		arrange: (emulator) => emulator.faults.add({ path: DATA, status: 500, every: 15, times: Infinity }),
		evidence: ({ requests }) => ({ count: answered(requests, 500), text: `${answered(requests, 500)} calls answered 500` }),
		minimumEvidence: 5,
	},
	{
		name: 'dropped before stored',
		fault: 'every 12th create: connection dropped before anything is stored',
		items: 'leads',
		shape: plainShape(100, 20),
		arrange: (emulator) => emulator.faults.add({ method: 'POST', path: CREATE, drop: 'before', every: 12, times: Infinity }),
		evidence: ({ requests }) => ({ count: answered(requests, 0, CREATE), text: `${answered(requests, 0, CREATE)} creates dropped unanswered` }),
		minimumEvidence: 5,
	},
	{
		name: 'dropped after stored',
		fault: 'every 12th create: records stored, then the connection dropped unanswered',
		items: 'leads',
		shape: plainShape(100, 20),
		arrange: (emulator) => emulator.faults.add({ method: 'POST', path: CREATE, drop: 'after', every: 12, times: Infinity }),
		evidence: ({ requests }) => ({ count: answered(requests, 0, CREATE), text: `${answered(requests, 0, CREATE)} creates stored, then dropped` }),
		minimumEvidence: 5,
	},
	{
		name: 'answer slower than timeout',
		fault: 'every 10th create answers after 3 s (stored first); Lead → Create timeout option 2 s',
		items: 'leads',
		shape: { ...plainShape(100, 25, 2), timeoutS: 2 },
		arrange: (emulator) => emulator.faults.add({ method: 'POST', path: CREATE, latencyMs: 3000, every: 10, times: Infinity }),
		evidence: ({ emulator }) => ({ count: emulator.faults.stats().applied, text: `${emulator.faults.stats().applied} creates answered after 3 s` }),
		minimumEvidence: 4,
		extraChecks: [
			{
				name: 'the node gave up on the slow answers at its 2 s timeout (their items OUTCOME_UNKNOWN)',
				failure: ({ outcomes }) => {
					const unknown = itemsWith(outcomes, 'unknown');
					return unknown >= 25 ? undefined : `${unknown} items reported OUTCOME_UNKNOWN: the node waited for every slow answer`;
				},
			},
		],
	},
	{
		name: 'UNABLE_TO_LOCK_ROW on 5%',
		fault: '5% of the records of each create refused for row lock contention (seeded), not stored',
		items: 'leads',
		// Each execution waits 1 s + 3 s for its resends: five at a time keeps that to seconds.
		shape: plainShape(200, 100, 5),
		arrange: (emulator) => emulator.faults.add({ method: 'POST', path: CREATE, lockRowFraction: 0.05, seed: 2026, times: Infinity }),
		evidence: ({ emulator, outcomes }) => ({
			count: emulator.faults.stats().lockedRecords,
			text: `${emulator.faults.stats().lockedRecords} records locked, ${itemsWith(outcomes, 'failed', 'UNABLE_TO_LOCK_ROW')} still locked after 2 resends`,
		}),
		minimumEvidence: 20,
	},
	{
		name: 'daily limit reached half way',
		fault: 'apiLimit = 110 of the run\'s 220 calls; then 403 REQUEST_LIMIT_EXCEEDED',
		items: 'leads',
		shape: plainShape(100, 10),
		emulatorOptions: { apiLimit: 110 },
		evidence: ({ requests }) => ({ count: answered(requests, 403), text: `${answered(requests, 403)} calls answered 403` }),
		minimumEvidence: 5,
	},
	{
		name: 'refresh token revoked half way',
		fault: 'one ordinary expiry at call 31, then at create 51 access is revoked (invalid_grant)',
		items: 'leads',
		shape: plainShape(100, 20),
		arrange: (emulator) => {
			emulator.faults.add({ path: DATA, expireToken: true, after: 30 });
			emulator.faults.add({ method: 'POST', path: CREATE, revokeTokens: true, after: 50 });
		},
		evidence: ({ requests }) => ({
			count: refreshes(requests, 400),
			text: `${refreshes(requests, 200)} refresh accepted, ${refreshes(requests, 400)} refused (invalid_grant)`,
		}),
		minimumEvidence: 3,
	},
	{
		name: 'emulator restarted half way',
		fault: 'at create 101 the emulator restarts: down 1.5 s (connections refused), same port and data',
		items: 'leads',
		shape: plainShape(100, 10),
		arrange: (emulator) => emulator.faults.add({ method: 'POST', path: CREATE, restart: { downMs: 1500 }, after: 100 }),
		evidence: ({ emulator, outcomes }) => ({
			count: emulator.faults.stats().restarts,
			text: `${emulator.faults.stats().restarts} restart, ${itemsWith(outcomes, 'failed', 'ECONNREFUSED')} items refused while down`,
		}),
		minimumEvidence: 1,
	},
	{
		name: 'hostile items',
		fault: '2,000 seeded hostile items (every field type, up to 1 MB) + 500 valid, Map Automatically',
		items: 'hostile',
		// Small executions: the slowest one shows the worst items' checks, and a freeze costs 10 items.
		shape: { executions: 250, itemsPerExecution: 10, batchSize: 200, concurrency: 1 },
		evidence: ({ outcomes }) => {
			const hostile = outcomes.filter((outcome) => !outcome.valid).length;
			return { count: hostile, text: `${hostile} hostile items, ${outcomes.length - hostile} valid` };
		},
		minimumEvidence: 2000,
		extraChecks: [
			{
				name: 'every valid lead among the hostile items was created',
				failure: ({ outcomes }) => {
					const missed = outcomes.filter((outcome) => outcome.valid && outcome.kind !== 'created');
					if (missed.length === 0) return undefined;
					const codes = [...new Set(missed.map((outcome) => outcome.errorCode ?? outcome.kind))].join(', ');
					return `${missed.length} valid leads not created (${codes}), e.g. ${missed.slice(0, 3).map((outcome) => outcome.key).join(', ')}`;
				},
			},
		],
		budgetMs: 300_000,
	},
];

export const SCENARIOS: Scenario[] = [...CREATE_SCENARIOS, ...LOOKUP_SCENARIOS, ...TENANT_SCENARIOS];
