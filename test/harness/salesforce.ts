import type {
	IConnections,
	IDataObject,
	INode,
	INodeParameters,
	ResourceMapperField,
	ResourceMapperValue,
} from 'n8n-workflow';

import type { EmulatorHandle, TokenResponse } from '../../emulator';
import { createAdditionalData, workflowRecord } from './additional-data';
import { authorizeWithPkce } from './authorization-code-flow';
import { InMemoryCredentialsHelper } from './credentials-helper';
import type { StoredCredential } from './credentials-helper';
import { loadPackageTypes } from './load-package';
import type { WorkflowFile } from './run-workflow';
import { WEBHOOK_NODE_TYPE } from './webhook-node';

/** The node's type as a real n8n names it once the package is installed. */
export const SALESFORCE_NODE_TYPE = 'n8n-nodes-salesforce-rest.salesforceRest';
export const SALESFORCE_CREDENTIAL_TYPE = 'salesforceRestOAuth2Api';

/** Where an emulator answers and the OAuth app it accepts (enough to build a credential in another process). */
export type EmulatorAddress = Pick<EmulatorHandle, 'url' | 'app'>;

/**
 * The credential a user would have after connecting it to the emulator: the app's client id and
 * secret, the emulator as My Domain (plain http is allowed on loopback), and Salesforce's token
 * answer as n8n stores it (`oauthTokenData`).
 */
export function emulatorCredential(emulator: EmulatorAddress, tokens: TokenResponse | IDataObject): StoredCredential {
	return {
		id: 'salesforce-emulator',
		name: 'Salesforce (emulator)',
		type: SALESFORCE_CREDENTIAL_TYPE,
		data: {
			clientId: emulator.app.clientId,
			clientSecret: emulator.app.clientSecret,
			environment: 'myDomain',
			myDomainUrl: emulator.url,
			oauthTokenData: { ...tokens },
		},
	};
}

/**
 * A connected credential: tokens issued as if a user of the emulator's org (by username; default
 * its default user) had just consented.
 */
export async function connectedCredential(emulator: EmulatorHandle, options: { user?: string } = {}): Promise<StoredCredential> {
	return emulatorCredential(emulator, emulator.issueTokens({ user: options.user }));
}

/**
 * Connects the credential the way a user does in n8n: the authorize and token URLs and the scope
 * come from the credential type itself (resolved from its Environment and My Domain URL fields),
 * then the authorization-code + PKCE flow runs against the emulator over plain HTTP.
 */
export async function connectThroughConsent(
	emulator: EmulatorHandle,
): Promise<{ credential: StoredCredential; steps: string[] }> {
	const unconnected = emulatorCredential(emulator, {});
	delete unconnected.data.oauthTokenData;
	const types = await loadPackageTypes();
	const helper = new InMemoryCredentialsHelper(types, [unconnected]);
	const additionalData = createAdditionalData({
		credentialsHelper: helper,
		mode: 'internal',
		executionId: 'credential-connect',
		workflowData: workflowRecord('Credential connection'),
	});
	const resolved = await helper.getDecrypted(
		additionalData,
		{ id: unconnected.id, name: unconnected.name },
		unconnected.type,
		'internal',
	);
	const { tokens, steps } = await authorizeWithPkce({
		authUrl: String(resolved.authUrl),
		accessTokenUrl: String(resolved.accessTokenUrl),
		clientId: String(resolved.clientId),
		clientSecret: String(resolved.clientSecret),
		scope: String(resolved.scope),
		redirectUri: emulator.app.redirectUris[0],
	});
	return { credential: emulatorCredential(emulator, tokens), steps };
}

/** What n8n's Webhook node outputs for a POSTed JSON body. */
export function webhookItem(body: IDataObject): IDataObject {
	return {
		headers: { 'content-type': 'application/json' },
		params: {},
		query: {},
		body,
		webhookUrl: 'http://localhost:5678/webhook/lead-intake',
		executionMode: 'production',
	};
}

const webhookNode: INode = {
	id: '6f1d7c36-0c2a-4f5e-9b1e-7d1b2f3a4c5d',
	name: 'Webhook',
	type: WEBHOOK_NODE_TYPE,
	typeVersion: 2,
	position: [0, 0],
	webhookId: 'b6f0e1a4-4a52-4a7c-9d2e-3f6b8c1d2e7f',
	parameters: { httpMethod: 'POST', path: 'lead-intake', options: {} },
};

