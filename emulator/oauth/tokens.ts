/**
 * Everything the OAuth server of one org remembers: authorization codes, access tokens, refresh
 * tokens and browser sessions, each with the user it belongs to. Tokens are opaque random strings
 * shaped like Salesforce's (`<orgId>!<secret>`).
 */
import { createHmac, randomBytes } from 'node:crypto';

import type { TokenResponse } from '../types';

export interface AuthorizationCode {
	clientId: string;
	/** The user who logged in and allowed access. */
	userId: string;
	redirectUri: string;
	scope: string[];
	codeChallenge?: string;
	expiresAt: number;
}

interface AccessToken {
	clientId: string;
	userId: string;
	scope: string[];
	expiresAt: number;
	/** The refresh token this session came from: revoking it ends the session too. */
	family: string;
	expired: boolean;
}

interface RefreshToken {
	clientId: string;
	userId: string;
	scope: string[];
	family: string;
	revoked: boolean;
}

/** A browser session: who logged in, and the scopes they approved for each client id. */
interface Session {
	userId: string;
	approvals: Map<string, Set<string>>;
}

export interface TokenGrant {
	clientId: string;
	/** Whose tokens these are. */
	userId: string;
	clientSecret: string;
	scope: string[];
	/** Base of the identity URL: https://login.salesforce.com, https://test.salesforce.com, or the emulator. */
	identityBase: string;
	instanceUrl: string;
}

function secret(bytes: number): string {
	return randomBytes(bytes).toString('base64url');
}

/** The scopes that come with a refresh token. */
export function grantsRefresh(scope: string[]): boolean {
	return scope.includes('refresh_token') || scope.includes('offline_access');
}

export function identityUrl(identityBase: string, orgId: string, userId: string): string {
	return `${identityBase}/id/${orgId}/${userId}`;
}

export class TokenStore {
	private readonly codes = new Map<string, AuthorizationCode>();
	private readonly accessTokens = new Map<string, AccessToken>();
	private readonly refreshTokens = new Map<string, RefreshToken>();
	/** By cookie value. */
	private readonly sessions = new Map<string, Session>();

	constructor(
		/** The org every token is of: it starts every access token and identity URL. */
		readonly orgId: string,
		private readonly accessTokenTtlMs: number,
		private readonly codeTtlMs: number,
	) {}

	createCode(grant: Omit<AuthorizationCode, 'expiresAt'>): string {
		const code = `aPrx${secret(48)}`;
		this.codes.set(code, { ...grant, expiresAt: Date.now() + this.codeTtlMs });
		return code;
	}

	findCode(code: string): AuthorizationCode | undefined {
		return this.codes.get(code);
	}

	/** A code works once. */
	spendCode(code: string): void {
		this.codes.delete(code);
	}

	/** A token answer for a fresh session (authorization_code grant, or issueTokens()). */
	issue(grant: TokenGrant): TokenResponse {
		const family = secret(12);
		let refreshToken: string | undefined;
		if (grantsRefresh(grant.scope)) {
			refreshToken = this.newRefreshToken(grant, family);
		}
		return this.answer(grant, family, refreshToken);
	}

	/** A token answer for a refresh, for the refresh token's user; undefined when it is unknown, revoked or not this client's. */
	refresh(refreshToken: string, grant: Omit<TokenGrant, 'scope' | 'userId'>, rotate: boolean): TokenResponse | undefined {
		const stored = this.refreshTokens.get(refreshToken);
		if (stored === undefined || stored.revoked || stored.clientId !== grant.clientId) return undefined;
		const fullGrant = { ...grant, scope: stored.scope, userId: stored.userId };
		let rotated: string | undefined;
		if (rotate) {
			stored.revoked = true;
			rotated = this.newRefreshToken(fullGrant, stored.family);
		}
		return this.answer(fullGrant, stored.family, rotated);
	}

	/** The access token's grant when it still works. */
	validAccessToken(token: string): AccessToken | undefined {
		const stored = this.accessTokens.get(token);
		if (stored === undefined || stored.expired || stored.expiresAt <= Date.now()) return undefined;
		return stored;
	}

	/** The user an access token was issued to, whether it still works or not; undefined when this org never issued it. */
	issuedTo(token: string): string | undefined {
		return this.accessTokens.get(token)?.userId;
	}

	expireAccessToken(token: string): void {
		const stored = this.accessTokens.get(token);
		if (stored !== undefined) stored.expired = true;
	}

	expireAllAccessTokens(): void {
		for (const stored of this.accessTokens.values()) stored.expired = true;
	}

	revokeAllRefreshTokens(): void {
		for (const stored of this.refreshTokens.values()) stored.revoked = true;
	}

	/** Revokes an access or refresh token (a refresh token takes its session's access tokens along). */
	revoke(token: string): boolean {
		const access = this.accessTokens.get(token);
		if (access !== undefined) {
			access.expired = true;
			return true;
		}
		const refresh = this.refreshTokens.get(token);
		if (refresh === undefined) return false;
		refresh.revoked = true;
		for (const stored of this.accessTokens.values()) {
			if (stored.family === refresh.family) stored.expired = true;
		}
		return true;
	}

	/** A browser session of a user who just logged in. */
	openSession(userId: string): string {
		const sessionId = secret(24);
		this.sessions.set(sessionId, { userId, approvals: new Map() });
		return sessionId;
	}

	/** The user logged in with this session cookie, or undefined when it is no session. */
	sessionUser(sessionId: string | undefined): string | undefined {
		return sessionId === undefined ? undefined : this.sessions.get(sessionId)?.userId;
	}

	approve(sessionId: string, clientId: string, scope: string[]): void {
		const approvals = this.sessions.get(sessionId)?.approvals;
		if (approvals === undefined) return;
		const scopes = approvals.get(clientId) ?? new Set<string>();
		for (const name of scope) scopes.add(name);
		approvals.set(clientId, scopes);
	}

	approved(sessionId: string | undefined, clientId: string, scope: string[]): boolean {
		if (sessionId === undefined) return false;
		const scopes = this.sessions.get(sessionId)?.approvals.get(clientId);
		return scopes !== undefined && scope.every((name) => scopes.has(name));
	}

	private newRefreshToken(grant: TokenGrant, family: string): string {
		const token = `5Aep${secret(64)}`;
		this.refreshTokens.set(token, { clientId: grant.clientId, userId: grant.userId, scope: grant.scope, family, revoked: false });
		return token;
	}

	/** Salesforce's field order; `signature` = base64 HMAC-SHA256 of id + issued_at keyed with the client secret. */
	private answer(grant: TokenGrant, family: string, refreshToken: string | undefined): TokenResponse {
		const accessToken = `${this.orgId.slice(0, 15)}!${secret(72)}`;
		const issuedAt = Date.now();
		this.accessTokens.set(accessToken, {
			clientId: grant.clientId,
			userId: grant.userId,
			scope: grant.scope,
			expiresAt: issuedAt + this.accessTokenTtlMs,
			family,
			expired: false,
		});
		const id = identityUrl(grant.identityBase, this.orgId, grant.userId);
		const issuedAtText = String(issuedAt);
		const signature = createHmac('sha256', grant.clientSecret).update(id + issuedAtText).digest('base64');
		const response: TokenResponse = {
			access_token: accessToken,
			...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
			signature,
			scope: grant.scope.join(' '),
			instance_url: grant.instanceUrl,
			id,
			token_type: 'Bearer',
			issued_at: issuedAtText,
		};
		return response;
	}
}
