import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TokenResponse } from '../../emulator';
import type { StoredCredential } from './credentials-helper';
import type { OtherPackage } from './other-packages';
import type { CalledNode, EmulatorAddress } from './salesforce';

/**
 * n8n's own Salesforce node (n8n-nodes-base 2.41.1), the anchor the benchmark compares against.
 * n8n-nodes-base is not a dependency of this repository: it comes from the real-n8n install in
 * .cache/e2e (scripts/e2e/n8n-runtime.ts).
 */
export const BUILT_IN_SALESFORCE_NODE_TYPE = 'n8n-nodes-base.salesforce';
export const BUILT_IN_SALESFORCE_CREDENTIAL_TYPE = 'salesforceOAuth2Api';
/** The newest version of the node in 2.41.1 (what the editor adds today). */
const BUILT_IN_SALESFORCE_VERSION = 1.1;

/** The node and its credential from an installed n8n-nodes-base folder. */
export function builtInSalesforcePackage(n8nNodesBaseDir: string): OtherPackage {
	return { dir: n8nNodesBaseDir, nodes: ['salesforce'], credentials: [BUILT_IN_SALESFORCE_CREDENTIAL_TYPE] };
}

/**
 * The built-in credential as a user would have it after connecting: it only knows Production and
 * Sandbox (login.salesforce.com / test.salesforce.com), and the node calls
 * `oauthTokenData.instance_url` (here the emulator) at API v59.0, so only a token refresh would
 * ever go to the login host, and the benchmark's tokens outlive its runs.
 */
export function builtInSalesforceCredential(emulator: EmulatorAddress, tokens: TokenResponse | IDataObject): StoredCredential {
	return {
		id: 'salesforce-emulator',
		name: 'Salesforce (emulator)',
		type: BUILT_IN_SALESFORCE_CREDENTIAL_TYPE,
		data: {
			clientId: emulator.app.clientId,
			clientSecret: emulator.app.clientSecret,
			environment: 'production',
			oauthTokenData: { ...tokens },
		},
	};
}

/** What Lead → Create of the built-in node is given: its fixed fields, the rest as additional fields. */
export interface BuiltInLeadFields {
	company: string;
	lastname: string;
	additionalFields?: INodeParameters;
}

/** Lead → Create of the built-in node (one `POST /sobjects/lead` per item). */
export function builtInLeadCreate(fields: BuiltInLeadFields): CalledNode {
	const parameters: INodeParameters = {
		authentication: 'oAuth2',
		resource: 'lead',
		operation: 'create',
		company: fields.company,
		lastname: fields.lastname,
		additionalFields: fields.additionalFields ?? {},
	};
	return {
		type: BUILT_IN_SALESFORCE_NODE_TYPE,
		typeVersion: BUILT_IN_SALESFORCE_VERSION,
		credentialType: BUILT_IN_SALESFORCE_CREDENTIAL_TYPE,
		parameters,
	};
}
