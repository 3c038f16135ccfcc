/**
 * The options of the operations that save leads (Create, Create or Update), and how they are read
 * once per execution.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { checkBatchSize, MAX_RECORDS_PER_COLLECTION } from '../../helpers/batching';
import { quoted } from '../../helpers/bounded';
import { isSalesforceId } from '../../helpers/ids';
import { DEFAULT_DESCRIBE_CACHE_SECONDS } from '../../transport/describeCache';

export type DuplicateRuleChoice = 'fail' | 'allowSave' | 'useExisting';

export type Assignment = { kind: 'active' } | { kind: 'none' } | { kind: 'rule'; ruleId: string };

export interface SaveSettings {
	batchSize: number;
	autoMapAllowed: ReadonlySet<string>;
	/** How long a cached describe may be used; 0: fetched for every execution. */
	describeCacheMs: number;
	/** Whether single records (or Continue On Fail runs) may share a call with concurrent executions. */
	combineConcurrent: boolean;
	duplicateRule: DuplicateRuleChoice;
	assignment: Assignment;
	/** Whether "Add to Campaign" is set at all; the campaign and the member status are read per item. */
	addToCampaign: boolean;
	/** Create or Update: what to do when a key finds several leads. */
	severalMatches: 'fail' | 'newest';
}

const ID_HINT = '15 or 18 letters and digits';

const saveOperations = ['create', 'upsert'];

/** What Create or Update does when a key finds several leads. */
const severalMatchesOption: INodeProperties = {
	displayName: 'When Several Leads Match',
	name: 'severalMatches',
	type: 'options',
	default: 'fail',
	displayOptions: { show: { '/operation': ['upsert'] } },
	options: [
		{ name: 'Fail the Item', value: 'fail', description: 'The item fails; its error lists the matching leads' },
		{ name: 'Update the Most Recently Modified', value: 'newest', description: 'The lead modified last is updated' },
	],
};

export const saveOptions: INodeProperties[] = [
	{
		displayName: 'Add to Campaign',
		name: 'campaign',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The campaign each saved lead becomes a member of (a lead already in it counts as done)',
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchCampaigns', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 701Hs000001AbCdIAK',
				validation: [{ type: 'regex', properties: { regex: '^701[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$', errorMessage: `A campaign id starts with 701 and has ${ID_HINT}` } }],
			},
		],
	},
	{
		displayName: 'Assignment',
		name: 'assignment',
		type: 'options',
		default: 'active',
		description: 'Who becomes the owner of each lead the node creates (updated leads keep their owner)',
		options: [
			{ name: 'Do Not Assign', value: 'none', description: 'The connected user owns the new leads (Sforce-Auto-Assign: FALSE)' },
			{ name: 'Specific Assignment Rule', value: 'rule', description: 'One of the org’s lead assignment rules, active or not' },
			{ name: 'Use the Active Assignment Rule', value: 'active', description: 'The org’s active lead assignment rule picks the owner' },
		],
	},
	{
		displayName: 'Assignment Rule',
		name: 'assignmentRule',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		displayOptions: { show: { assignment: ['rule'] } },
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchAssignmentRules', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 01QHs000000AbCdMAK',
				validation: [{ type: 'regex', properties: { regex: '^01Q[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$', errorMessage: `An assignment rule id starts with 01Q and has ${ID_HINT}` } }],
			},
		],
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_RECORDS_PER_COLLECTION },
		default: MAX_RECORDS_PER_COLLECTION,
		description: 'How many leads go to Salesforce in one call (at most 200). Each call counts as one API request.',
	},
	{
		displayName: 'Cache Field List For (Seconds)',
		name: 'describeCacheSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		// DEFAULT_DESCRIBE_CACHE_SECONDS (n8n's lint wants a literal here).
		default: 300,
		description:
			"How long executions reuse the org's Lead describe (the field list every item is checked against), and the org and user the credential is connected to, before fetching them again; 0 fetches them for every execution. An item the cached list refuses is checked again against a fresh one before it fails, so a field an admin just changed never blocks a lead.",
	},
	{
		displayName: 'Campaign Member Status Name or ID',
		name: 'campaignStatus',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getCampaignStatuses', loadOptionsDependsOn: ['options.campaign'] },
		default: '',
		description:
			'The member status of each lead added to the campaign. "The Campaign’s Default Status" sends none: Salesforce applies the campaign’s default. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
		displayName: 'Stop When Fewer API Calls Remain',
		name: 'keepInReserve',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			"Fail cleanly, before a call that would leave fewer than this many of the org's daily API calls (as Salesforce reported on its last answer), so that other integrations keep their share. 0: never.",
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
	{
		displayName: 'When a Duplicate Rule Matches',
		name: 'duplicateRule',
		type: 'options',
		default: 'fail',
		description: "What happens to a lead one of the org's duplicate rules matches",
		options: [
			{ name: 'Fail the Item', value: 'fail', description: 'The item fails; its error lists the matching records' },
			{ name: 'Save Anyway', value: 'allowSave', description: 'Saved despite an alert rule (a rule set to block still blocks)' },
			{ name: 'Use the Existing Record', value: 'useExisting', description: 'Nothing is created; the item gets the matching record’s ID with duplicate: true' },
		],
	},
	severalMatchesOption,
];

