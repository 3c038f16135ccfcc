/**
 * Who a token belongs to: the org and the user, as Salesforce's token answer says (its `id`, the
 * identity URL `https://login.salesforce.com/id/<orgId>/<userId>`), and the instance its calls go to.
 * Pure.
 *
 * State shared by executions (describe cache, group commit, API budget) is keyed by this, never by
 * n8n's credential id: one credential id can stand for different orgs or users (n8n's resolvable
 * credentials, or a credential reconnected to another org or user while executions run).
 */

export interface Tenant {
	/** The org id from the identity URL; '' when the token answer has none that can be read. */
	orgId: string;
	/** The user id from the identity URL; '' when it cannot be read. */
	userId: string;
	/** The origin every call of the token goes to (`instance_url`). */
	instance: string;
}

/** Salesforce ids in an identity URL: 15 or 18 letters and digits. */
function isIdShaped(text: string): boolean {
	if (text.length !== 15 && text.length !== 18) return false;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		const alphanumeric = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
		if (!alphanumeric) return false;
	}
	return true;
}

/** The org and user ids of an identity URL (`.../id/<orgId>/<userId>`), or undefined when it is not one. */
export function identityIds(identityUrl: unknown): { orgId: string; userId: string } | undefined {
	if (typeof identityUrl !== 'string' || identityUrl.length > 2048) return undefined;
	const path = identityUrl.split(/[?#]/, 1)[0].split('/');
	const at = path.lastIndexOf('id', path.length - 3);
	if (at < 0) return undefined;
	const [orgId, userId] = [path[at + 1], path[at + 2]];
	if (!isIdShaped(orgId) || !isIdShaped(userId) || !orgId.startsWith('00D') || !userId.startsWith('005')) return undefined;
	// The 15-character form: an 18-character id adds only a case-insensitive suffix.
	return { orgId: orgId.slice(0, 15), userId: userId.slice(0, 15) };
}

/** The tenant of a token answer (n8n's `oauthTokenData`) whose calls go to `instance`. */
export function tenantOf(identityUrl: unknown, instance: string): Tenant {
	const ids = identityIds(identityUrl);
	return { orgId: ids?.orgId ?? '', userId: ids?.userId ?? '', instance };
}

/**
 * The org, as state shared by its executions is keyed (API budget, keys being saved): its id on its
 * instance, or the token itself when the token answer names no org (then nothing is shared beyond it).
 */
export function orgKeyOf(tenant: Tenant, accessToken: string | undefined): string {
	return tenant.orgId !== '' ? `${tenant.orgId} ${tenant.instance}` : `token ${accessToken ?? ''} ${tenant.instance}`;
}

/**
 * The org and user, as state shared by one user's executions is keyed (describes, group commit): their
 * ids on the instance, or the token itself when the token answer names no org and user.
 */
export function userKeyOf(tenant: Tenant, accessToken: string | undefined): string {
	const who = tenant.orgId !== '' && tenant.userId !== '' ? `${tenant.orgId} ${tenant.userId}` : `token ${accessToken ?? ''}`;
	return `${who} ${tenant.instance}`;
}

/** Same org, user and instance. */
export function sameTenant(a: Tenant, b: Tenant): boolean {
	return a.orgId === b.orgId && a.userId === b.userId && a.instance === b.instance;
}
