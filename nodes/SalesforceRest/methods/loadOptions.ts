import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { describeSObject, openConnection } from '../transport';

/** The Lead fields the connected user may set, for options that pick fields (always from the live describe). */
export async function getLeadFieldNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const connection = await openConnection(this, this.getNodeParameter('apiVersion', 'v66.0'));
	const describe = await describeSObject(this, connection, 'Lead');
	return describe.fields
		.filter((field) => field.createable)
		.map((field) => ({ name: field.label && field.label !== field.name ? `${field.label} (${field.name})` : field.name, value: field.name }));
}