/** The node a webhook workflow hands its items to: which type, and the credential it is bound to. */
export interface CalledNode {
	type: string;
	typeVersion: number;
	credentialType: string;
	parameters: INodeParameters;
}

export interface CalledNodeSettings {
	continueOnFail?: boolean;
	/** On Error: "Continue (using error output)": failed items leave on a second output. */
	errorOutput?: boolean;
	executeOnce?: boolean;
	name?: string;
}

/** Webhook → one node (this package's, or another package's such as n8n's built-in Salesforce node). */
export function webhookTo(called: CalledNode, settings: CalledNodeSettings = {}): WorkflowFile {
	const name = settings.name ?? 'Salesforce';
	const node: INode = {
		id: '0a8c2b7e-5d4f-4e6a-8b9c-1d2e3f4a5b6c',
		name,
		type: called.type,
		typeVersion: called.typeVersion,
		position: [220, 0],
		parameters: called.parameters,
		credentials: { [called.credentialType]: { id: 'salesforce-emulator', name: 'Salesforce (emulator)' } },
		...(settings.continueOnFail && { onError: 'continueRegularOutput' as const }),
		...(settings.errorOutput && { onError: 'continueErrorOutput' as const }),
		...(settings.executeOnce && { executeOnce: true }),
	};
	const connections: IConnections = {
		Webhook: { main: [[{ node: name, type: 'main', index: 0 }]] },
	};
	return { name: 'test', nodes: [webhookNode, node], connections, settings: { executionOrder: 'v1' } };
}

/** Webhook → one Salesforce REST node with these parameters. */
export function webhookToSalesforce(parameters: INodeParameters, settings: CalledNodeSettings = {}): WorkflowFile {
	return webhookTo({ type: SALESFORCE_NODE_TYPE, typeVersion: 1, credentialType: SALESFORCE_CREDENTIAL_TYPE, parameters }, settings);
}

/**
 * Lead → Create with fields mapped one by one ("Map each column manually"), saved as the editor
 * saves a resourceMapper value; `schema` is the field list the editor loaded (none when the
 * workflow was written by hand).
 */
export function leadCreateParameters(
	value: INodeParameters,
	options: INodeParameters = {},
	schema: ResourceMapperField[] = [],
): INodeParameters {
	return leadCreateWith({ mappingMode: 'defineBelow', value: value as ResourceMapperValue['value'], schema }, options);
}

/** Lead → Create with "Map Automatically": each item's own keys (Lead API names or labels) are the fields. */
export function leadAutoMapParameters(options: INodeParameters = {}): INodeParameters {
	return leadCreateWith({ mappingMode: 'autoMapInputData', value: null, schema: [] }, options);
}

/** How Create or Update matches: by Email, or by an external ID field. */
export type MatchOn = { matchOn: 'email' } | { matchOn: 'externalId'; externalIdField: string };

/** Lead → Create or Update with fields mapped one by one. */
export function leadUpsertParameters(value: INodeParameters, match: MatchOn = { matchOn: 'email' }, options: INodeParameters = {}): INodeParameters {
	const create = leadCreateParameters(value, options);
	return { ...create, operation: 'upsert', ...match };
}

/** The resourceMapper value as the editor saves it. */
function leadCreateWith(
	mapping: Pick<ResourceMapperValue, 'mappingMode' | 'value' | 'schema'>,
	options: INodeParameters,
): INodeParameters {
	const fields: ResourceMapperValue = {
		...mapping,
		matchingColumns: [],
		attemptToConvertTypes: false,
		convertFieldsToString: true,
	};
	return { resource: 'lead', operation: 'create', fields, options };
}

/** Object → Describe of an object picked from the list (or typed by name). */
export function describeParameters(
	sobject: string,
	output: 'summary' | 'raw' = 'summary',
	mode: 'list' | 'name' = 'list',
): INodeParameters {
	return { resource: 'object', operation: 'describe', sobject: { __rl: true, mode, value: sobject }, output };
}
