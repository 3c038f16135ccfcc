/**
 * The options Lead → Create (and the operations that save leads like it) offer, and how they are read
 * once per execution.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { checkBatchSize, MAX_RECORDS_PER_COLLECTION } from '../../helpers/batching';
import { DEFAULT_DESCRIBE_CACHE_SECONDS } from '../../transport/describeCache';

export interface SaveSettings {
	autoAssign: boolean;
	allowDuplicates: boolean;
	batchSize: number;
	autoMapAllowed: ReadonlySet<string>;
	/** How long a cached describe may be used; 0: fetched for every execution. */
	describeCacheMs: number;
	/** Whether single records (or Continue On Fail runs) may share a call with concurrent executions. */
	combineConcurrent: boolean;
}

export const saveOptions: INodeProperties[] = [
	{
		displayName: 'Allow Duplicates',
		name: 'allowDuplicates',
		type: 'boolean',
		default: false,
		description: "Whether to save a lead even when one of the org's duplicate rules matches it",
	},
	{
		displayName: 'Auto-Assign',
		name: 'autoAssign',
		type: 'boolean',
		default: true,
		description: "Whether the org's active lead assignment rule picks the owner of each new lead",
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_RECORDS_PER_COLLECTION },
		default: MAX_RECORDS_PER_COLLECTION,
		description:
			'How many leads go to Salesforce in one call (at most 200). Each call counts as one API request.',
	},
	{
		displayName: 'Cache Field List For (Seconds)',
		name: 'describeCacheSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		// DEFAULT_DESCRIBE_CACHE_SECONDS (n8n's lint wants a literal here).
		default: 300,
		description:
			"How long executions reuse the org's Lead describe (the field list every item is checked against) before fetching it again; 0 fetches it for every execution. An item the cached list refuses is checked again against a fresh one before it fails, so a field an admin just changed never blocks a lead.",
	},
	{
		displayName: 'Combine Concurrent Executions',
		name: 'combineConcurrent',
		type: 'boolean',
		default: true,
		description:
			'Whether leads of executions running at the same time (webhook calls arriving together) may go to Salesforce in one call, saving API requests. Each execution still gets exactly its own results; an all-or-none run of several leads is never combined. Nothing waits when no other call is in flight.',
	},
	{
		displayName: 'Fields Map Automatically May Set',
		name: 'autoMapFields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getLeadFieldNames', loadOptionsDependsOn: ['apiVersion'] },
		default: [],
		description:
			'With "Map Automatically", the only fields an input item may set; an item with any other field fails. Use it when the input comes from a public form or webhook, so that a stranger cannot set fields such as the owner or the status. None chosen: every field the connected user may set. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		// DEFAULT_TIMEOUT_MS in seconds (n8n's lint wants a literal here).
		default: 120,
		description:
			'Seconds to wait for each Salesforce answer. A create that has not answered by then is reported as OUTCOME_UNKNOWN on its items (Salesforce may still save it) and is never sent again.',
	},
];

function nonNegativeSeconds(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function readSaveSettings(this: IExecuteFunctions): SaveSettings {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const batchSize = options.batchSize ?? MAX_RECORDS_PER_COLLECTION;
	const batchSizeError = checkBatchSize(batchSize);
	if (batchSizeError) throw new NodeOperationError(this.getNode(), batchSizeError);
	return {
		autoAssign: options.autoAssign !== false,
		allowDuplicates: options.allowDuplicates === true,
		batchSize: batchSize as number,
		autoMapAllowed: new Set(Array.isArray(options.autoMapFields) ? (options.autoMapFields as string[]) : []),
		describeCacheMs: nonNegativeSeconds(options.describeCacheSeconds, DEFAULT_DESCRIBE_CACHE_SECONDS) * 1000,
		combineConcurrent: options.combineConcurrent !== false,
	};
}
