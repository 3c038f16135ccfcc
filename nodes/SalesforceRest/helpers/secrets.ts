/**
 * Keeping credentials out of messages. Pure.
 *
 * Whatever answers in Salesforce's place (a proxy, a WAF, a misconfigured gateway) may echo the
 * request in its error page: the Authorization header, a form or JSON body with tokens. Every text the
 * node takes from an answer or a thrown error goes through `redactSecrets` before it is quoted, so
 * that an execution log never shows a token.
 *
 * Each pattern is a fixed prefix, then runs of character classes where each run's class is disjoint
 * from the next one's (or a bounded repeat, or one optional word tried once), so that matching is
 * linear in the text: no quantifier can give characters back to another in more than one way.
 * "At least n" is written `{n}` then `*`: V8 runs `{n,}` over a long run about a hundred times slower.
 */

/** What stands in a message where a credential was. */
export const SECRET_MARKER = '[token removed]';

/** Caller-given secrets shorter than this are ignored: removing every "abc" would garble the message, and no credential is that short. */
const SHORTEST_SECRET = 8;

/**
 * A Salesforce access token or session id: the org id (`00D` + 12 or 15 letters and digits), `!`
 * (`%21` when URL-encoded), then the token itself.
 */
const SALESFORCE_TOKEN = /00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?(?:!|%21)[A-Za-z0-9._~+/=%-]+/g;

/** A Salesforce refresh token: `5Aep` and the rest of it. */
const REFRESH_TOKEN = /5Aep[A-Za-z0-9._~+/=%-]{16}[A-Za-z0-9._~+/=%-]*/g;

/**
 * An Authorization (or Proxy-Authorization) header or field, in a header line, JSON (escaped or not),
 * or a form: its scheme, if any, and the credentials after it, which may already be SECRET_MARKER
 * (`\[token removed\]`) when they were one of the exact secrets given.
 */
const AUTHORIZATION_VALUE = /(authorization[\\"']*\s*[:=]\s*[\\"']*)(?:[A-Za-z][A-Za-z0-9-]*[ \t]+)?(?:\[token removed\]|[^\s"'\\,;{}[\]<>]+)/gi;

/**
 * A value named like a credential (`access_token`, `refreshToken`, `client_secret`, `code_verifier`,
 * `password`, ...) in JSON, a form, a query string or a header line. The value is one run of characters
 * that cannot end it (quotes, white space, `&`, `,` ...).
 */
const NAMED_SECRET_VALUE = /((?:token|secret|password|passwd|verifier)[\\"']*\s*[:=]\s*[\\"']*)[^\s"'\\&,;)}\]<>[]+/gi;

/** "Bearer" and a credential after it (8 characters or more, so that "bearer of" stays prose). */
const BEARER_VALUE = /\b(bearer\s+)[A-Za-z0-9._~+/=!%-]{8}[A-Za-z0-9._~+/=!%-]*/gi;

/**
 * The text without any credential: the exact `secrets` given (the connection's own tokens), then
 * anything shaped or named like one. Linear in the text's length (see the file's comment).
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
	let redacted = text;
	for (const secret of secrets) {
		if (typeof secret === 'string' && secret.length >= SHORTEST_SECRET) redacted = redacted.split(secret).join(SECRET_MARKER);
	}
	return redacted
		.replace(AUTHORIZATION_VALUE, `$1${SECRET_MARKER}`)
		.replace(NAMED_SECRET_VALUE, `$1${SECRET_MARKER}`)
		.replace(BEARER_VALUE, `$1${SECRET_MARKER}`)
		.replace(SALESFORCE_TOKEN, SECRET_MARKER)
		.replace(REFRESH_TOKEN, SECRET_MARKER);
}
