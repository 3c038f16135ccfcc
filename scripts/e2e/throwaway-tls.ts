/**
 * A throwaway certificate authority and one server certificate for the Salesforce host names, made
 * with openssl at test time, so the emulator can answer https for login.salesforce.com,
 * test.salesforce.com and a My Domain while Chromium and n8n keep verifying certificates against it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ThrowawayTls {
	caCertFile: string;
	key: string;
	cert: string;
}

export function makeThrowawayTls(folder: string, hostNames: string[]): ThrowawayTls {
	const file = (name: string) => join(folder, name);
	const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
	openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=n8n-nodes-salesforce-rest e2e CA',
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
		'-keyout', file('ca.key'), '-out', file('ca.pem'));
	openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${hostNames[0]}`, '-keyout', file('server.key'), '-out', file('server.csr'));
	writeFileSync(file('server.ext'), [
		'basicConstraints=CA:FALSE',
		'keyUsage=digitalSignature,keyEncipherment',
		'extendedKeyUsage=serverAuth',
		`subjectAltName=${hostNames.map((name) => `DNS:${name}`).join(',')}`,
	].join('\n'));
	openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
		'-days', '2', '-extfile', file('server.ext'), '-out', file('server.pem'));
	return { caCertFile: file('ca.pem'), key: readFileSync(file('server.key'), 'utf8'), cert: readFileSync(file('server.pem'), 'utf8') };
}
