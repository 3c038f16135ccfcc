/**
 * What a connection takes from the credential: the instance its calls go to, the org and user the
 * token belongs to, and the access token itself. Read in every execution, never remembered across
 * executions: one n8n credential id can resolve to different orgs or users (n8n's resolvable
 * credentials, or a credential reconnected while executions run), and only this execution's own
 * read says which tenant this execution is. n8n reads the credential again to sign each call; both
 * reads resolve the same credential, so the token n8n attaches is this tenant's and goes to this
 * tenant's instance.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { resolveApiBaseUrl } from '../helpers/instanceUrl';
import { tenantOf, type Tenant } from '../helpers/tenant';
import { accessTokenOf } from './refreshRace';
import { CREDENTIAL_TYPE, type SalesforceContext } from './index';

export interface CredentialView {
	tenant: Tenant;
	accessToken?: string;
	/** The credential's secrets (tokens, client secret): removed from any text an answer brings back. */
	secrets: string[];
}

function secretsOf(credentials: IDataObject, tokenData: IDataObject): string[] {
	return [tokenData.access_token, tokenData.refresh_token, credentials.clientSecret].filter((value): value is string => typeof value === 'string' && value !== '');
}

export async function readCredentialView(ctx: SalesforceContext): Promise<CredentialView> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const base = resolveApiBaseUrl(credentials);
	if (!base.ok) throw new NodeOperationError(ctx.getNode(), base.message);
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	return { tenant: tenantOf(tokenData.id, base.value), accessToken: accessTokenOf(credentials), secrets: secretsOf(credentials, tokenData) };
}
