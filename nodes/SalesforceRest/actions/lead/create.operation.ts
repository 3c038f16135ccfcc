import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SalesforceConnection } from '../../transport';
import { saveOptions } from './options';
import { saveLeads } from './save/pipeline';

const OBJECT_NAME = 'Lead';

const showFor = { show: { resource: ['lead'], operation: ['create'] } };

export const description: INodeProperties[] = [
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
		displayOptions: showFor,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: showFor,
		options: saveOptions,
	},
];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
): Promise<INodeExecutionData[]> {
	return await saveLeads.call(this, items, connection, OBJECT_NAME, { kind: 'create' });
}
