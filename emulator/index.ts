/**
 * A local stand-in for Salesforce: the OAuth web-server flow and the REST resources a lead
 * integration uses, with Salesforce's answers, errors, limits and faults on demand.
 * See emulator/README.md.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { SchemaCatalog } from './describes/catalog';
import { FaultBook } from './faults';
import { IdMinter, orgIdOf } from './ids';
import { ApiUsageCounter } from './limits';
import { identityBaseFor, type OAuthContext } from './oauth/context';
import { TokenStore } from './oauth/tokens';
import { hostKindOf } from './http';
import type { Org } from './org';
import { AssignmentRules } from './rules/assignment';
import { duplicateRuleAction } from './rules/duplicates';
import { NODE_MAX_HEADER_SIZE } from './request-limits';
import { QueryCursors } from './rest/query';
import { insertRecord, seedOrg } from './seed';
import { requestListener, type ServerState } from './server';
import { RecordStore } from './store';
import type { EmulatorHandle, EmulatorOptions, OAuthApp, RecordedRequest, TokenResponse } from './types';
import { UserDirectory } from './users';

export * from './types';
export { makeId, idChecksum, orgIdOf, userIdOf, ORG_ID, USER_ID } from './ids';
export { EMULATOR_USERNAME, EMULATOR_PASSWORD } from './users';
export { LEAD_EXTERNAL_ID_FIELD, LEAD_PT_BR_DESCRIBE_FILE } from './describes/lead';
export { withoutByteOrderMark } from './describes/catalog';

export const DEFAULT_APP: OAuthApp = {
	clientId: 'emulator-client-id',
	clientSecret: 'emulator-client-secret',
	redirectUris: ['http://localhost:5678/rest/oauth2-credential/callback'],
};

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
	const app = registeredApp(options);
	const accessTokenTtlS = positive('accessTokenTtlS', options.accessTokenTtlS ?? 7200);
	const authCodeTtlS = positive('authCodeTtlS', options.authCodeTtlS ?? 900);
	const apiLimit = positive('apiLimit', options.apiLimit ?? 15000);
	const orgNumber = options.org ?? 1;
	const orgId = orgIdOf(orgNumber);
	const users = new UserDirectory(orgNumber, options.users);
	const catalog = new SchemaCatalog(options.describes);
	const tokens = new TokenStore(orgId, accessTokenTtlS * 1000, authCodeTtlS * 1000);
	const store = new RecordStore();
	const org: Org = {
		id: orgId,
		users,
		catalog,
		store,
		ids: new IdMinter(orgNumber),
		rules: { duplicateRuleOnEmail: duplicateRuleAction(options.duplicateRuleOnEmail), assignment: new AssignmentRules() },
		cursors: new QueryCursors(),
	};
	seedOrg(org, options);
	const usage = new ApiUsageCounter(apiLimit, options.apiUsed ?? 0);
	const faults = new FaultBook();
	const recorded: RecordedRequest[] = [];
	const scheme = options.tls === undefined ? 'http' : 'https';
	let url = '';
	const oauth: OAuthContext = {
		app,
		tokens,
		users,
		rotateRefreshTokens: options.rotateRefreshTokens ?? false,
		requireClientSecret: options.requireClientSecret ?? true,
		instanceUrl: () => options.instanceUrl?.replace(/\/+$/, '') ?? url,
	};
	const state: ServerState = {
		oauth,
		rest: {
			org,
			tokens,
			usage,
		},
		faults,
		recorded,
		latencyMs: options.latencyMs ?? 0,
		scheme,
		log: options.log,
	};
	const listener = requestListener(state);
	const newServer = (): Server =>
		options.tls === undefined
			? createHttpServer({ maxHeaderSize: NODE_MAX_HEADER_SIZE }, listener)
			: createHttpsServer({ ...options.tls, maxHeaderSize: NODE_MAX_HEADER_SIZE }, listener);
	const host = options.host ?? '127.0.0.1';
	let server = newServer();
	await listen(server, options.port ?? 0, host);
	const { port } = server.address() as AddressInfo;
	url = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;

	// Everything the org knows lives outside the server, so a new server on the same port is a restart.
	let restarting: Promise<void> | undefined;
	const restart = (downMs: number): Promise<void> => {
		restarting ??= (async () => {
			faults.countRestart();
			await stopServer(server);
			await sleep(downMs);
			server = newServer();
			await listen(server, port, host);
		})().finally(() => {
			restarting = undefined;
		});
		return restarting;
	};
	state.restart = (downMs) => {
		restart(downMs).catch((error: Error) => options.log?.(`emulator restart failed: ${error.message}`));
	};

	const userNamed = (username: string) => {
		const user = users.byUsername(username);
		if (user === undefined) throw new Error(`The org has no user ${username}`);
		return user;
	};

	return {
		url,
		app,
		orgId,
		userId: (username) => userNamed(username).id,
		stop: async () => {
			await restarting;
			await stopServer(server);
		},
		restart: (restartOptions = {}) => restart(restartOptions.downMs ?? 1000),
		records: (objectName) => store.copies(objectName),
		insert: (objectName, fields) => insertRecord(org, objectName, fields),
		requests: () => recorded.map((request) => structuredClone(request)),
		apiUsage: () => usage.snapshot(),
		issueTokens: (opts = {}): TokenResponse => {
			const scope = (opts.scope ?? 'api refresh_token').trim().split(/\s+/);
			const ownHost = new URL(url).host;
			const identityBase = identityBaseFor({ host: ownHost, hostKind: hostKindOf(ownHost), requestBaseUrl: url });
			const user = opts.user === undefined ? users.defaultUser : userNamed(opts.user);
			return tokens.issue({ clientId: app.clientId, clientSecret: app.clientSecret, userId: user.id, scope, identityBase, instanceUrl: oauth.instanceUrl() });
		},
		setDescribe: (name, describe) => catalog.replace(name, describe),
		expireAccessTokens: () => tokens.expireAllAccessTokens(),
		revokeRefreshTokens: () => tokens.revokeAllRefreshTokens(),
		setRefreshTokenRotation: (rotate) => {
			oauth.rotateRefreshTokens = rotate;
		},
		faults: { add: (fault) => faults.add(fault), clear: () => faults.clear(), stats: () => faults.stats() },
	};
}

function registeredApp(options: EmulatorOptions): OAuthApp {
	const redirectUris = options.redirectUris ?? DEFAULT_APP.redirectUris;
	if (redirectUris.length === 0) throw new Error('redirectUris: register at least one redirect URI');
	for (const uri of redirectUris) {
		try {
			new URL(uri);
		} catch {
			throw new Error(`redirectUris: "${uri}" is not an absolute URL`);
		}
	}
	return {
		clientId: options.clientId ?? DEFAULT_APP.clientId,
		clientSecret: options.clientSecret ?? DEFAULT_APP.clientSecret,
		redirectUris: [...redirectUris],
	};
}

function positive(name: string, value: number): number {
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${value}`);
	return value;
}

function listen(server: Server, port: number, host: string): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

function stopServer(server: Server): Promise<void> {
	return new Promise((resolve, reject) => {
		server.close((error) => (error ? reject(error) : resolve()));
		server.closeAllConnections();
	});
}
