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
import { sleep, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import { sameTenant, type Tenant } from '../helpers/tenant';
import { accessTokenOf, viewOf } from './credentialView';
import type { SalesforceContext, SalesforceConnection } from './index';
import { CREDENTIAL_TYPE } from './index';

/** Pauses between reads of the stored credential: the other refresh has had 10 s already. */
const WAITS_MS = [1000, 2000] as const;

/** The tenant of the credential as stored now; undefined when its instance is not one calls may go to. */
function tenantOfStored(ctx: SalesforceContext, stored: ICredentialDataDecryptedObject): Tenant | undefined {
	try {
		return viewOf(ctx, stored).tenant;
	} catch {
		return undefined;
	}
}

/**
 * Whether another process stored new tokens of this execution's tenant meanwhile (then the connection
 * signs with them). Tokens of another org or user (the credential was reconnected meanwhile) are never
 * taken: the call's own failure stands.
 */
export async function anotherProcessRefreshed(ctx: SalesforceContext, connection: SalesforceConnection): Promise<boolean> {
	if (connection.refreshRace.givenUp) return false;
	for (const wait of WAITS_MS) {
		await sleep(wait);
		const stored = await ctx.getCredentials(CREDENTIAL_TYPE);
		const token = accessTokenOf(stored);
		if (token === undefined || token === accessTokenOf(connection.credentials)) continue;
		// Same org, user and instance: the other process refreshed this tenant's credential, not another's.
		const storedTenant = tenantOfStored(ctx, stored);
		if (storedTenant === undefined || !sameTenant(storedTenant, connection.tenant)) break;
		connection.credentials.oauthTokenData = stored.oauthTokenData;
		return true;
	}
	connection.refreshRace.givenUp = true;
	return false;
}
