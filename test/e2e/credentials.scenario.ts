/**
 * One "Salesforce REST OAuth2 API" credential per Environment, created and connected in the editor:
 * the authorize page must open on that Environment's own host with a PKCE challenge, and n8n's
 * server-side code exchange must go to the same host with the matching verifier.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RecordedRequest } from '../../emulator/types';
import { SALESFORCE_HOSTS, type SalesforceEnvironment } from '../../scripts/e2e/salesforce-stand-in';
import { check, type ScenarioContext } from './scenario-context';

export const CREDENTIAL_TYPE_NAME = 'Salesforce REST OAuth2 API';

const ENVIRONMENTS: Array<{ environment: SalesforceEnvironment; label: string }> = [
	{ environment: 'production', label: 'Production' },
	{ environment: 'sandbox', label: 'Sandbox' },
	{ environment: 'myDomain', label: 'My Domain' },
];

/** Credential ids by Environment, filled as the steps pass. */
export type ConnectedCredentials = Partial<Record<SalesforceEnvironment, { id: string; name: string }>>;

export async function connectCredentials(scenario: ScenarioContext): Promise<ConnectedCredentials> {
	const connected: ConnectedCredentials = {};
	for (const { environment, label } of ENVIRONMENTS) {
		const host = SALESFORCE_HOSTS[environment];
		await scenario.runner.step(`${label} credential connects through ${host} with PKCE`, async () => {
			const editor = scenario.editor();
			const emulator = scenario.standIn().emulator;
			const app = emulator.app;
			const name = `Salesforce ${label}`;
			const requestsBefore = emulator.requests().length;

			await editor.openNewCredential(CREDENTIAL_TYPE_NAME, {
				name,
				clientId: app.clientId,
				clientSecret: app.clientSecret,
				environmentLabel: label,
				myDomainUrl: environment === 'myDomain' ? `https://${host}` : undefined,
			});
			const popupUrls = await editor.connectCredential(allowAccess);
			const authorizeUrl = new URL(popupUrls.find((url) => url.includes('/services/oauth2/authorize')) ?? popupUrls[0] ?? 'about:blank');
			if (environment === 'myDomain') await editor.screenshot(join(scenario.imagesDir, 'credential-dialog.png'));
			await editor.closeDialog();

			check(authorizeUrl.host === host, `the authorize page opened on ${authorizeUrl.host}, expected ${host}`);
			check(authorizeUrl.pathname === '/services/oauth2/authorize', `authorize path was ${authorizeUrl.pathname}`);
			const oauthCalls = emulator.requests().slice(requestsBefore).filter((request) => request.path.startsWith('/services/oauth2/'));
			const wrongHost = oauthCalls.filter((request) => request.host !== host);
			check(wrongHost.length === 0, `OAuth calls went to other hosts: ${wrongHost.map(describe).join(', ')}`);

			const authorize = oauthCalls.find((request) => request.method === 'GET' && request.path === '/services/oauth2/authorize');
			check(authorize !== undefined, `no GET /services/oauth2/authorize reached the emulator (saw ${oauthCalls.map(describe).join(', ')})`);
			const { code_challenge: challenge, code_challenge_method: method, scope, redirect_uri: redirectUri } = authorize.query;
			check(method === 'S256' && /^[A-Za-z0-9_-]{43}$/.test(challenge ?? ''), `authorize carried code_challenge=${challenge} code_challenge_method=${method}`);
			check(scope === 'api refresh_token', `authorize asked for scope "${scope}"`);
			check(redirectUri === `${editor.baseUrl}/rest/oauth2-credential/callback`, `redirect_uri was ${redirectUri}`);

			const exchange = oauthCalls.find((request) => request.method === 'POST' && request.path === '/services/oauth2/token');
			check(exchange !== undefined, 'n8n never called POST /services/oauth2/token');
			const form = exchange.body as Record<string, string>;
			check(form.grant_type === 'authorization_code', `token call used grant_type=${form.grant_type}`);
			check(typeof form.code_verifier === 'string' && base64UrlSha256(form.code_verifier) === challenge, 'the code_verifier sent to the token endpoint does not match the challenge');
			check(exchange.status === 200, `the token endpoint answered ${exchange.status}`);

			const credentials = await editor.rest<Array<{ id: string; name: string; type: string }>>('GET', '/credentials');
			const created = credentials.find((credential) => credential.name === name && credential.type === 'salesforceRestOAuth2Api');
			check(created !== undefined, `credential "${name}" not listed by n8n`);
			connected[environment] = { id: created.id, name };
			scenario.runner.note(`authorize on ${authorizeUrl.host}, S256 challenge, verifier accepted; credential ${created.id}`);
		});
	}
	return connected;
}

/** The emulator's consent page: press Allow (a remembered approval skips the page, then nothing to do). */
export async function allowAccess(popup: Page): Promise<void> {
	const allow = popup.locator('#oaapprove');
	await Promise.race([allow.waitFor({ timeout: 30_000 }), popup.waitForEvent('close', { timeout: 30_000 })]);
	if (!popup.isClosed() && (await allow.isVisible())) await allow.click();
}

function base64UrlSha256(text: string): string {
	return createHash('sha256').update(text).digest('base64url');
}

function describe(request: RecordedRequest): string {
	return `${request.method} ${request.host}${request.path} → ${request.status}`;
}
