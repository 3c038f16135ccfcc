import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { filterObjects } from '../helpers/objectList';
import { describeGlobal, openConnection } from '../transport';

/** The searchable object list of Object → Describe, from describe global. */
export async function searchObjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await openConnection(this, this.getNodeParameter('apiVersion', 'v66.0'));
	const objects = await describeGlobal(this, connection);
	return {
		results: filterObjects(objects, filter).map((object) => ({
			name: object.label && object.label !== object.name ? `${object.label} (${object.name})` : object.name,
			value: object.name,
		})),
	};
}
