import { getAdditionalKeys, getNonWorkflowAdditionalKeys } from 'n8n-core';
import { deepCopy, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	IDataObject,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import type { PackageTypes } from './package-types';

/** n8n resolves credential expressions in a one-node workflow whose node type is unknown on purpose. */
const NO_NODE_TYPES = {
	getByName: () => undefined,
	getByNameAndVersion: () => undefined,
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/** A credential as n8n stores it, already decrypted: the values the user entered plus token data. */
export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/** One call n8n's OAuth2 code made to store refreshed token data. */
export interface TokenUpdate {
	credentialId: string;
	type: string;
	oauthTokenData: Record<string, unknown>;
}

/**
 * n8n's credentials helper with an in-memory store instead of the encrypted database. It resolves
 * credential data the way n8n's CLI does (parent properties merged, defaults applied, expressions
 * such as `$self.environment` evaluated) and answers `getParentTypes` from the real type chain, so
 * a node that calls `httpRequestWithAuthentication` goes through n8n-core's OAuth2 code: bearer
 * token, refresh on 401 against `accessTokenUrl`, then `updateCredentialsOauthTokenData`.
 */
export class InMemoryCredentialsHelper extends ICredentialsHelper {
	readonly tokenUpdates: TokenUpdate[] = [];

	private readonly store = new Map<string, StoredCredential>();

	constructor(
		private readonly types: PackageTypes,
		credentials: StoredCredential[],
	) {
		super();
		for (const credential of credentials) this.store.set(credential.id, deepCopy(credential));
	}

	/** The credential as stored now (after any token refresh). */
	stored(id: string): StoredCredential {
		const credential = this.store.get(id);
		if (!credential) throw new Error(`No credential with id "${id}"`);
		return credential;
	}

	/** What another n8n process does after its own refresh: the new token data replaces the stored one. */
	storeTokens(id: string, oauthTokenData: IDataObject): void {
		const credential = this.stored(id);
		credential.data = { ...credential.data, oauthTokenData: { ...oauthTokenData } };
	}

	getParentTypes(name: string): string[] {
		return this.types.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.credentialType(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		return this.types.supportedNodes(credentialType).includes(nodeType);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types.getCredentialsProperties(type);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.types.credentialType(typeName);
		if (authenticate === undefined) return requestOptions as IHttpRequestOptions;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		// OAuth2 credentials never get here (n8n-core signs their requests itself).
		throw new Error(`Generic authentication of "${typeName}" is not supported by this harness`);
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		if (!credentialsExpired) return undefined;
		return await this.runPreAuthentication(helpers, credentials, typeName);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.types.credentialType(typeName);
		if (!preAuthentication) return undefined;
		return (await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<ICredentials> {
		// Only n8n's CLI (credential editing, sharing) reads the encrypted form.
		throw new Error('The harness keeps credentials decrypted: use getDecrypted');
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credential = this.find(nodeCredentials, type);
		const data = deepCopy(credential.data);
		if (raw) return data;
		return this.applyDefaultsAndExpressions(data, type, additionalData, mode, executeData, expressionResolveValues);
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.find(nodeCredentials, type).data = deepCopy(data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const credential = this.find(nodeCredentials, type);
		const oauthTokenData = deepCopy(data.oauthTokenData) as IDataObject;
		credential.data = { ...credential.data, oauthTokenData };
		this.tokenUpdates.push({ credentialId: credential.id, type, oauthTokenData: { ...oauthTokenData } });
	}

	private find(nodeCredentials: INodeCredentialsDetails, type: string): StoredCredential {
		const credential = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (!credential || credential.type !== type) {
			throw new Error(
				`Credential ${JSON.stringify(nodeCredentials)} of type "${type}" is not in the harness's store`,
			);
		}
		return credential;
	}

	/** As n8n's CredentialsHelper.applyDefaultsAndOverwrites (there are no overwrites here). */
	private applyDefaultsAndExpressions(
		original: ICredentialDataDecryptedObject,
		type: string,
		additionalData: IWorkflowExecuteAdditionalData,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		resolveValues?: ICredentialsExpressionResolveValues,
	): ICredentialDataDecryptedObject {
		const properties = this.getCredentialsProperties(type);
		const withDefaults = NodeHelpers.getNodeParameters(properties, original as INodeParameters, true, false, null, null);
		const data = { ...withDefaults } as INodeParameters;
		if (original.oauthTokenData !== undefined) data.oauthTokenData = original.oauthTokenData as INodeParameters;

		if (resolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } = resolveValues;
			return workflow.expression.getParameterValue(
				data,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				getAdditionalKeys(additionalData, mode, runExecutionData),
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		}
		const mockNode: INode = {
			id: 'credential-resolution',
			name: 'mock',
			type: 'mock',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		};
		const workflow = new Workflow({
			nodes: [mockNode],
			connections: {},
			active: false,
			nodeTypes: NO_NODE_TYPES,
		});
		return workflow.expression.getComplexParameterValue(
			mockNode,
			data,
			mode,
			getNonWorkflowAdditionalKeys(additionalData),
			undefined,
			undefined,
			data,
		) as ICredentialDataDecryptedObject;
	}
}
