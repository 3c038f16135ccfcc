import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { createableFieldSchema } from '../helpers/fieldSchema';
import { describeSObject, openConnection } from '../transport';

/** The fields offered under Lead → Create → Fields, from the org's live Lead describe. */
export async function getLeadFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const connection = await openConnection(this, this.getNodeParameter('apiVersion', 'v66.0'));
	const describe = await describeSObject(this, connection, 'Lead');
	const fields = createableFieldSchema(describe);
	return {
		fields,
		...(fields.length === 0 && {
			emptyFieldsNotice: 'The connected Salesforce user cannot set any Lead field: check its profile and permission sets.',
		}),
	};
}
