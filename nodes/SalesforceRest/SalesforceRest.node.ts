import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as lead from './actions/lead/Lead.resource';
import * as object from './actions/object/Object.resource';
import { router } from './actions/router';
import { searchAssignmentRules, searchCampaigns, searchObjects } from './methods/listSearch';
import { getCampaignStatuses, getLeadFieldNames, getLeadMatchFields } from './methods/loadOptions';
import { getLeadFields } from './methods/resourceMapping';

export class SalesforceRest implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Salesforce REST',
		name: 'salesforceRest',
		icon: { light: 'file:salesforce.svg', dark: 'file:salesforce.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create or update Salesforce leads in bulk and describe any object through the REST API',
		defaults: {
			name: 'Salesforce REST',
		},
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'salesforceRestOAuth2Api',
				required: true,
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Lead',
						value: 'lead',
					},
					{
						name: 'Object',
						value: 'object',
					},
				],
				default: 'lead',
			},
			...lead.description,
			...object.description,
			{
				displayName: 'API Version',
				name: 'apiVersion',
				type: 'string',
				default: 'v66.0',
				placeholder: 'v66.0',
				description:
					'The Salesforce REST API version to call, e.g. v66.0 (Spring ’26). Versions up to v30.0 are retired.',
			},
		],
	};

	methods = {
		loadOptions: {
			getCampaignStatuses,
			getLeadFieldNames,
			getLeadMatchFields,
		},
		listSearch: {
			searchAssignmentRules,
			searchCampaigns,
			searchObjects,
		},
		resourceMapping: {
			getLeadFields,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
