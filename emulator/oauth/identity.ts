/**
 * Who a token is: GET /services/oauth2/userinfo (the token's own user, OpenID Connect names) and
 * the identity URL GET /id/<orgId>/<userId> (the user the URL names, Salesforce's names).
 */
import { bearerToken, jsonReply, type EmulatorRequest, type Reply } from '../http';
import { nickNameOf, type EmulatorUser } from '../users';
import { identityBaseFor, type OAuthContext } from './context';
import { identityUrl } from './tokens';

/** What Salesforce answers without a valid token (and, in the emulator, for an identity it will not show). */
const BAD_TOKEN: Reply = { status: 403, headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: 'Bad_OAuth_Token' };
/** Scopes that let a token read another user's identity URL in the same org (Salesforce Help, "Identity URLs", Client Access). */
const OTHER_USERS_SCOPES = ['api', 'full'];

interface Caller {
	user: EmulatorUser;
	scope: string[];
}

/** The user of the request's valid access token (Authorization header, or the oauth_token parameter). */
function callerOf(context: OAuthContext, request: EmulatorRequest): Caller | undefined {
	const bearer = bearerToken(request.headers) ?? request.query.oauth_token;
	const token = bearer === undefined ? undefined : context.tokens.validAccessToken(bearer);
	const user = token === undefined ? undefined : context.users.byId(token.userId);
	return token === undefined || user === undefined ? undefined : { user, scope: token.scope };
}

export function handleUserInfo(context: OAuthContext, request: EmulatorRequest): Reply {
	const caller = callerOf(context, request);
	if (caller === undefined) return BAD_TOKEN;
	const { user } = caller;
	return jsonReply(200, {
		sub: identityUrl(identityBaseFor(request), context.tokens.orgId, user.id),
		user_id: user.id,
		organization_id: context.tokens.orgId,
		preferred_username: user.username,
		nickname: nickNameOf(user),
		name: `${user.firstName} ${user.lastName}`,
		email: user.username,
		email_verified: true,
		given_name: user.firstName,
		family_name: user.lastName,
		zoneinfo: 'GMT',
		...common(context, user),
	});
}

/**
 * The identity URL of `userId` in `orgId`. Another user of the org needs a token with the api or
 * full scope, as documented; an org or user this org does not have is refused like a bad token
 * (undocumented: the emulator's choice).
 */
export function handleIdentity(context: OAuthContext, request: EmulatorRequest, orgId: string, userId: string): Reply {
	const caller = callerOf(context, request);
	if (caller === undefined) return BAD_TOKEN;
	const user = context.users.byId(userId);
	if (orgId.slice(0, 15) !== context.tokens.orgId.slice(0, 15) || user === undefined) return BAD_TOKEN;
	const asserted = user.id === caller.user.id;
	if (!asserted && !caller.scope.some((name) => OTHER_USERS_SCOPES.includes(name))) return BAD_TOKEN;
	return jsonReply(200, {
		id: identityUrl(identityBaseFor(request), context.tokens.orgId, user.id),
		asserted_user: asserted,
		user_id: user.id,
		organization_id: context.tokens.orgId,
		username: user.username,
		nick_name: nickNameOf(user),
		display_name: `${user.firstName} ${user.lastName}`,
		email: user.username,
		email_verified: true,
		first_name: user.firstName,
		last_name: user.lastName,
		timezone: 'GMT',
		...common(context, user),
	});
}

function common(context: OAuthContext, user: EmulatorUser): Record<string, unknown> {
	const instanceUrl = context.instanceUrl();
	return {
		active: true,
		user_type: 'STANDARD',
		language: 'en_US',
		locale: 'en_US',
		utcOffset: 0,
		urls: {
			rest: `${instanceUrl}/services/data/v{version}/`,
			sobjects: `${instanceUrl}/services/data/v{version}/sobjects/`,
			query: `${instanceUrl}/services/data/v{version}/query/`,
			profile: `${instanceUrl}/${user.id}`,
		},
	};
}
