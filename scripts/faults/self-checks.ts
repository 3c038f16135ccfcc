/**
 * The runner's own instruments, checked on planted evidence before they are trusted with a verdict:
 * a reconciliation that never sees a duplicate, or a scan that never finds a token, proves nothing.
 */
import type { ItemOutcome } from './protocol';
import { reconcile, type StoredLead, type Tally } from './reconcile';
import { SecretScanner } from './secrets';
import type { Check } from './table';

const RUNNER = 'runner';

function plantedTokensFound(): string | undefined {
	const scanner = new SecretScanner();
	const accessToken = '00DEm0000000001!AQ8AQ-planted-access-token-secret-part';
	const refreshToken = '5Aep861planted/refresh+token==';
	scanner.addCredential({ id: 'c', name: 'c', type: 't', data: { clientSecret: 'planted-client-secret', oauthTokenData: { access_token: accessToken } } });
	scanner.addTokenData({ refresh_token: refreshToken });
	const text = `Bearer …${accessToken.split('!')[1]}… refresh_token=${encodeURIComponent(refreshToken)} secret planted-client-secret`;
	const found = scanner.found(text).sort().join(', ');
	return found === 'access token, client secret, refresh token' ? undefined : `found only: ${found || 'nothing'}`;
}

const item = (key: string, kind: ItemOutcome['kind'], id?: string, created?: boolean): ItemOutcome => ({ key, valid: true, execution: 0, tenant: 0, org: 0, kind, id, created, outputChars: 0 });
const lead = (key: string, id: string, lastName = key): StoredLead => ({ key, id, fields: { Id: id, LastName: lastName } });

/** What was counted, against what was planted: undefined when they agree. */
function counted(tally: Tally, expected: Partial<Record<keyof Tally, number>>): string | undefined {
	const seen = Object.fromEntries(Object.keys(expected).map((name) => [name, tally[name as keyof Tally]]));
	return JSON.stringify(seen) === JSON.stringify(expected) ? undefined : `counted ${JSON.stringify(seen)}, planted ${JSON.stringify(expected)}`;
}

function plantedProblemsReconciled(): string | undefined {
	const outcomes = [item('twice', 'created', 'id1'), item('missing', 'created', 'id3'), item('unknown', 'unknown'), item('failed', 'failed')];
	const records = [lead('twice', 'id1'), lead('twice', 'id2'), lead('unknown', 'id4'), lead('failed', 'id5'), lead('nobody', 'id6')];
	// "missing" reported a record that is not there; "failed" has one; "nobody" is no item's.
	return counted(reconcile(outcomes, records, 'LastName'), { storedTwice: 1, lost: 3, outcomeUnknown: 1, failed: 1 });
}

/** Create or Update against Leads that were there: an update is saved once; a second lead, or a Lead changed or gone unreported, is not. */
function plantedUpdatesReconciled(): string | undefined {
	const before = [lead('updated', 'id1', 'Old'), lead('duplicated', 'id2', 'Old'), lead('overwritten', 'id3', 'Old'), lead('gone', 'id4', 'Old'), lead('kept', 'id5', 'Old')];
	const outcomes = [
		item('updated', 'created', 'id1', false),
		item('duplicated', 'created', 'id6', true),
		item('overwritten', 'failed'),
		item('gone', 'failed'),
		item('kept', 'failed'),
	];
	const records = [lead('updated', 'id1', 'New'), lead('duplicated', 'id2', 'Old'), lead('duplicated', 'id6', 'New'), lead('overwritten', 'id3', 'New'), lead('kept', 'id5', 'Old')];
	return counted(reconcile(outcomes, records, 'Email', before), { updated: 1, storedTwice: 1, lost: 2, overwritten: 2, failed: 3 });
}

export function selfChecks(): Check[] {
	return [
		{ scenario: RUNNER, name: 'the secret scan finds planted tokens (also URL-encoded or without the org id) and a client secret', failure: plantedTokensFound() },
		{ scenario: RUNNER, name: 'the reconciliation counts planted duplicates, losses and unknown outcomes', failure: plantedProblemsReconciled() },
		{ scenario: RUNNER, name: 'the reconciliation counts a planted update once, and a planted second lead or overwritten lead as such', failure: plantedUpdatesReconciled() },
	];
}
