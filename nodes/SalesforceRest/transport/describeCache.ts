/**
 * The describe of an object, and what the node derives from it (field lookup, required fields,
 * picklist indexes), shared by the executions of this n8n process.
 *
 * Most leads arrive one per execution (a webhook, a form): without this every execution would fetch
 * and parse about 250 KB of describe before its one create, spending two API calls per lead. An entry
 * is keyed by everything that can change the answer: the credential and the user it is connected as
 * (field-level security differs per user), the instance, the API version and the object.
 *
 * The cache never makes a result wrong, only cheaper: the save pipeline checks a failing item again
 * against a freshly fetched describe before refusing it, and drops the entry when Salesforce answers
 * with an error that means the schema changed. The editor's field and object lists never use it.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { SObjectDescribe } from '../helpers/describe';
import { createRecordRules, type RecordRules } from '../helpers/validation';
import { SharedCache, type CacheHit } from './sharedCache';
import { describeSObject, type SalesforceConnection } from './index';

export interface ObjectSchema {
	describe: SObjectDescribe;
	rules: RecordRules;
}

/** How long an entry lives by default: an admin's change reaches executions within five minutes. */
export const DEFAULT_DESCRIBE_CACHE_SECONDS = 300;

/** Objects × credentials × users a process keeps at most; the least recently used go first. */
const MAX_ENTRIES = 100;

const schemas = new SharedCache<ObjectSchema>(MAX_ENTRIES);

function keyOf(connection: SalesforceConnection, objectName: string): string {
	return `${connection.identity}|${objectName.toLowerCase()}`;
}

async function fetchSchema(ctx: IExecuteFunctions, connection: SalesforceConnection, objectName: string): Promise<ObjectSchema> {
	const describe = await describeSObject(ctx, connection, objectName);
	return { describe, rules: createRecordRules(describe) };
}

/** The object's schema: cached when younger than `maxAgeMs` (0: always fetched, nothing kept). */
export async function objectSchema(
	ctx: IExecuteFunctions,
	connection: SalesforceConnection,
	objectName: string,
	maxAgeMs: number,
): Promise<CacheHit<ObjectSchema>> {
	if (maxAgeMs <= 0) return { value: await fetchSchema(ctx, connection, objectName), loadedAt: Date.now(), fromCache: false };
	return await schemas.get(keyOf(connection, objectName), maxAgeMs, async () => await fetchSchema(ctx, connection, objectName));
}

/** The schema fetched anew (shared with any other execution fetching it now), replacing the entry. */
export async function freshObjectSchema(
	ctx: IExecuteFunctions,
	connection: SalesforceConnection,
	objectName: string,
): Promise<ObjectSchema> {
	return (await schemas.reload(keyOf(connection, objectName), async () => await fetchSchema(ctx, connection, objectName))).value;
}

/** Salesforce said the schema changed: the next execution fetches it anew. */
export function forgetObjectSchema(connection: SalesforceConnection, objectName: string, schema: ObjectSchema): void {
	schemas.drop(keyOf(connection, objectName), schema);
}

/** For tests: start from an empty cache. */
export function clearObjectSchemas(): void {
	schemas.clear();
}
