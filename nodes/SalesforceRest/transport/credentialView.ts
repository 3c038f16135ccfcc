/**
 * What a connection takes from the credential: the instance its calls go to, the user it is connected
 * as, and the access token seen. n8n's `httpRequestWithAuthentication` reads the credential again for
 * every call anyway (to sign it, and to refresh the token on a 401), so reading it a second time per
 * execution only to learn the instance costs n8n a credential load (in n8n a database read,
 * a decryption and the credential's expressions) for an answer that changes only when the user
 * reconnects the credential.
 *
 * So an execution may use the view an earlier execution read from the same credential, for as long
 * as the describe entries that view keys may live (the node's Cache Field List For option; 0 reads
 * the credential every time). A reconnected credential shows itself on the first call: the old
 * instance refuses the new token (401, after n8n's own refresh) or cannot be reached; the node then
 * reads the credential again and, when the instance or user changed, sends the call there (it was
 * never processed, so even a create may go again).
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { resolveApiBaseUrl } from '../helpers/instanceUrl';
import { accessTokenOf } from './refreshRace';
import { SharedCache } from './sharedCache';
import { CREDENTIAL_TYPE, type SalesforceContext } from './index';

export interface CredentialView {
	/** The origin of `instance_url`, e.g. `https://acme.my.salesforce.com`. */
	baseUrl: string;
	/** The identity URL of the connected user (`id` of the token answer). */
	user: string;
	accessToken?: string;
}

/** Credentials a process remembers at most; the least recently used go first. */
const MAX_CREDENTIALS = 100;

const views = new SharedCache<CredentialView>(MAX_CREDENTIALS);

/** The id n8n gave the node's credential (empty when the node has none). */
export function credentialIdOf(ctx: SalesforceContext): string {
	return ctx.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '';
}

async function readView(ctx: SalesforceContext): Promise<CredentialView> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	const base = resolveApiBaseUrl(credentials);
	if (!base.ok) throw new NodeOperationError(ctx.getNode(), base.message);
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	return { baseUrl: base.value, user: typeof tokenData.id === 'string' ? tokenData.id : '', accessToken: accessTokenOf(credentials) };
}

/** The credential's view: remembered from an earlier execution when younger than `reuseForMs`. */
export async function credentialView(ctx: SalesforceContext, reuseForMs: number): Promise<{ view: CredentialView; remembered: boolean }> {
	const credentialId = credentialIdOf(ctx);
	if (reuseForMs <= 0 || credentialId === '') return { view: await readView(ctx), remembered: false };
	const hit = await views.get(credentialId, reuseForMs, async () => await readView(ctx));
	return { view: hit.value, remembered: hit.fromCache };
}

/** The credential read again, replacing what is remembered of it. */
export async function rereadCredentialView(ctx: SalesforceContext): Promise<CredentialView> {
	const credentialId = credentialIdOf(ctx);
	if (credentialId === '') return await readView(ctx);
	return (await views.reload(credentialId, async () => await readView(ctx))).value;
}

/** For tests: forget every remembered credential. */
export function forgetCredentialViews(): void {
	views.clear();
}
