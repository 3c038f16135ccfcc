/**
 * "Add to Campaign": each saved lead becomes a CampaignMember, in Collections calls of up to 200. A lead
 * already in the campaign counts as done (its membership is looked up), and a membership call whose
 * outcome is unknown may be sent again: Salesforce refuses a second membership of the same lead.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { toBatches, MAX_RECORDS_PER_COLLECTION } from '../../../helpers/batching';
import { inQueries, soqlString } from '../../../helpers/soql';
import { createRecords, idempotentSave, type SaveResponse } from '../../../transport/collections';
import { problemFromErrorList } from '../../../transport/errors';
import { queryAll } from '../../../transport/query';
import type { SalesforceProblem } from '../../../helpers/problem';
import type { SalesforceConnection } from '../../../transport';
import type { Outcome, WorkItem } from './work';

type Saved = Extract<Outcome, { saved: true }>;

export interface Joining {
	item: WorkItem & { campaignId: string };
	outcome: Saved;
}

const ALREADY_A_MEMBER = 'DUPLICATE_VALUE';

async function createMembers(this: IExecuteFunctions, connection: SalesforceConnection, batch: Joining[], status: string): Promise<SaveResponse> {
	const records = batch.map(({ item, outcome }) => ({ CampaignId: item.campaignId, LeadId: outcome.id, ...(status !== '' && { Status: status }) }));
	return await idempotentSave(async () => await createRecords(this, connection, records, { objectName: 'CampaignMember', allOrNone: false, headers: {}, combine: false }));
}

/** A membership as Salesforce tells them apart: the campaign and the lead (15-character ids, letter case kept). */
function memberKey(campaignId: string, leadId: string): string {
	return `${campaignId.slice(0, 15)} ${leadId.slice(0, 15)}`;
}

/** The membership ids of leads that were already in their campaign. */
async function existingMembers(this: IExecuteFunctions, connection: SalesforceConnection, joining: Joining[]): Promise<Map<string, string>> {
	const campaigns = [...new Set(joining.map(({ item }) => item.campaignId))];
	const prefix = `SELECT Id, CampaignId, LeadId FROM CampaignMember WHERE CampaignId IN (${campaigns.map(soqlString).join(', ')}) AND LeadId`;
	const members = new Map<string, string>();
	for (const soql of inQueries(prefix, joining.map(({ outcome }) => outcome.id), '')) {
		for (const member of await queryAll<{ Id: string; CampaignId: string; LeadId: string }>(this, connection, soql)) {
			members.set(memberKey(member.CampaignId, member.LeadId), member.Id);
		}
	}
	return members;
}

/** The problem, saying which campaign it is about (Salesforce's "invalid cross reference id" does not). */
function ofCampaign(campaignId: string, problem: SalesforceProblem): SalesforceProblem {
	return { ...problem, message: `Adding the lead to campaign ${campaignId} failed: ${problem.message}` };
}

/** Adds each saved lead to its campaign; the outcome gets the membership id, or the reason there is none. */
export async function addToCampaigns(this: IExecuteFunctions, connection: SalesforceConnection, joining: Joining[], status: string): Promise<void> {
	const already: Joining[] = [];
	for (const batch of toBatches(joining, MAX_RECORDS_PER_COLLECTION)) {
		const response = await createMembers.call(this, connection, batch, status);
		batch.forEach((entry, position) => {
			const result = response.ok ? response.body[position] : undefined;
			if (result?.success && typeof result.id === 'string') entry.outcome.campaignMemberId = result.id;
			else if (result && problemFromErrorList(result.errors ?? []).errorCode === ALREADY_A_MEMBER) already.push(entry);
			else entry.outcome.campaignProblem = ofCampaign(entry.item.campaignId, response.ok ? problemFromErrorList(result?.errors ?? []) : response.problem);
		});
	}
	if (already.length === 0) return;
	const members = await existingMembers.call(this, connection, already);
	for (const entry of already) {
		entry.outcome.campaignMemberId = members.get(memberKey(entry.item.campaignId, entry.outcome.id));
	}
}
