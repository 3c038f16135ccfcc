import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { labelledName } from '../helpers/describe';
import { isSalesforceId } from '../helpers/ids';
import { soqlString } from '../helpers/soql';
import { queryAll } from '../transport/query';
import { editorConnection, liveLeadDescribe } from './editorConnection';

const fieldOption = (field: { name: string; label: string }): INodePropertyOptions => ({
	name: labelledName(field),
	value: field.name,
});

/** The Lead fields the connected user may set, for options that pick fields (always from the live describe). */
export async function getLeadFieldNames(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await liveLeadDescribe(this)).fields.filter((field) => field.createable).map(fieldOption);
}

/** Fields Create or Update can match on: External ID fields and standard ID Lookup fields other than the record id. */
export async function getLeadMatchFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const fields = (await liveLeadDescribe(this)).fields as Array<{ name: string; label: string; externalId?: boolean; idLookup?: boolean }>;
	return fields.filter((field) => (field.externalId === true || field.idLookup === true) && field.name !== 'Id').map(fieldOption);
}

/** The member statuses of the campaign chosen under "Add to Campaign", its default first. */
export async function getCampaignStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const campaign = String(this.getCurrentNodeParameter('options.campaign', { extractValue: true }) ?? '').trim();
	if (!isSalesforceId(campaign)) return [];
	const connection = await editorConnection(this);
	const soql = `SELECT Label, IsDefault FROM CampaignMemberStatus WHERE CampaignId = ${soqlString(campaign)} ORDER BY SortOrder`;
	const statuses = await queryAll<{ Label: string; IsDefault: boolean }>(this, connection, soql);
	return [...statuses.filter((status) => status.IsDefault), ...statuses.filter((status) => !status.IsDefault)].map((status) => ({
		name: status.IsDefault ? `${status.Label} (default)` : status.Label,
		value: status.Label,
	}));
}
