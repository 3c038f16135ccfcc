/**
 * A "Salesforce REST OAuth2 API" credential created and connected through n8n's own OAuth2 flow,
 * driven without a browser: n8n makes the authorize URL (PKCE), this test plays the user on the
 * emulator's consent page (GET the page, POST Allow), then hands the redirect with the code to n8n's
 * callback with the owner's session, and n8n exchanges the code and stores the tokens.
 *
 * The consent page is fetched from the emulator under the real Salesforce host name (TLS server name
 * and Host header), verified against the run's throwaway CA, as a browser would.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import type { SalesforceStandIn } from '../../scripts/e2e/salesforce-stand-in';
import { SALESFORCE_HOSTS } from '../../scripts/e2e/salesforce-stand-in';
import { EMULATOR_PASSWORD, EMULATOR_USERNAME } from '../../emulator';
import type { N8nRestClient } from './n8n-rest';

export const CREDENTIAL_TYPE = 'salesforceRestOAuth2Api';

export interface ConnectedCredential {
	id: string;
	name: string;
}

export async function connectCredential(n8n: N8nRestClient, standIn: SalesforceStandIn, name: string): Promise<ConnectedCredential> {
	const { app } = standIn.emulator;
	const credential = await n8n.call<{ id: string }>('POST', '/credentials', {
		name,
		type: CREDENTIAL_TYPE,
		data: { clientId: app.clientId, clientSecret: app.clientSecret, environment: 'myDomain', myDomainUrl: `https://${SALESFORCE_HOSTS.myDomain}` },
	});
	const authorizeUrl = new URL(await n8n.call<string>('GET', `/oauth2-credential/auth?id=${credential.id}`));
	const ca = readFileSync(standIn.caCertFile);
	const consent = await emulatorCall(standIn.port, ca, 'GET', authorizeUrl);
	if (consent.status !== 200) throw new Error(`the authorize page answered ${consent.status}: ${consent.body.slice(0, 300)}`);
	const form = new URLSearchParams({ ...hiddenInputs(consent.body), username: EMULATOR_USERNAME, pw: EMULATOR_PASSWORD, decision: 'allow' });
	const decision = await emulatorCall(standIn.port, ca, 'POST', new URL('/services/oauth2/authorize', authorizeUrl), form.toString());
	const callback = decision.location === undefined ? undefined : new URL(decision.location);
	if (decision.status !== 302 || !callback?.searchParams.get('code')) {
		throw new Error(`Allow on the consent page answered ${decision.status} to ${decision.location}: ${decision.body.slice(0, 300)}`);
	}
	const done = await n8n.page(`${callback.pathname}${callback.search}`);
	if (done.status !== 200 || !/success/i.test(done.text)) throw new Error(`n8n's OAuth callback answered ${done.status}: ${done.text.slice(0, 300)}`);
	return { id: credential.id, name };
}

/** The form's hidden inputs (the authorize parameters the page carries through), HTML entities decoded. */
function hiddenInputs(html: string): Record<string, string> {
	const inputs: Record<string, string> = {};
	for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) inputs[decodeHtml(name)] = decodeHtml(value);
	return inputs;
}

function decodeHtml(text: string): string {
	return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** One https call to the emulator for a Salesforce URL, keeping that URL's host as server name and Host header. */
function emulatorCall(port: number, ca: Buffer, method: 'GET' | 'POST', url: URL, form?: string): Promise<{ status: number; location?: string; body: string }> {
	return new Promise((resolve, reject) => {
		const outgoing = request({
			host: '127.0.0.1',
			port,
			servername: url.hostname,
			ca,
			method,
			path: `${url.pathname}${url.search}`,
			headers: { host: url.host, ...(form !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }) },
			timeout: 30_000,
		}, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => resolve({ status: response.statusCode ?? 0, location: response.headers.location, body: Buffer.concat(chunks).toString('utf8') }));
		});
		outgoing.on('timeout', () => outgoing.destroy(new Error(`${method} ${url.href}: no answer within 30 s`)));
		outgoing.on('error', reject);
		outgoing.end(form);
	});
}