/** The fields and options of the operations that save leads. */
export const saveParameters: INodeProperties[] = [
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'resourceMapper',
		noDataExpression: true,
		required: true,
		default: { mappingMode: 'defineBelow', value: null },
		typeOptions: {
			loadOptionsDependsOn: ['apiVersion'],
			resourceMapper: {
				resourceMapperMethod: 'getLeadFields',
				mode: 'add',
				fieldWords: { singular: 'field', plural: 'fields' },
				addAllFields: false,
				multiKeyMatch: false,
				supportAutoMap: true,
			},
		},
		displayOptions: { show: { resource: ['lead'], operation: saveOperations } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show: { resource: ['lead'], operation: saveOperations } },
		options: saveOptions,
	},
];

function nonNegativeSeconds(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function duplicateRuleOf(options: IDataObject): DuplicateRuleChoice {
	const choice = options.duplicateRule;
	return choice === 'allowSave' || choice === 'useExisting' ? choice : 'fail';
}

function resourceId(value: unknown): string {
	const raw = typeof value === 'object' && value !== null ? (value as IDataObject).value : value;
	return typeof raw === 'string' ? raw.trim() : '';
}

function assignmentOf(this: IExecuteFunctions, options: IDataObject): Assignment {
	const kind = options.assignment;
	if (kind === 'none') return { kind: 'none' };
	if (kind !== 'rule') return { kind: 'active' };
	const ruleId = resourceId(options.assignmentRule);
	if (!isSalesforceId(ruleId) || !ruleId.startsWith('01Q')) {
		throw new NodeOperationError(this.getNode(), `Assignment Rule ${quoted(ruleId)} is not an assignment rule id (01Q followed by 12 or 15 letters and digits). Nothing was sent to Salesforce.`);
	}
	return { kind: 'rule', ruleId };
}

/**
 * Whether the node's own parameters set "Add to Campaign" (an id, a choice from the list, or an
 * expression): read from the parameters as saved, since an expression's value for one item says
 * nothing about the others.
 */
function campaignIsSet(options: unknown): boolean {
	return typeof options === 'object' && options !== null && resourceId((options as IDataObject).campaign) !== '';
}

/** Cache Field List For, in ms: how long describe entries may be reused. */
function describeCacheMs(options: IDataObject): number {
	return nonNegativeSeconds(options.describeCacheSeconds, DEFAULT_DESCRIBE_CACHE_SECONDS) * 1000;
}

export function readSaveSettings(this: IExecuteFunctions, options: IDataObject): SaveSettings {
	const batchSize = options.batchSize ?? MAX_RECORDS_PER_COLLECTION;
	const batchSizeError = checkBatchSize(batchSize);
	if (batchSizeError) throw new NodeOperationError(this.getNode(), batchSizeError);
	return {
		batchSize: batchSize as number,
		autoMapAllowed: new Set(Array.isArray(options.autoMapFields) ? (options.autoMapFields as string[]) : []),
		describeCacheMs: describeCacheMs(options),
		combineConcurrent: options.combineConcurrent !== false,
		duplicateRule: duplicateRuleOf(options),
		assignment: assignmentOf.call(this, options),
		addToCampaign: campaignIsSet(this.getNode().parameters.options),
		severalMatches: options.severalMatches === 'newest' ? 'newest' : 'fail',
	};
}

/**
 * The headers of a save call. Assignment applies to leads the node creates; an update keeps the
 * lead's owner (Salesforce would run the active rule on an update without the header).
 */
export function saveHeaders(settings: SaveSettings, creates: boolean): Record<string, string> {
	const { assignment } = settings;
	const assign = !creates || assignment.kind === 'none' ? 'FALSE' : assignment.kind === 'rule' ? assignment.ruleId : 'TRUE';
	return {
		'Sforce-Auto-Assign': assign,
		...(settings.duplicateRule === 'allowSave' && { 'Sforce-Duplicate-Rule-Header': 'allowSave=true' }),
	};
}
