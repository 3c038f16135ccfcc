/**
 * "Add to Campaign": each saved lead becomes a CampaignMember of its item's campaign, with its item's
 * status, in Collections calls of up to 200. A lead already in the campaign counts as done (its
 * membership is looked up), and a membership call whose outcome is unknown may be sent again:
 * Salesforce refuses a second membership of the same lead. Every lead is saved by now, so whatever
 * fails here is reported on the items it concerns, each keeping its lead's id, never on the others.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { toBatches, MAX_RECORDS_PER_COLLECTION } from '../../../helpers/batching';
import { withoutTrailingStops } from '../../../helpers/bounded';
import { pairQueries } from '../../../helpers/soql';
import { createRecords, idempotentSave, type SaveResponse } from '../../../transport/collections';
import { problemFromErrorList, problemOfError } from '../../../transport/errors';
import { queryAll } from '../../../transport/query';
import type { SalesforceProblem } from '../../../helpers/problem';
import type { SalesforceConnection } from '../../../transport';
import type { CampaignChoice, Outcome, WorkItem } from './work';

type Saved = Extract<Outcome, { saved: true }>;

export interface Joining {
	item: WorkItem & { campaign: CampaignChoice };
	outcome: Saved;
}

const ALREADY_A_MEMBER = 'DUPLICATE_VALUE';

const MEMBERSHIP_LOOKUP = 'SELECT Id, CampaignId, LeadId FROM CampaignMember WHERE';

/** One call for up to 200 memberships; each record carries its own item's status (none: the campaign's default). */
async function createMembers(this: IExecuteFunctions, connection: SalesforceConnection, batch: Joining[]): Promise<SaveResponse> {
	const records = batch.map(({ item: { campaign }, outcome }) => ({ CampaignId: campaign.id, LeadId: outcome.id, ...(campaign.status !== '' && { Status: campaign.status }) }));
	return await idempotentSave(async () => await createRecords(this, connection, records, { objectName: 'CampaignMember', allOrNone: false, headers: {}, combine: false }));
}

/** A membership as Salesforce tells them apart: the campaign and the lead (15-character ids, letter case kept). */
function memberKey(campaignId: string, leadId: string): string {
	return `${campaignId.slice(0, 15)} ${leadId.slice(0, 15)}`;
}

/** The problem, saying which campaign it is about (Salesforce's "invalid cross reference id" does not). */
function ofCampaign(campaignId: string, problem: SalesforceProblem): SalesforceProblem {
	return { ...problem, message: `Adding the lead to campaign ${campaignId} failed: ${problem.message}` };
}

/**
 * The lead is saved and in the campaign; only the id of its membership is missing. Without the HTTP
 * status, so that no advice to run the item again is added: that would save the lead once more.
 */
function unreadMembership(campaignId: string, problem: SalesforceProblem): SalesforceProblem {
	return {
		errorCode: problem.errorCode,
		message: `The lead is already a member of campaign ${campaignId} (Salesforce refused a second membership), but its membership id could not be read: ${withoutTrailingStops(problem.message)}. The lead is saved; nothing needs to be sent again.`,
		fields: [],
	};
}

/**
 * Gives leads that were already in their campaign their membership id, in queries that each fit a
 * URL; a query that fails after its retries leaves its own leads without one, saying why.
 */
async function readExistingMembers(this: IExecuteFunctions, connection: SalesforceConnection, already: Joining[]): Promise<void> {
	const pairs = already.map(({ item, outcome }) => [item.campaign.id, outcome.id] as const);
	for (const query of pairQueries(MEMBERSHIP_LOOKUP, ['CampaignId', 'LeadId'], pairs)) {
		const members = new Map<string, string>();
		try {
			for (const member of await queryAll<{ Id: string; CampaignId: string; LeadId: string }>(this, connection, query.soql, ['Id', 'CampaignId', 'LeadId'])) {
				members.set(memberKey(member.CampaignId, member.LeadId), member.Id);
			}
		} catch (error) {
			const problem = problemOfError(error);
			for (const position of query.pairs) {
				const { item, outcome } = already[position];
				outcome.campaignProblem = unreadMembership(item.campaign.id, problem);
			}
			continue;
		}
		// A query also matches pairs it was not asked about (one lead in two of its campaigns): only the exact pair counts.
		for (const position of query.pairs) {
			const { item, outcome } = already[position];
			outcome.campaignMemberId = members.get(memberKey(item.campaign.id, outcome.id));
		}
	}
}

/** Adds each saved lead to its campaign; the outcome gets the membership id, or the reason there is none. */
export async function addToCampaigns(this: IExecuteFunctions, connection: SalesforceConnection, joining: Joining[]): Promise<void> {
	const already: Joining[] = [];
	for (const batch of toBatches(joining, MAX_RECORDS_PER_COLLECTION)) {
		const response = await createMembers.call(this, connection, batch);
		batch.forEach((entry, position) => {
			const result = response.ok ? response.body[position] : undefined;
			if (result?.success && typeof result.id === 'string') entry.outcome.campaignMemberId = result.id;
			else if (result && problemFromErrorList(result.errors ?? []).errorCode === ALREADY_A_MEMBER) already.push(entry);
			else entry.outcome.campaignProblem = ofCampaign(entry.item.campaign.id, response.ok ? problemFromErrorList(result?.errors ?? []) : response.problem);
		});
	}
	if (already.length > 0) await readExistingMembers.call(this, connection, already);
}
