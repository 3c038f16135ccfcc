import path from 'node:path';

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
import { SelectedTypesLoader, shareOurN8nWorkflow, type OtherPackage } from './other-packages';
import { WebhookNode, WEBHOOK_NODE_TYPE } from './webhook-node';

/**
 * Node and credential types the way n8n sees an installed community package: loaded by n8n-core's
 * own package loader from the package's built files (package.json "n8n" section, dist/), named
 * `<package name>.<node name>`, plus the two types from n8n-nodes-base the workflows here need
 * (the Webhook trigger and the `oAuth2Api` parent credential), plus chosen types of other installed
 * packages (`otherPackages`, e.g. n8n's built-in Salesforce node), named as n8n names them too.
 */
export class PackageTypes implements INodeTypes {
	private constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly otherLoaders: PackageDirectoryLoader[],
		private readonly builtInNodes: Record<string, INodeType>,
		private readonly builtInCredentials: Record<string, ICredentialType>,
	) {}

	static async load(packageDir: string, otherPackages: OtherPackage[] = []): Promise<PackageTypes> {
		const loader = new LazyPackageDirectoryLoader(packageDir);
		await loader.loadAll();
		if (Object.keys(loader.known.nodes).length === 0) {
			throw new Error(
				`No n8n nodes found in ${packageDir}: check package.json "n8n.nodes" and run \`npm run build\``,
			);
		}
		const otherLoaders: PackageDirectoryLoader[] = [];
		for (const other of otherPackages) {
			// The folder holding the package and its dependencies (…/node_modules).
			shareOurN8nWorkflow(path.dirname(other.dir));
			const otherLoader = new SelectedTypesLoader(other);
			await otherLoader.loadAll();
			otherLoaders.push(otherLoader);
		}
		const oAuth2Api = new OAuth2ApiCredential();
		return new PackageTypes(
			loader,
			otherLoaders,
			{ [WEBHOOK_NODE_TYPE]: new WebhookNode() },
			{ [oAuth2Api.name]: oAuth2Api },
		);
	}

	private get allLoaders(): PackageDirectoryLoader[] {
		return [this.loader, ...this.otherLoaders];
	}

	get packageName(): string {
		return this.loader.packageName;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		if (nodeType in this.builtInNodes) return this.builtInNodes[nodeType];
		const loader = this.allLoaders.find((candidate) => nodeType.startsWith(`${candidate.packageName}.`));
		if (!loader) {
			const known = this.allLoaders.map((candidate) => `${candidate.packageName}.*`).join(', ');
			throw new Error(`Unknown node type "${nodeType}": this harness knows ${known} and ${WEBHOOK_NODE_TYPE}`);
		}
		return loader.getNode(nodeType.slice(loader.packageName.length + 1)).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.assign({}, ...this.allLoaders.map((loader) => loader.known.nodes)) as IDataObject;
	}

	credentialType(name: string): ICredentialType {
		if (name in this.builtInCredentials) return this.builtInCredentials[name];
		return this.loaderOfCredential(name).getCredential(name).type;
	}

	/** The package that defines the credential type (this one when none does, so its error names it). */
	private loaderOfCredential(name: string): PackageDirectoryLoader {
		return this.allLoaders.find((loader) => name in loader.known.credentials) ?? this.loader;
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

	/** The full type names of the nodes that declare the credential, in the package that defines it. */
	supportedNodes(credentialName: string): string[] {
		const loader = this.loaderOfCredential(credentialName);
		const nodes = loader.known.credentials[credentialName]?.supportedNodes ?? [];
		return nodes.map((node) => `${loader.packageName}.${node}`);
	}
}
