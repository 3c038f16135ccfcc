/**
 * The runner's own instruments, checked on planted evidence before they are trusted with a verdict:
 * a reconciliation that never sees a duplicate, or a scan that never finds a token, proves nothing.
 */
import type { ItemOutcome } from './protocol';
import { reconcile } from './reconcile';
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

function plantedProblemsReconciled(): string | undefined {
	const item = (key: string, kind: ItemOutcome['kind'], id?: string): ItemOutcome => ({ key, valid: true, kind, id, outputChars: 0 });
	const outcomes = [item('twice', 'created', 'id1'), item('missing', 'created', 'id3'), item('unknown', 'unknown'), item('failed', 'failed')];
	const records = [
		{ Id: 'id1', LastName: 'twice' },
		{ Id: 'id2', LastName: 'twice' },
		{ Id: 'id4', LastName: 'unknown' },
		{ Id: 'id5', LastName: 'failed' },
		{ Id: 'id6', LastName: 'nobody' },
	];
	const tally = reconcile(outcomes, records, 'LastName');
	// "missing" reported a record that is not there; "failed" has one; "nobody" is no item's.
	const expected = { storedTwice: 1, lost: 3, outcomeUnknown: 1, failed: 1 };
	const seen = { storedTwice: tally.storedTwice, lost: tally.lost, outcomeUnknown: tally.outcomeUnknown, failed: tally.failed };
	return JSON.stringify(seen) === JSON.stringify(expected) ? undefined : `counted ${JSON.stringify(seen)}, planted ${JSON.stringify(expected)}`;
}

export function selfChecks(): Check[] {
	return [
		{ scenario: RUNNER, name: 'the secret scan finds planted tokens (also URL-encoded or without the org id) and a client secret', failure: plantedTokensFound() },
		{ scenario: RUNNER, name: 'the reconciliation counts planted duplicates, losses and unknown outcomes', failure: plantedProblemsReconciled() },
	];
}
