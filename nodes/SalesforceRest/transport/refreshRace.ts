/**
 * Two n8n processes (queue-mode workers) that meet an expired access token at the same moment both
 * refresh it. n8n 2.41 makes the second wait for the first through a lock, but for 10 s at most;
 * if the first refresh takes longer, the second refreshes with the refresh token it read before,
 * and when the connected app rotates refresh tokens Salesforce has just revoked that one: n8n then
 * says the credential "needs to be reconnected" although the other process is about to store
 * perfectly good tokens.
 *
 * So after that error the node reads the stored credential again for a few seconds: when its access
 * token has changed, another process refreshed it, and the request is sent once more with it. That
 * is safe even for a create: the request was answered 401 and never processed. It may happen again
 * (the token can expire again while the other process is slow), so it goes on as long as each wait
 * finds new tokens; the first wait that finds none ends it for the execution, so that a credential
 * that really was revoked costs one short wait, not one per call.
 */
import { sleep, type IDataObject } from 'n8n-workflow';

import type { SalesforceContext, SalesforceConnection } from './index';
import { CREDENTIAL_TYPE } from './index';

/** Pauses between reads of the stored credential: the other refresh has had 10 s already. */
const WAITS_MS = [1000, 2000] as const;

export function accessTokenOf(credentials: IDataObject): string | undefined {
	const tokenData = credentials.oauthTokenData as IDataObject | undefined;
	return typeof tokenData?.access_token === 'string' ? tokenData.access_token : undefined;
}

/** Whether another process stored new tokens meanwhile (then the connection knows them). */
export async function anotherProcessRefreshed(ctx: SalesforceContext, connection: SalesforceConnection): Promise<boolean> {
	if (connection.refreshRace.givenUp) return false;
	for (const wait of WAITS_MS) {
		await sleep(wait);
		const stored = accessTokenOf(await ctx.getCredentials(CREDENTIAL_TYPE));
		if (stored !== undefined && stored !== connection.refreshRace.accessToken) {
			connection.refreshRace.accessToken = stored;
			return true;
		}
	}
	connection.refreshRace.givenUp = true;
	return false;
}
