/**
 * The public contract of the emulator (shared with the node's tests, the benchmark and the e2e run).
 * Names here are relied on by other parts of the project: add, never rename.
 */

export interface EmulatorOptions {
	/**
	 * Which org this emulator is, 1 to 62 (default 1): its org id (`orgIdOf(n)`), the org id that
	 * starts its access tokens and identity URLs, and the pod marker of every id it mints
	 * (`00QEm0...` in org 1, `00QEm1...` in org 2), so that two emulators of different numbers
	 * never share an id. Org 1 is ORG_ID, USER_ID and `makeId(prefix, n)`.
	 */
	org?: number;
	/**
	 * Users beyond the default one (emulator.user@example.com / emulator), with ids
	 * `userIdOf(org, 2)`, `userIdOf(org, 3)`, ... in this order. Each logs in on the consent page
	 * with its own username and password; `issueTokens({ user })` issues its tokens.
	 */
	users?: UserOption[];
	/** 0 (the default in code) picks a free port; the CLI defaults to 8787. */
	port?: number;
	/** Interface to listen on, default '127.0.0.1'. */
	host?: string;
	/** Added to every answer. */
	latencyMs?: number;
	/** sObject name -> describe JSON file path or object; replaces a built-in describe of that name. */
	describes?: Record<string, string | object>;
	/** Lifetime of access tokens (the org's session timeout), default 7200. */
	accessTokenTtlS?: number;
	/** Lifetime of an authorization code, default 900 (Salesforce: 15 minutes). */
	authCodeTtlS?: number;
	clientId?: string;
	clientSecret?: string;
	redirectUris?: string[];
	/**
	 * The connected app's "Require Secret for Web Server Flow" (default true). When false, a token
	 * request without client_secret is accepted (PKCE alone); a secret that is sent must still match.
	 */
	requireClientSecret?: boolean;
	/** When true every refresh answers a new refresh_token and the old one stops working. */
	rotateRefreshTokens?: boolean;
	/** Daily API calls allowed (M in api-usage=N/M), default 15000 (Developer Edition). */
	apiLimit?: number;
	/** API calls already spent when the emulator starts (N in api-usage=N/M), default 0. */
	apiUsed?: number;
	/**
	 * Lead duplicate rule on Email, default false. 'alert' (or true) lets Sforce-Duplicate-Rule-Header
	 * allowSave=true save a duplicate; 'block' never does.
	 */
	duplicateRuleOnEmail?: boolean | 'alert' | 'block';
	/** When set, an active Lead assignment rule gives this OwnerId unless Sforce-Auto-Assign: FALSE. */
	assignmentRuleOwnerId?: string;
	/** Lead assignment rules (AssignmentRule, key prefix 01Q); at most one active, and not with assignmentRuleOwnerId. */
	assignmentRules?: AssignmentRuleOption[];
	/** Campaigns (701) with their member statuses (01Y); members (00v) are added through the API. */
	campaigns?: CampaignOption[];
	/** instance_url in token answers; default the emulator's own url. */
	instanceUrl?: string;
	/** Serve https instead of http. */
	tls?: { key: string | Buffer; cert: string | Buffer };
	/** One line per request (the CLI prints them). */
	log?: (line: string) => void;
}

export interface UserOption {
	/** Shaped like an email address, at most 80 characters, unique in any letter case. */
	username: string;
	/** Default 'emulator', as the default user's. */
	password?: string;
}

export interface AssignmentRuleOption {
	name: string;
	/** The org's active rule: what Sforce-Auto-Assign absent or TRUE runs. */
	active: boolean;
	/** The OwnerId the rule gives a Lead (the API does not show it). */
	ownerId: string;
}

export interface CampaignOption {
	name: string;
	/** Default true. */
	isActive?: boolean;
	/** In SortOrder; default Sent (default) and Responded, as Salesforce gives a new campaign. Without isDefault the first is the default. */
	statuses?: CampaignStatusOption[];
}

export interface CampaignStatusOption {
	label: string;
	isDefault?: boolean;
	hasResponded?: boolean;
}

export interface OAuthApp {
	clientId: string;
	clientSecret: string;
	redirectUris: string[];
}

/** Salesforce's token answer (authorization_code and refresh_token grants). No expires_in, ever. */
export interface TokenResponse {
	access_token: string;
	refresh_token?: string;
	signature: string;
	scope: string;
	instance_url: string;
	id: string;
	token_type: 'Bearer';
	issued_at: string;
}

export interface RecordedRequest {
	method: string;
	/** Path without the query string. */
	path: string;
	query: Record<string, string>;
	/** The Host header as sent (tells login, test and My Domain apart). */
	host: string;
	/** Lower-cased header names; repeated headers joined with ', '. */
	headers: Record<string, string>;
	/** Parsed JSON, parsed form, raw text, or undefined when the request had no body. */
	body: unknown;
	/** Status answered; 0 when the connection was dropped without an answer. */
	status: number;
	/** The client's address (several local clients can be told apart by the loopback address they connect from). */
	remoteAddress: string;
	/** When the request arrived (ms since the epoch). */
	receivedAt: number;
	/**
	 * The user id (005, 18 characters) whose access token the Authorization header carried, when
	 * that token worked in this emulator as the request arrived; absent without a token, and for
	 * a token this org did not issue (another emulator's) or that no longer works.
	 */
	tokenUser?: string;
	/**
	 * The user this emulator issued the header's access token to, whether it still works or not
	 * (an expired token of this org has it, a token of another org never does).
	 */
	tokenIssuedTo?: string;
}

