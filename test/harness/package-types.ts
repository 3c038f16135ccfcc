import { LazyPackageDirectoryLoader } from 'n8n-core';
import type { PackageDirectoryLoader } from 'n8n-core';
import { NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialType,
	IDataObject,
	INodeProperties,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

import { OAuth2ApiCredential } from './oauth2-api-credential';
import { WebhookNode, WEBHOOK_NODE_TYPE } from './webhook-node';

/**
 * Node and credential types the way n8n sees an installed community package: loaded by n8n-core's
 * own package loader from the package's built files (package.json "n8n" section, dist/), named
 * `<package name>.<node name>`, plus the two types from n8n-nodes-base the workflows here need
 * (the Webhook trigger and the `oAuth2Api` parent credential).
 */
export class PackageTypes implements INodeTypes {
	private constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly builtInNodes: Record<string, INodeType>,
		private readonly builtInCredentials: Record<string, ICredentialType>,
	) {}

	static async load(packageDir: string): Promise<PackageTypes> {
		const loader = new LazyPackageDirectoryLoader(packageDir);
		await loader.loadAll();
		if (Object.keys(loader.known.nodes).length === 0) {
			throw new Error(
				`No n8n nodes found in ${packageDir}: check package.json "n8n.nodes" and run \`npm run build\``,
			);
		}
		const oAuth2Api = new OAuth2ApiCredential();
		return new PackageTypes(
			loader,
			{ [WEBHOOK_NODE_TYPE]: new WebhookNode() },
			{ [oAuth2Api.name]: oAuth2Api },
		);
	}

	get packageName(): string {
		return this.loader.packageName;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		if (nodeType in this.builtInNodes) return this.builtInNodes[nodeType];
		const prefix = `${this.loader.packageName}.`;
		if (!nodeType.startsWith(prefix)) {
			throw new Error(`Unknown node type "${nodeType}": this harness knows ${prefix}* and ${WEBHOOK_NODE_TYPE}`);
		}
		return this.loader.getNode(nodeType.slice(prefix.length)).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return this.loader.known.nodes;
	}

	credentialType(name: string): ICredentialType {
		if (name in this.builtInCredentials) return this.builtInCredentials[name];
		return this.loader.getCredential(name).type;
	}

	/** Every ancestor of a credential type, nearest first, as n8n's CredentialTypes.getParentTypes. */
	getParentTypes(name: string): string[] {
		const parents = this.credentialType(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** The parents' properties overlaid by the type's own, as n8n's CredentialsHelper does. */
	getCredentialsProperties(name: string): INodeProperties[] {
		const type = this.credentialType(name);
		if (!type.extends) return type.properties;
		const combined: INodeProperties[] = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}

	/** The full type names of this package's nodes that declare the credential. */
	supportedNodes(credentialName: string): string[] {
		const nodes = this.loader.known.credentials[credentialName]?.supportedNodes ?? [];
		return nodes.map((node) => `${this.loader.packageName}.${node}`);
	}
}
