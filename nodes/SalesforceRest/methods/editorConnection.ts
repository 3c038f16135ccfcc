/**
 * What the editor's lists (fields, objects, campaigns, rules, statuses) call Salesforce with: the
 * node's API Version and the credential as it is now. They always fetch live, never from the describe
 * cache, so that what the user sees while editing is current.
 */
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import type { SObjectDescribe } from '../helpers/describe';
import { describeSObject, openConnection, type SalesforceConnection } from '../transport';

/** The API Version parameter's default (SalesforceRest.node.ts), for a node saved without it. */
const DEFAULT_API_VERSION = 'v66.0';

export async function editorConnection(ctx: ILoadOptionsFunctions): Promise<SalesforceConnection> {
	return await openConnection(ctx, ctx.getNodeParameter('apiVersion', DEFAULT_API_VERSION));
}

/** The org's Lead describe, fetched now. */
export async function liveLeadDescribe(ctx: ILoadOptionsFunctions): Promise<SObjectDescribe> {
	return await describeSObject(ctx, await editorConnection(ctx), 'Lead');
}
