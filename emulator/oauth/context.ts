import type { EmulatorRequest } from '../http';
import type { OAuthApp } from '../types';
import type { UserDirectory } from '../users';
import type { TokenStore } from './tokens';

/** What the OAuth handlers share with the rest of the emulator. */
export interface OAuthContext {
	app: OAuthApp;
	tokens: TokenStore;
	/** Who can log in; tokens and identity answers are per user. */
	users: UserDirectory;
	rotateRefreshTokens: boolean;
	requireClientSecret: boolean;
	/** instance_url of token answers. */
	instanceUrl(): string;
}

/**
 * Base of the identity URL (`id`) for a token asked for on this host: the generic login hosts
 * keep their own name, a sandbox My Domain answers with test.salesforce.com and any other
 * *.salesforce.com My Domain with login.salesforce.com (as Salesforce does); a local host name
 * (127.0.0.1, localhost) gets the emulator's own address so the URL can be fetched.
 */
export function identityBaseFor(request: Pick<EmulatorRequest, 'host' | 'hostKind' | 'requestBaseUrl'>): string {
	const name = request.host.replace(/:\d+$/, '').toLowerCase();
	if (request.hostKind === 'sandbox' || name.endsWith('.sandbox.my.salesforce.com')) return 'https://test.salesforce.com';
	if (request.hostKind === 'login' || name.endsWith('.salesforce.com')) return 'https://login.salesforce.com';
	return request.requestBaseUrl;
}
