import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { createableFieldSchema } from '../helpers/fieldSchema';
import { liveLeadDescribe } from './editorConnection';

/** The fields offered under Lead → Create → Fields, from the org's live Lead describe. */
export async function getLeadFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const fields = createableFieldSchema(await liveLeadDescribe(this));
	return {
		fields,
		...(fields.length === 0 && {
			emptyFieldsNotice: 'The connected Salesforce user cannot set any Lead field: check its profile and permission sets.',
		}),
	};
}
