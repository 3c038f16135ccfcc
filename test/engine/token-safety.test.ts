/** The bearer token goes only to the Salesforce instance it was issued for, and nowhere else. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import type { EmulatorHandle } from '../../emulator';
import { describeParameters, leadCreateParameters, runWorkflow, webhookToSalesforce, type StoredCredential } from '../harness';
import { API, connectedOrg, dataCalls, LEAD_MAPPING, numberedLeads } from './helpers';

let emulator: EmulatorHandle;
let credential: StoredCredential;
let elsewhere: Server;
let elsewhereUrl: string;
/** What reached the other host: method, path and headers of each request. */
let reachedElsewhere: Array<{ method?: string; url?: string; headers: IncomingHttpHeaders }>;

beforeEach(async () => {
	({ emulator, credential } = await connectedOrg());
	reachedElsewhere = [];
	elsewhere = createServer((request, response) => {
		reachedElsewhere.push({ method: request.method, url: request.url, headers: request.headers });
		response.writeHead(200, { 'Content-Type': 'application/json' }).end('[{"id":"00Q000000000001AAA","success":true,"errors":[]}]');
	});
	// Another loopback address: another origin than the emulator's 127.0.0.1.
	await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.2', resolve));
	elsewhereUrl = `http://127.0.0.2:${(elsewhere.address() as AddressInfo).port}`;
});

afterEach(async () => {
	await emulator.stop();
	await new Promise((resolve) => elsewhere.close(resolve));
});

const createLeads = (continueOnFail: boolean, credentials = [credential]) =>
	runWorkflow({
		workflow: webhookToSalesforce(leadCreateParameters(LEAD_MAPPING), { continueOnFail }),
		input: numberedLeads(2),
		credentials,
	});

describe('redirects', () => {
	it('does not follow a 307 on a create to another host: the records and the token stay home', async () => {
		emulator.faults.add({ method: 'POST', path: '/composite/sobjects', status: 307, headers: { Location: `${elsewhereUrl}${API}/composite/sobjects` } });

		const result = await createLeads(true);

		expect(reachedElsewhere).toEqual([]);
		expect(result.outputs.Salesforce.map((item) => item.json.errorCode)).toEqual(['REDIRECT_REFUSED', 'REDIRECT_REFUSED']);
		expect(result.outputs.Salesforce[0].json.error).toBe(
			`${emulator.url} answered with a redirect (HTTP 307) to ${elsewhereUrl}. The node does not follow redirects, so that the access token never leaves the Salesforce instance it was issued for; nothing was done. Check the credential's instance URL and any proxy between n8n and Salesforce`,
		);
	});

	it('does not follow a 302 on the describe to plain http elsewhere, and stops with the redirect named', async () => {
		emulator.faults.add({ method: 'GET', path: '/sobjects/Lead/describe', status: 302, headers: { Location: `${elsewhereUrl}/steal` } });

		const result = await createLeads(false);

		expect(reachedElsewhere).toEqual([]);
		expect(result.error?.message).toMatch(/^Salesforce: REDIRECT_REFUSED: .* answered with a redirect \(HTTP 302\) to http:\/\/127\.0\.0\.2:\d+\./);
		expect(emulator.records('Lead')).toEqual([]);
	});
});

describe('instance URL', () => {
	it('refuses an instance_url that is not a Salesforce host before any call', async () => {
		const tokenData = credential.data.oauthTokenData as IDataObject;
		const evil = { ...credential, data: { ...credential.data, oauthTokenData: { ...tokenData, instance_url: 'https://evil.example.com' } } };

		const result = await createLeads(false, [evil]);

		expect(result.error?.message).toMatch(/^The instance URL "https:\/\/evil\.example\.com" in the credential's token is not a Salesforce host/);
		expect(dataCalls(emulator)).toEqual([]);
	});
});

describe('answers that are not Salesforce’s', () => {
	it('says a describe answered with a web page is not a describe', async () => {
		emulator.faults.add({ method: 'GET', path: '/sobjects/Lead/describe', status: 200, body: 'Welcome to our proxy', contentType: 'text/plain' });

		const result = await runWorkflow({ workflow: webhookToSalesforce(describeParameters('Lead')), input: [{}], credentials: [credential] });

		expect(result.error?.message).toBe(
			'The answer to the describe of Lead is not a Salesforce describe (string content). Check that the credential\'s instance URL points at Salesforce',
		);
	});
});
