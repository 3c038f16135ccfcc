import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { quoted } from '../../helpers/bounded';
import { isSalesforceApiName, summarizeDescribe, type SObjectDescribe } from '../../helpers/describe';
import { failedOutput, failureJson, pairedOutput } from '../../helpers/output';
import { asNodeError, problemOfError } from '../../transport/errors';
import { describeSObject, type SalesforceConnection } from '../../transport';

const showFor = { show: { resource: ['object'], operation: ['describe'] } };

const API_NAME_RULE = 'letters, digits and underscores, starting with a letter (e.g. Lead or My_Object__c)';

export const description: INodeProperties[] = [
	{
		displayName: 'Object',
		name: 'sobject',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Salesforce object to describe',
		displayOptions: showFor,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchObjects', searchable: true },
			},
			{
				displayName: 'By API Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Lead or My_Object__c',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^[A-Za-z][A-Za-z0-9_]*$',
							errorMessage: `This is not a Salesforce API name: use ${API_NAME_RULE}`,
						},
					},
				],
			},
		],
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'summary',
		displayOptions: showFor,
		options: [
			{
				name: 'Summary',
				value: 'summary',
				description: 'Name, label, key prefix, the fields required on create, and each field in short',
			},
			{
				name: 'Raw',
				value: 'raw',
				description: 'The describe exactly as Salesforce sent it',
			},
		],
	},
];

async function describeItem(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: SalesforceConnection,
	describes: Map<string, Promise<SObjectDescribe>>,
): Promise<IDataObject> {
	const objectName = String(this.getNodeParameter('sobject', itemIndex, '', { extractValue: true }) ?? '').trim();
	if (!isSalesforceApiName(objectName)) {
		throw new NodeOperationError(
			this.getNode(),
			`Object ${quoted(objectName)} is not a Salesforce API name: use ${API_NAME_RULE}`,
			{ itemIndex },
		);
	}
	const output = this.getNodeParameter('output', itemIndex, 'summary') as string;
	if (!describes.has(objectName)) describes.set(objectName, describeSObject(this, connection, objectName));
	const describe = await (describes.get(objectName) as Promise<SObjectDescribe>);
	return (output === 'raw' ? describe : summarizeDescribe(describe)) as unknown as IDataObject;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
): Promise<INodeExecutionData[]> {
	// Items usually ask for the same object: describe each object once per execution, never across executions.
	const describes = new Map<string, Promise<SObjectDescribe>>();
	const outputs: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			outputs.push(pairedOutput(await describeItem.call(this, itemIndex, connection, describes), itemIndex));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
			const problem = problemOfError(error);
			outputs.push(failedOutput(this.getNode(), failureJson(problem), itemIndex));
		}
	}
	return outputs;
}
