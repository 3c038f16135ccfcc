import type { INodeProperties } from 'n8n-workflow';

import * as describe from './describe.operation';

export { describe };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['object'] } },
		options: [
			{
				name: 'Describe',
				value: 'describe',
				description: "Get an object's fields, which ones are required on create, and its picklist values",
				action: 'Describe an object',
			},
		],
		default: 'describe',
	},
	...describe.description,
];
