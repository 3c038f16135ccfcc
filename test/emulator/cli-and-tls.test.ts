/** The command line and serving https. */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { optionsFromArgs } from '../../emulator/cli';
import { emulator, stopAll } from './helpers';

afterEach(stopAll);

describe('command line', () => {
	it('turns flags into emulator options', () => {
		const options = optionsFromArgs([
			'--port', '9000', '--latency-ms', '20', '--describe', 'Lead=lead.json', '--describe', 'Ticket__c=t.json',
			'--access-token-ttl-s', '900', '--client-id', 'id', '--client-secret', 's', '--redirect-uri', 'http://a/cb', '--redirect-uri', 'http://b/cb',
			'--rotate-refresh-tokens', '--api-limit', '50', '--duplicate-rule-email', '--assignment-rule-owner', '005000000000001AAA',
			'--instance-url', 'https://acme.my.salesforce.com', '--quiet',
		]);
		expect(options).toEqual({
			port: 9000, host: undefined, latencyMs: 20, describes: { Lead: 'lead.json', Ticket__c: 't.json' }, accessTokenTtlS: 900,
			authCodeTtlS: undefined, clientId: 'id', clientSecret: 's', redirectUris: ['http://a/cb', 'http://b/cb'], requireClientSecret: undefined, rotateRefreshTokens: true,
			apiLimit: 50, apiUsed: undefined, duplicateRuleOnEmail: true, assignmentRuleOwnerId: '005000000000001AAA', assignmentRules: undefined, campaigns: undefined,
			instanceUrl: 'https://acme.my.salesforce.com', tls: undefined, log: undefined,
		});
	});

	it('turns --duplicate-rule-email-block into a block rule', () => {
		expect(optionsFromArgs(['--duplicate-rule-email-block'])).toMatchObject({ duplicateRuleOnEmail: 'block' });
		expect(() => optionsFromArgs(['--duplicate-rule-email', '--duplicate-rule-email-block'])).toThrow('--duplicate-rule-email and --duplicate-rule-email-block: choose one');
	});

	it('turns --assignment-rule NAME=ID and --campaign NAME into inactive rules and campaigns', () => {
		expect(optionsFromArgs(['--assignment-rule', 'West coast=005000000000002AAA', '--campaign', 'Spring Webinar', '--campaign', 'Trade Show'])).toMatchObject({
			assignmentRules: [{ name: 'West coast', active: false, ownerId: '005000000000002AAA' }],
			campaigns: [{ name: 'Spring Webinar' }, { name: 'Trade Show' }],
		});
		expect(() => optionsFromArgs(['--assignment-rule', 'West coast'])).toThrow('--assignment-rule expects NAME=OWNER_ID, got "West coast"');
	});

	it('turns --org N and --user NAME[:PASSWORD] into the org number and added users', () => {
		expect(optionsFromArgs(['--org', '2', '--user', 'second@example.com', '--user', 'third@example.com:s3:cret'])).toMatchObject({
			org: 2,
			users: [{ username: 'second@example.com' }, { username: 'third@example.com', password: 's3:cret' }],
		});
		expect(() => optionsFromArgs(['--user', 'third@example.com:'])).toThrow('--user expects NAME or NAME:PASSWORD, got "third@example.com:"');
		expect(() => optionsFromArgs(['--org', 'two'])).toThrow('--org expects a non-negative number, got "two"');
	});

	it('turns --no-client-secret-required into requireClientSecret: false', () => {
		expect(optionsFromArgs(['--no-client-secret-required'])).toMatchObject({ requireClientSecret: false });
	});

	it('defaults the port to 8787', () => {
		expect(optionsFromArgs([])).toMatchObject({ port: 8787 });
	});

	it('names the flag whose value is wrong', () => {
		expect(() => optionsFromArgs(['--api-limit', 'lots'])).toThrow('--api-limit expects a non-negative number, got "lots"');
		expect(() => optionsFromArgs(['--describe', 'Lead'])).toThrow('--describe expects Name=path/to/describe.json, got "Lead"');
	});

	it('runs until SIGTERM, printing the base URL, the app, the org and its users, then exits 0', async () => {
		const args = ['emulator/cli.ts', '--port', '0', '--quiet', '--org', '2', '--user', 'second@example.com:s3cret'];
		const child = spawn(join(__dirname, '../../node_modules/.bin/tsx'), args, { cwd: join(__dirname, '../..') });
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		let output = '';
		try {
			const url = await new Promise<string>((resolve, reject) => {
				child.stdout.on('data', (chunk: Buffer) => {
					output += chunk.toString();
					const match = /listening on (http:\/\/\S+)/.exec(output);
					if (match !== null && output.includes('REST: ')) resolve(match[1]);
				});
				void exited.then((code) => reject(new Error(`exited early (${code}): ${output}`)));
			});
			expect(output).toContain('client id emulator-client-id, client secret emulator-client-secret');
			expect(output).toContain('redirect URIs: http://localhost:5678/rest/oauth2-credential/callback');
			expect(output).toContain('org 2: 00DEm1000000002MAA\n');
			expect(output).toContain('login as emulator.user@example.com / emulator (pre-filled on the consent page), user 005Em1000000001IAA\n');
			expect(output).toContain('login as second@example.com / s3cret, user 005Em1000000002IAA\n');
			expect((await fetch(`${url}/services/data/`)).status).toBe(200);
			child.kill('SIGTERM');
			expect(await exited).toBe(0);
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	}, 30000);
});

describe('tls', () => {
	it('serves https with the given key and certificate', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'emulator-tls-'));
		execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost',
			'-addext', 'subjectAltName=IP:127.0.0.1', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
		const cert = readFileSync(join(dir, 'cert.pem'));
		const em = await emulator({ tls: { key: readFileSync(join(dir, 'key.pem')), cert } });
		expect(em.url.startsWith('https://127.0.0.1:')).toBe(true);
		const status = await new Promise<number | undefined>((resolve, reject) => {
			request(`${em.url}/services/data/`, { ca: cert }, (response) => {
				response.resume();
				resolve(response.statusCode);
			}).on('error', reject).end();
		});
		expect(status).toBe(200);
	});
});
