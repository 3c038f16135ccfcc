import Module from 'node:module';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { KnownNodesAndCredentials } from 'n8n-workflow';

/**
 * Some types of another installed n8n package, e.g. n8n's built-in Salesforce node and its
 * credential from n8n-nodes-base, run next to this package's nodes in the same engine.
 */
export interface OtherPackage {
	/** The package's folder (the one with package.json and dist/). */
	dir: string;
	/** Node names without the package prefix, e.g. `salesforce`. */
	nodes: string[];
	/** Credential type names, e.g. `salesforceOAuth2Api`. */
	credentials: string[];
}

/**
 * n8n-core's package loader, lazy as n8n's own LazyPackageDirectoryLoader (classes are required on
 * first use from the paths in dist/known/*.json), but without reading dist/types/*.json: for
 * n8n-nodes-base that is 9 MB of node descriptions the editor needs and an execution never reads,
 * and parsing it would add tens of MB to the peak memory measured for the other package's node.
 */
export class SelectedTypesLoader extends PackageDirectoryLoader {
	constructor(private readonly selection: OtherPackage) {
		super(selection.dir);
	}

	async loadAll(): Promise<void> {
		const known = {
			nodes: await this.readJSON<KnownNodesAndCredentials['nodes']>('dist/known/nodes.json'),
			credentials: await this.readJSON<KnownNodesAndCredentials['credentials']>('dist/known/credentials.json'),
		};
		this.known.nodes = pick(known.nodes, this.selection.nodes, `nodes of ${this.packageName}`);
		this.known.credentials = pick(known.credentials, this.selection.credentials, `credentials of ${this.packageName}`);
		this.isLazyLoaded = true;
	}
}

function pick<T>(all: Record<string, T>, names: string[], what: string): Record<string, T> {
	const missing = names.filter((name) => !(name in all));
	if (missing.length > 0) throw new Error(`No ${missing.join(', ')} among the ${what}`);
	return Object.fromEntries(names.map((name) => [name, all[name]]));
}

/** Folders whose modules get this repository's n8n-workflow instead of their own copy. */
const redirectedFolders = new Set<string>();

/**
 * Makes every `require('n8n-workflow')` from files under `installRoot` (another package's
 * node_modules) load the copy n8n-core here uses. Two copies would mean two NodeApiError classes,
 * two expression engines, two `NodeConnectionTypes`: n8n-core's `instanceof` checks would fail on
 * errors the other package's node throws, as they would in n8n if a node bundled its own copy.
 */
export function shareOurN8nWorkflow(installRoot: string): void {
	const folder = `${path.resolve(installRoot)}${path.sep}`;
	if (redirectedFolders.has(folder)) return;
	if (redirectedFolders.size === 0) installResolveHook();
	redirectedFolders.add(folder);
}

type ResolveFilename = (request: string, parent: NodeModule | undefined, ...rest: unknown[]) => string;

function installResolveHook(): void {
	const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename };
	const original = moduleInternals._resolveFilename;
	moduleInternals._resolveFilename = function (request, parent, ...rest) {
		const fromOtherPackage =
			parent?.filename !== undefined && [...redirectedFolders].some((folder) => parent.filename.startsWith(folder));
		if (fromOtherPackage && (request === 'n8n-workflow' || request.startsWith('n8n-workflow/'))) {
			return require.resolve(request);
		}
		return original.call(this, request, parent, ...rest);
	};
}
