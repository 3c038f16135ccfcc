import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { quoted } from '../../helpers/bounded';
import { isSalesforceApiName } from '../../helpers/describe';
import type { SalesforceConnection } from '../../transport';
import { saveLeads, type SaveMode } from './save/pipeline';

const showFor = { show: { resource: ['lead'], operation: ['upsert'] } };

/** How Create or Update finds the lead an item stands for; its Fields and Options are those of every lead save. */
export const description: INodeProperties[] = [
	{
		displayName: 'Match On',
		name: 'matchOn',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		displayOptions: showFor,
		options: [
			{
				name: 'Email',
				value: 'email',
				description: 'Find unconverted leads with the same email (any letter case) and update them; create the others',
			},
			{
				name: 'External ID Field',
				value: 'externalId',
				description: 'Let Salesforce match on a field marked External ID (an upsert); it creates the lead when none matches',
			},
		],
	},
	{
		displayName: 'External ID Field Name or ID',
		name: 'externalIdField',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getLeadMatchFields', loadOptionsDependsOn: ['apiVersion'] },
		default: '',
		required: true,
		displayOptions: { show: { resource: ['lead'], operation: ['upsert'], matchOn: ['externalId'] } },
		description:
			'The Lead field the items are matched on: fields marked External ID or ID Lookup in your org. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

function saveMode(this: IExecuteFunctions): SaveMode {
	if (this.getNodeParameter('matchOn', 0) !== 'externalId') return { kind: 'byEmail' };
	const keyField = String(this.getNodeParameter('externalIdField', 0, '') ?? '').trim();
	if (!isSalesforceApiName(keyField)) {
		throw new NodeOperationError(this.getNode(), `External ID Field ${quoted(keyField)} is not a field name: choose a Lead field marked External ID`);
	}
	return { kind: 'byExternalId', keyField };
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
	options: IDataObject,
): Promise<INodeExecutionData[]> {
	return await saveLeads.call(this, items, connection, options, 'Lead', saveMode.call(this));
}
