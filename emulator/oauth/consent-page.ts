/**
 * The login-and-consent page of the authorization endpoint: one real HTML form that posts back to
 * /services/oauth2/authorize with the original request in hidden fields. The element ids follow
 * Salesforce's pages (username, password, oaapprove, oadeny) so browser automation reads naturally.
 */
import { escapeHtml } from '../http';
import type { EmulatorUser } from '../users';

const SCOPE_DESCRIPTIONS: Record<string, string> = {
	api: 'Manage user data via APIs',
	refresh_token: 'Perform requests at any time',
	offline_access: 'Perform requests at any time',
	full: 'Full access',
	id: 'Access the identity URL service',
	profile: 'Access your basic information',
	email: 'Access your email address',
	address: 'Access your address',
	phone: 'Access your phone number',
	openid: 'Access unique user identifiers',
	web: 'Access the Salesforce API Platform via the web browser',
};

export interface ConsentPageModel {
	/** The authorize parameters to carry through the form, as received. */
	hidden: Record<string, string>;
	clientId: string;
	scope: string[];
	/** Show the username/password fields (no session yet, or prompt=login / select_account). */
	askLogin: boolean;
	loginHostLabel: string;
	/** Whose access is asked: the session's user, or the one the login fields are pre-filled with. */
	user: Pick<EmulatorUser, 'username' | 'password'>;
	error?: string;
}

export function consentPageHtml(model: ConsentPageModel): string {
	const hiddenInputs = Object.entries(model.hidden)
		.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
		.join('\n\t\t');
	const loginFields = model.askLogin
		? `<fieldset id="login">
		<legend>Log in to ${escapeHtml(model.loginHostLabel)}</legend>
		<label for="username">Username</label>
		<input type="email" id="username" name="username" value="${escapeHtml(model.user.username)}" autocomplete="username">
		<label for="password">Password</label>
		<input type="password" id="password" name="pw" value="${escapeHtml(model.user.password)}" autocomplete="current-password">
	</fieldset>`
		: '';
	const scopeItems = model.scope
		.map((name) => `<li data-scope="${escapeHtml(name)}">${escapeHtml(SCOPE_DESCRIPTIONS[name] ?? name)} (${escapeHtml(name)})</li>`)
		.join('\n\t\t\t');
	const error = model.error === undefined ? '' : `<p id="error" role="alert">${escapeHtml(model.error)}</p>`;
	return `<!DOCTYPE html>
<html lang="en">
<head>
	<meta charset="utf-8">
	<title>Allow Access? | Salesforce (emulator)</title>
	<style>
		body { font-family: sans-serif; max-width: 32rem; margin: 3rem auto; }
		fieldset { display: grid; gap: .4rem; margin-bottom: 1rem; }
		#error { color: #c23934; }
		.buttons { display: flex; gap: 1rem; }
	</style>
</head>
<body>
	<h1>Allow Access?</h1>
	<p>The app <strong id="client-id">${escapeHtml(model.clientId)}</strong> is asking to:</p>
	<form method="post" action="/services/oauth2/authorize">
		${error}
		${hiddenInputs}
		${loginFields}
		<ul id="scopes">
			${scopeItems}
		</ul>
		<p>Do you want to allow access for ${escapeHtml(model.user.username)}?</p>
		<div class="buttons">
			<button type="submit" id="oadeny" name="decision" value="deny">Deny</button>
			<button type="submit" id="oaapprove" name="decision" value="allow">Allow</button>
		</div>
	</form>
</body>
</html>
`;
}

/** Salesforce shows client and redirect URI errors as a plain page instead of redirecting to an untrusted URI. */
export function authorizeErrorPageHtml(error: string, description: string): string {
	return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Remote Access Error | Salesforce (emulator)</title></head>
<body>
	<h1>Remote Access Error</h1>
	<p id="error">error=${escapeHtml(error)}&amp;error_description=${escapeHtml(encodeURIComponent(description))}</p>
</body>
</html>
`;
}
