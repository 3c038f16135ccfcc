/**
 * The emulator standing in for every Salesforce host the credential can choose: one https server on a
 * loopback port with a throwaway certificate for the real host names. Chromium reaches it through
 * --host-resolver-rules, the n8n server through salesforce-hosts-preload.cjs; both verify the
 * certificate (Chromium by its public-key hash, Node through NODE_EXTRA_CA_CERTS).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmulator } from '../../emulator';
import type { EmulatorHandle, EmulatorOptions } from '../../emulator/types';
import { makeThrowawayTls } from './throwaway-tls';

/** The login host each Environment choice of the credential must reach. */
export const SALESFORCE_HOSTS = {
	production: 'login.salesforce.com',
	sandbox: 'test.salesforce.com',
	myDomain: 'acme.my.salesforce.com',
} as const;
export type SalesforceEnvironment = keyof typeof SALESFORCE_HOSTS;

/** Real orgs answer REST calls on their own My Domain whichever login host was used. */
export const INSTANCE_URL = `https://${SALESFORCE_HOSTS.myDomain}`;

export interface SalesforceStandIn {
	emulator: EmulatorHandle;
	port: number;
	/** The throwaway CA that signed the emulator's certificate (PEM file). */
	caCertFile: string;
	/** Extra Chromium switches that send the Salesforce hosts to the emulator and trust its certificate. */
	chromiumArgs: string[];
	/** Environment for the n8n server: preload, host map, CA. */
	n8nEnv: NodeJS.ProcessEnv;
}

/** `options`: more emulator options (an API limit, token rotation) on top of the hosts, TLS and log. */
export async function startSalesforceStandIn(workDir: string, n8nBaseUrl: string, options: EmulatorOptions = {}): Promise<SalesforceStandIn> {
	const tlsDir = join(workDir, 'tls');
	mkdirSync(tlsDir, { recursive: true });
	const hosts = Object.values(SALESFORCE_HOSTS);
	const tls = makeThrowawayTls(tlsDir, hosts);
	const requestLog = join(workDir, 'emulator.log');
	const emulator = await startEmulator({
		...options,
		port: 0,
		host: '127.0.0.1',
		tls: { key: tls.key, cert: tls.cert },
		redirectUris: [`${n8nBaseUrl}/rest/oauth2-credential/callback`],
		instanceUrl: INSTANCE_URL,
		log: (line) => appendFileSync(requestLog, `${line}\n`),
	});
	const port = Number(new URL(emulator.url).port);
	return {
		emulator,
		port,
		caCertFile: tls.caCertFile,
		chromiumArgs: [
			`--host-resolver-rules=${hosts.map((host) => `MAP ${host}:443 127.0.0.1:${port}`).join(', ')}`,
			`--ignore-certificate-errors-spki-list=${publicKeyHash(join(tlsDir, 'server.pem'))}`,
		],
		n8nEnv: {
			NODE_OPTIONS: `--require ${resolve(__dirname, 'salesforce-hosts-preload.cjs')}`,
			E2E_SALESFORCE_HOSTS: hosts.join(','),
			E2E_SALESFORCE_TARGET: `127.0.0.1:${port}`,
			NODE_EXTRA_CA_CERTS: tls.caCertFile,
		},
	};
}

/** base64(sha256(SubjectPublicKeyInfo)): the form Chromium's --ignore-certificate-errors-spki-list takes. */
function publicKeyHash(certFile: string): string {
	return execFileSync('sh', ['-c', 'openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64', 'sh', certFile], { encoding: 'utf8' }).trim();
}
