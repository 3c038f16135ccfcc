import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { createableFieldSchema } from '../helpers/fieldSchema';
import { CREDENTIAL_TYPE } from '../transport';
import { liveLeadDescribe } from './editorConnection';

/**
 * n8n 2.41's editor turns any error of a resourceMapper method into a bare "No fields found", and
 * never asks again when a credential is attached to the open node (its field list watches
 * parameters, not credentials): without a credential the list says what to do instead.
 */
const NO_CREDENTIAL_NOTICE =
	'Choose or connect the Salesforce credential above, then press Retry: the fields come from the Lead describe of the org it connects to.';

/** The fields offered under Lead → Create → Fields, from the org's live Lead describe. */
export async function getLeadFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	if (this.getNode().credentials?.[CREDENTIAL_TYPE] === undefined) return { fields: [], emptyFieldsNotice: NO_CREDENTIAL_NOTICE };
	const fields = createableFieldSchema(await liveLeadDescribe(this));
	return {
		fields,
		...(fields.length === 0 && {
			emptyFieldsNotice: 'The connected Salesforce user cannot set any Lead field: check its profile and permission sets.',
		}),
	};
}
