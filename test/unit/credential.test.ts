import { Workflow, type INode, type INodeParameters, type INodeTypes } from 'n8n-workflow';

import { SalesforceRestOAuth2Api } from '../../credentials/SalesforceRestOAuth2Api.credentials';

const credential = new SalesforceRestOAuth2Api();
const defaultOf = (name: string) => credential.properties.find((property) => property.name === name)?.default;

/** Resolves the credential's hidden expressions over `$self` the way n8n resolves credential data. */
function resolve(data: INodeParameters): INodeParameters {
	const node: INode = { id: '1', name: 'mock', type: 'mock', typeVersion: 1, position: [0, 0], parameters: {} };
	const nodeTypes = { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes as unknown as INodeTypes });
	const full: INodeParameters = {
		authUrl: defaultOf('authUrl') as string,
		accessTokenUrl: defaultOf('accessTokenUrl') as string,
		...data,
	};
	return workflow.expression.getComplexParameterValue(node, full, 'manual', {}, undefined, undefined, full) as INodeParameters;
}

describe('SalesforceRestOAuth2Api', () => {
	it('extends oAuth2Api with PKCE, least-privilege scope and client credentials in the body', () => {
		expect(credential.name).toBe('salesforceRestOAuth2Api');
		expect(credential.extends).toEqual(['oAuth2Api']);
		expect(defaultOf('grantType')).toBe('pkce');
		expect(defaultOf('scope')).toBe('api refresh_token');
		expect(defaultOf('authQueryParameters')).toBe('');
		expect(defaultOf('authentication')).toBe('body');
	});

	it('shows My Domain URL only for the My Domain environment', () => {
		const myDomainUrl = credential.properties.find((property) => property.name === 'myDomainUrl');
		expect(myDomainUrl?.displayOptions).toEqual({ show: { environment: ['myDomain'] } });
	});

	it.each([
		['production', undefined, 'https://login.salesforce.com'],
		['sandbox', undefined, 'https://test.salesforce.com'],
		['myDomain', 'https://acme.my.salesforce.com//', 'https://acme.my.salesforce.com'],
		['myDomain', ' acme--uat.sandbox.my.salesforce.com ', 'https://acme--uat.sandbox.my.salesforce.com'],
		['myDomain', 'http://acme.my.salesforce.com/', 'https://acme.my.salesforce.com'],
		['myDomain', 'http://localhost:8787/', 'http://localhost:8787'],
		['myDomain', 'http://127.0.0.1:41234', 'http://127.0.0.1:41234'],
		['myDomain', 'http://127.0.0.2', 'http://127.0.0.2'],
		['myDomain', 'http://[::1]:8787', 'http://[::1]:8787'],
		['myDomain', 'http://localhost.evil.com', 'https://localhost.evil.com'],
		['myDomain', 'https://acme.my.salesforce.com/x?y=1#f', 'https://acme.my.salesforce.com'],
		['myDomain', 'acme.my.salesforce.com/services/oauth2/token', 'https://acme.my.salesforce.com'],
		['myDomain', 'http://localhost:8787?x=1', 'http://localhost:8787'],
		['myDomain', 'https://acme.my.salesforce.com#fragment', 'https://acme.my.salesforce.com'],
	])('for %s %j logs in at %s', (environment, myDomainUrl, host) => {
		const resolved = resolve({ environment, ...(myDomainUrl !== undefined && { myDomainUrl }) });
		expect(resolved.authUrl).toBe(`${host}/services/oauth2/authorize`);
		expect(resolved.accessTokenUrl).toBe(`${host}/services/oauth2/token`);
	});
});