export interface Fault {
	/** Which requests: both optional = any. A string path matches the whole path or its end. */
	method?: string;
	path?: string | RegExp;
	/** How many matching calls it applies to (default 1; Infinity for all). */
	times?: number;
	/** How many matching calls pass untouched before it applies (default 0): a fault in the middle of a run. */
	after?: number;
	latencyMs?: number;
	/** Answer this instead (JSON or HTML body). */
	status?: number;
	body?: unknown;
	contentType?: string;
	/** Headers added to that answer (a redirect's Location, say). */
	headers?: Record<string, string>;
	/** Destroy the socket before / after the record is stored. */
	drop?: 'before' | 'after';
	/** The bearer token of this call is expired first. */
	expireToken?: boolean;
	/** Answer as Salesforce does for row lock contention. */
	errorCode?: 'UNABLE_TO_LOCK_ROW';
	/**
	 * Applies to one matching call in every `every` (default 1: each one), counted after `after`:
	 * `{ expireToken: true, every: 300, times: Infinity }` is a session that lasts 300 calls.
	 */
	every?: number;
	/**
	 * Row lock contention on a share of the records of a Collections write (0 < share <= 1), drawn
	 * record by record from `seed`: those fail with UNABLE_TO_LOCK_ROW and are not stored, the others
	 * are; with allOrNone true one locked record fails the whole call, as in Salesforce.
	 */
	lockRowFraction?: number;
	/** Seed of the draws of `lockRowFraction` (default 1): the same seed locks the same records. */
	seed?: number;
	/**
	 * Before the call, every refresh token is revoked and every access token expired, as when the
	 * user revokes the app's access: the call answers 401 and a refresh answers invalid_grant.
	 */
	revokeTokens?: boolean;
	/**
	 * The emulator restarts: the call's connection is dropped before anything is done, the listener
	 * goes away (connections refused) for `downMs`, then comes back on the same port with the same
	 * records and tokens (see EmulatorHandle.restart).
	 */
	restart?: { downMs: number };
}

/** What the faults did so far (EmulatorHandle.faults.stats()). */
export interface FaultStats {
	/** Calls a fault applied to (a call several faults applied to counts once per fault). */
	applied: number;
	/** Records refused by `lockRowFraction`. */
	lockedRecords: number;
	/** Restarts, by a fault or by restart(). */
	restarts: number;
}

export interface ApiUsage {
	used: number;
	limit: number;
	/** Keys like 'POST /composite/sobjects', 'GET /sobjects/{Name}/describe'. */
	byEndpoint: Record<string, number>;
}

export interface EmulatorHandle {
	/** e.g. http://127.0.0.1:41234 (no trailing slash). */
	url: string;
	app: OAuthApp;
	/** This org's id (18 characters; its first 15 start every access token). */
	orgId: string;
	/** The id of a user of this org by username (any letter case); throws for a username it does not have. */
	userId(username: string): string;
	stop(): Promise<void>;
	/** Stored records of that object, with Id (copies). */
	records(objectName: string): Array<Record<string, unknown>>;
	/**
	 * Stores a record without an API call (not counted, no checks): any field of the describe, even
	 * read-only ones (IsConverted: true, LastModifiedDate); the org's defaults fill the rest. Answers the Id.
	 */
	insert(objectName: string, fields: Record<string, unknown>): string;
	/** Every request, in order of arrival. */
	requests(): RecordedRequest[];
	apiUsage(): ApiUsage;
	/** As if a user (by username; default the default user) had consented: a Salesforce token answer. */
	issueTokens(opts?: { scope?: string; user?: string }): TokenResponse;
	/** An admin changes an object (a field made required or optional, added, removed): served and enforced from now on. */
	setDescribe(name: string, describe: object): void;
	/** Every access token issued so far stops working (401 INVALID_SESSION_ID). */
	expireAccessTokens(): void;
	/** Every refresh token issued so far stops working (400 invalid_grant), as when a user revokes the app. */
	revokeRefreshTokens(): void;
	/**
	 * Stops listening (connections refused, open ones dropped) for `downMs` (default 1000), then
	 * listens again on the same host and port, with the same records, tokens and faults, as a
	 * restarted Salesforce front end would. Resolves once it listens again.
	 */
	restart(options?: { downMs?: number }): Promise<void>;
	/** Turns refresh-token rotation (the rotateRefreshTokens option) on or off from the next refresh on. */
	setRefreshTokenRotation(rotate: boolean): void;
	faults: {
		add(fault: Fault): void;
		clear(): void;
		stats(): FaultStats;
	};
}
