/** The consent page in a real browser: headless Chromium opens the authorize URL and clicks Allow. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { chromium, type Browser } from 'playwright-core';

import { emulator, stopAll } from './helpers';
import { authorizeUrl, clientCredentials, pkcePair, tokenRequest } from './oauth-helpers';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser: Browser;
let callbackServer: Server;
let callbackUrl: string;

beforeAll(async () => {
	browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
	// A tiny loopback page standing for the app's OAuth callback.
	callbackServer = createServer((request, response) => {
		response.writeHead(200, { 'Content-Type': 'text/html' });
		response.end(`<html><body><h1 id="callback">Callback received</h1><p>${request.url?.length ?? 0}</p></body></html>`);
	});
	await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
	callbackUrl = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
}, 60000);

afterAll(async () => {
	await browser?.close();
	await new Promise((resolve) => callbackServer?.close(resolve));
});

afterEach(stopAll);

it('lands on the redirect URI with code and state after a click on Allow, and the code buys tokens', async () => {
	const em = await emulator({ redirectUris: [callbackUrl] });
	const pkce = pkcePair();
	const page = await browser.newPage();
	await page.goto(authorizeUrl(em, { redirect_uri: callbackUrl, scope: 'api refresh_token', state: 'xyz-42', code_challenge: pkce.challenge, code_challenge_method: 'S256' }));
	await page.waitForSelector('#oaapprove');
	expect(await page.inputValue('#username')).toBe('emulator.user@example.com');
	await Promise.all([page.waitForURL((url) => url.toString().startsWith(callbackUrl)), page.click('#oaapprove')]);
	const landed = new URL(page.url());
	expect(landed.searchParams.get('state')).toBe('xyz-42');
	expect(await page.textContent('#callback')).toBe('Callback received');
	const code = landed.searchParams.get('code') as string;
	const answer = await tokenRequest(em, { grant_type: 'authorization_code', code, redirect_uri: callbackUrl, code_verifier: pkce.verifier, ...clientCredentials(em) });
	expect(answer.status).toBe(200);
	expect((await answer.json()) as Record<string, string>).toHaveProperty('refresh_token');
	await page.close();
});

it('lands on the redirect URI with error=access_denied after a click on Deny', async () => {
	const em = await emulator({ redirectUris: [callbackUrl] });
	const page = await browser.newPage();
	await page.goto(authorizeUrl(em, { redirect_uri: callbackUrl, state: 'no-thanks' }));
	await Promise.all([page.waitForURL((url) => url.toString().startsWith(callbackUrl)), page.click('#oadeny')]);
	const landed = new URL(page.url());
	expect(landed.searchParams.get('error')).toBe('access_denied');
	expect(landed.searchParams.get('state')).toBe('no-thanks');
	await page.close();
});
