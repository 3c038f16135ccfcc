import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SalesforceConnection } from '../../transport';
import { saveLeads } from './save/pipeline';

/** Its Fields and Options are those of every lead save (options.ts). */
export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	connection: SalesforceConnection,
	options: IDataObject,
): Promise<INodeExecutionData[]> {
	return await saveLeads.call(this, items, connection, options, 'Lead', { kind: 'create' });
}
