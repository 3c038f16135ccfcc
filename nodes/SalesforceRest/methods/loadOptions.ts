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

/**
 * What Campaign Member Status answers first, whatever the campaign: '' is the parameter's default
 * and means "send no Status", so the list must always hold it (n8n flags a value its loaded options
 * lack as not supported), also before a campaign is chosen or while it is an expression.
 */
const CAMPAIGN_DEFAULT_STATUS_OPTION: INodePropertyOptions = {
	name: 'The Campaign’s Default Status',
	value: '',
	description: 'No status is sent: Salesforce gives each new member the campaign’s default status at the time',
};

/** The member statuses of the campaign chosen under "Add to Campaign", after the campaign's-default choice; the current default first. */
export async function getCampaignStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const campaign = String(this.getCurrentNodeParameter('options.campaign', { extractValue: true }) ?? '').trim();
	if (!isSalesforceId(campaign)) return [CAMPAIGN_DEFAULT_STATUS_OPTION];
	const connection = await editorConnection(this);
	const soql = `SELECT Label, IsDefault FROM CampaignMemberStatus WHERE CampaignId = ${soqlString(campaign)} ORDER BY SortOrder`;
	const statuses = await queryAll<{ Label: string; IsDefault: boolean }>(this, connection, soql);
	const listed = [...statuses.filter((status) => status.IsDefault), ...statuses.filter((status) => !status.IsDefault)].map((status) => ({
		name: status.IsDefault ? `${status.Label} (default)` : status.Label,
		value: status.Label,
	}));
	return [CAMPAIGN_DEFAULT_STATUS_OPTION, ...listed];
}
