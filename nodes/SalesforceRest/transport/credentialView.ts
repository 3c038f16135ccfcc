/**
 * What a connection takes from the credential: the instance its calls go to, the org and user the
 * token belongs to, and the token itself. Read once in every execution, never remembered across
 * executions: one n8n credential id can resolve to different orgs or users (n8n's resolvable
 * credentials, or a credential reconnected while executions run), and only this execution's own
 * read says which tenant this execution is.
 *
 * n8n signs each call (`httpRequestWithAuthentication`) with the credential it reads itself, by
 * asking the context it is called on for it. Left to itself it would read the credential again for
 * every call, and a credential reconnected to another org between the node's read and n8n's would
 * send the new org's token to the old org's instance. So the node hands n8n a context whose
 * `getCredentials` answers this execution's own read (`signingContext`): every call goes with the
 * token of the tenant whose instance it goes to. n8n still refreshes that token on a 401 (storing
 * it, and updating this very read), and refreshRace.ts adopts a token another process stored only
 * when it belongs to the same tenant.
 */
import { NodeOperationError, type ICredentialDataDecryptedObject, type IDataObject } from 'n8n-workflow';

import { resolveApiBaseUrl } from '../helpers/instanceUrl';
import { tenantOf, type Tenant } from '../helpers/tenant';
import { CREDENTIAL_TYPE, type SalesforceContext } from './index';

export interface CredentialView {
	tenant: Tenant;
	/** The credential as this execution read it: what n8n signs its calls with. */
	credentials: ICredentialDataDecryptedObject;
}

export function accessTokenOf(credentials: IDataObject): string | undefined {
	const tokenData = credentials.oauthTokenData as IDataObject | undefined;
	return typeof tokenData?.access_token === 'string' ? tokenData.access_token : undefined;
}

/** The credential's secrets (tokens, client secret): removed from any text an answer brings back. */
export function secretsOf(credentials: IDataObject): string[] {
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	return [tokenData.access_token, tokenData.refresh_token, credentials.clientSecret].filter((value): value is string => typeof value === 'string' && value !== '');
}

/** The tenant a read of the credential stands for (its token's org and user, and its instance). */
export function viewOf(ctx: SalesforceContext, credentials: ICredentialDataDecryptedObject): CredentialView {
	const base = resolveApiBaseUrl(credentials);
	if (!base.ok) throw new NodeOperationError(ctx.getNode(), base.message);
	return { tenant: tenantOf(((credentials.oauthTokenData ?? {}) as IDataObject).id, base.value), credentials };
}

export async function readCredentialView(ctx: SalesforceContext): Promise<CredentialView> {
	return viewOf(ctx, await ctx.getCredentials(CREDENTIAL_TYPE));
}

/** `ctx` as n8n's request helpers see it, but answering `credentials` for this node's credential. */
export function signingContext<T extends SalesforceContext>(ctx: T, credentials: ICredentialDataDecryptedObject): T {
	const getCredentials = async (type: string, ...rest: unknown[]) =>
		type === CREDENTIAL_TYPE ? credentials : await (ctx.getCredentials as (...args: unknown[]) => Promise<ICredentialDataDecryptedObject>)(type, ...rest);
	return new Proxy(ctx, {
		get: (target, property, receiver) => (property === 'getCredentials' ? getCredentials : Reflect.get(target, property, receiver)),
	});
}
