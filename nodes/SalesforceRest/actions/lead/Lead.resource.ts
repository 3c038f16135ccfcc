import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import { saveParameters } from './options';
import * as upsert from './upsert.operation';

export { create, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['lead'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create one lead per input item, up to 200 per Salesforce call',
				action: 'Create leads',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update leads',
			},
		],
		default: 'create',
	},
	...create.description,
	...upsert.description,
	...saveParameters,
];
