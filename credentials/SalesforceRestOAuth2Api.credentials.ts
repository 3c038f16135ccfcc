import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The login host as an n8n expression over this credential's own fields: production and sandbox have
 * fixed hosts, My Domain uses the org's URL. A My Domain URL is reached over https (a missing scheme
 * or plain http is upgraded); plain http is kept only for loopback addresses (a local test server).
 * Only its origin is used: a path, query or fragment pasted with it would otherwise end up in the
 * token request's URL. The node reads the URL the same way (helpers/instanceUrl.ts).
 */
const LOGIN_HOST_EXPRESSION =
	'($self["environment"] === "sandbox" ? "https://test.salesforce.com"' +
	' : $self["environment"] === "myDomain" ? String($self["myDomainUrl"] || "").trim()' +
	'.replace(/^(?!https:\\/\\/|http:\\/\\/(localhost|127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1\\])(:\\d+)?([\\/?#]|$))(http:\\/\\/)?/i, "https://")' +
	'.replace(/^(https?:\\/\\/[^\\/?#]*)[\\s\\S]*$/i, "$1")' +
	' : "https://login.salesforce.com")';

const oauthEndpoint = (path: string): string => `={{ ${LOGIN_HOST_EXPRESSION} + "${path}" }}`;

export class SalesforceRestOAuth2Api implements ICredentialType {
	name = 'salesforceRestOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Salesforce REST OAuth2 API';

	icon = 'file:salesforceRest.svg' as const;

	documentationUrl =
		'https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5';

	properties: INodeProperties[] = [
		{
			displayName:
				'In Salesforce Setup create an External Client App (or a Connected App) with OAuth enabled: paste the OAuth Redirect URL shown above as its callback URL, select the scopes "Manage user data via APIs (api)" and "Perform requests at any time (refresh_token, offline_access)", and keep "Require Proof Key for Code Exchange (PKCE)" on. Then copy its Consumer Key and Consumer Secret here.',
			name: 'setupNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'Log in through login.salesforce.com',
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'Log in through test.salesforce.com',
				},
				{
					name: 'My Domain',
					value: 'myDomain',
					description:
						"Log in through the org's own domain (needed when the org blocks the generic login hosts)",
				},
			],
			default: 'production',
		},
		{
			displayName: 'My Domain URL',
			name: 'myDomainUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://acme.my.salesforce.com',
			description:
				'The org\'s My Domain login URL, e.g. https://acme.my.salesforce.com or https://acme--uat.sandbox.my.salesforce.com. It is always reached over https; http:// is kept only for localhost, 127.0.0.1 or [::1].',
			displayOptions: {
				show: {
					environment: ['myDomain'],
				},
			},
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'pkce',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: oauthEndpoint('/services/oauth2/authorize'),
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: oauthEndpoint('/services/oauth2/token'),
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			// Least privilege that still yields a refresh token.
			default: 'api refresh_token',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			// Salesforce takes client_id and client_secret in the token request body.
			default: 'body',
		},
	];
}
