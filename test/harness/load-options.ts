import { randomUUID } from 'node:crypto';

import { LoadOptionsContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ILoadOptionsFunctions,
	INode,
	INodeCredentials,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	ResourceMapperFields,
} from 'n8n-workflow';

import { createAdditionalData, workflowRecord } from './additional-data';
import { InMemoryCredentialsHelper } from './credentials-helper';
import type { StoredCredential } from './credentials-helper';
import { loadPackageTypes } from './load-package';

export interface LoadOptionsRequest {
	/** Full node type, e.g. `n8n-nodes-salesforce-rest.salesforceRest`. */
	nodeType: string;
	nodeVersion?: number;
	/** The parameters the editor currently shows for the node. */
	parameters: INodeParameters;
	/** The parameter the editor asks for, e.g. `parameters.fields`. */
	path: string;
	credentials: StoredCredential[];
	/** The n8n package the node comes from; this repository by default. */
	packageDir?: string;
}

type MethodKind = 'loadOptions' | 'listSearch' | 'resourceMapping';

/**
 * Calls a node's editor-side method as n8n's DynamicNodeParametersService does: a one-node
 * workflow named "Temp-Node" with the editor's current parameters, and n8n-core's
 * LoadOptionsContext as `this` (its getCredentials and httpRequestWithAuthentication included).
 */
async function callNodeMethod<T>(
	kind: MethodKind,
	methodName: string,
	request: LoadOptionsRequest,
	args: unknown[] = [],
): Promise<T> {
	const types = await loadPackageTypes(request.packageDir);
	const nodeType = types.getByNameAndVersion(request.nodeType, request.nodeVersion);
	const method = nodeType.methods?.[kind]?.[methodName] as
		| ((this: ILoadOptionsFunctions, ...methodArgs: unknown[]) => Promise<T>)
		| undefined;
	if (!method) throw new Error(`${request.nodeType} has no methods.${kind}.${methodName}`);

	const credentials: INodeCredentials = {};
	for (const { id, name, type } of request.credentials) credentials[type] = { id, name };
	const node: INode = {
		id: randomUUID(),
		name: 'Temp-Node',
		type: request.nodeType,
		typeVersion: request.nodeVersion ?? nodeType.description.defaultVersion ?? 1,
		position: [0, 0],
		parameters: request.parameters,
		credentials,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: types });
	const additionalData = createAdditionalData({
		credentialsHelper: new InMemoryCredentialsHelper(types, request.credentials),
		mode: 'internal',
		executionId: randomUUID(),
		workflowData: workflowRecord('Temp', [node]),
		currentNodeParameters: request.parameters,
	});
	const context = new LoadOptionsContext(workflow, workflow.nodes[node.name], additionalData, request.path);
	return await method.call(context, ...args);
}

export async function getResourceMappingFields(
	methodName: string,
	request: LoadOptionsRequest,
): Promise<ResourceMapperFields> {
	return await callNodeMethod<ResourceMapperFields>('resourceMapping', methodName, request);
}

export async function searchList(
	methodName: string,
	request: LoadOptionsRequest,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await callNodeMethod<INodeListSearchResult>('listSearch', methodName, request, [
		filter,
		paginationToken,
	]);
}

export async function getOptions(methodName: string, request: LoadOptionsRequest): Promise<INodePropertyOptions[]> {
	return await callNodeMethod<INodePropertyOptions[]>('loadOptions', methodName, request);
}
