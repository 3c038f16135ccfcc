/**
 * Preloaded into the n8n server (NODE_OPTIONS=--require) by the end-to-end run: HTTPS connections to
 * the Salesforce host names listed in E2E_SALESFORCE_HOSTS (login.salesforce.com,
 * test.salesforce.com, the My Domain) go to the local emulator at E2E_SALESFORCE_TARGET
 * (127.0.0.1:<port>) instead. The TLS server name stays the real one, so the emulator's certificate is
 * still verified (NODE_EXTRA_CA_CERTS trusts the test CA) and the Host header still says which
 * Salesforce host was meant.
 *
 * With E2E_SALESFORCE_LOCAL_ADDRESS (another loopback address, e.g. 127.0.0.11) the connections
 * leave from that address, so the emulator can tell which of several n8n processes made a call.
 *
 * Hooked at tls.connect because every HTTPS client in n8n ends there whatever agent it builds
 * (axios in @n8n/client-oauth2 for the token exchange and refresh, n8n-core's request helpers for
 * the node's REST calls, agents created for proxies or SSRF checks).
 */
'use strict';
const tls = require('node:tls');

const hosts = new Set((process.env.E2E_SALESFORCE_HOSTS || '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean));
const [targetHost, targetPort] = (process.env.E2E_SALESFORCE_TARGET || '').split(':');
const localAddress = process.env.E2E_SALESFORCE_LOCAL_ADDRESS || undefined;
if (hosts.size === 0 || !targetHost || !targetPort) {
	throw new Error('salesforce-hosts-preload: set E2E_SALESFORCE_HOSTS and E2E_SALESFORCE_TARGET=host:port');
}

const originalConnect = tls.connect;
tls.connect = function connectToEmulator(...args) {
	const [first] = args;
	if (first !== null && typeof first === 'object') {
		args[0] = redirect(first);
	} else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
		// tls.connect(port, host?, options?, callback?)
		const host = typeof args[1] === 'string' ? args[1] : undefined;
		const optionsIndex = host === undefined ? 1 : 2;
		const options = args[optionsIndex] !== null && typeof args[optionsIndex] === 'object' ? args[optionsIndex] : {};
		const callback = args.find((arg) => typeof arg === 'function');
		const redirected = redirect({ ...options, port: Number(first), host: host ?? options.host });
		return callback ? originalConnect.call(this, redirected, callback) : originalConnect.call(this, redirected);
	}
	return originalConnect.apply(this, args);
};

function redirect(options) {
	const host = String(options.host || options.servername || '').toLowerCase();
	const port = options.port === undefined || options.port === null || options.port === '' ? 443 : Number(options.port);
	if (!hosts.has(host) || port !== 443) return options;
	return { ...options, host: targetHost, port: Number(targetPort), servername: options.servername || host, lookup: undefined, ...(localAddress && { localAddress }) };
}
