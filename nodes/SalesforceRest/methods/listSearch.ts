import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { labelledName } from '../helpers/describe';
import { filterObjects } from '../helpers/objectList';
import { soqlLikeString } from '../helpers/soql';
import { describeGlobal } from '../transport';
import { queryAll } from '../transport/query';
import { editorConnection } from './editorConnection';

/** The searchable object list of Object → Describe, from describe global. */
export async function searchObjects(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await editorConnection(this);
	const objects = await describeGlobal(this, connection);
	return {
		results: filterObjects(objects, filter).map((object) => ({
			name: labelledName(object),
			value: object.name,
		})),
	};
}

/** `AND Name LIKE '%typed%'` for what the user typed in a searchable list (its wildcards matched as themselves), or nothing. */
function nameFilter(filter?: string): string {
	const typed = (filter ?? '').trim().slice(0, 80);
	return typed === '' ? '' : ` AND Name LIKE ${soqlLikeString(typed).replace(/^'/, "'%").replace(/'$/, "%'")}`;
}

async function searchByName(ctx: ILoadOptionsFunctions, soql: string): Promise<INodeListSearchResult> {
	const connection = await editorConnection(ctx);
	const records = await queryAll<{ Id: string; Name: string; Active?: boolean }>(ctx, connection, soql);
	return {
		results: records.map((record) => ({ name: record.Active === false ? `${record.Name} (inactive)` : record.Name, value: record.Id })),
	};
}

/** Active campaigns for "Add to Campaign", by name. */
export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await searchByName(this, `SELECT Id, Name FROM Campaign WHERE IsActive = true${nameFilter(filter)} ORDER BY Name LIMIT 200`);
}

/** The org's lead assignment rules, by name, active or not. */
export async function searchAssignmentRules(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return await searchByName(this, `SELECT Id, Name, Active FROM AssignmentRule WHERE SobjectType = 'Lead'${nameFilter(filter)} ORDER BY Name LIMIT 200`);
}
