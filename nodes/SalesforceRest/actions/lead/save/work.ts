/** What the save pipeline knows about each item on its way: its record, how it is to be saved, and what came of it. */
import type { IDataObject } from 'n8n-workflow';

import type { SalesforceProblem } from '../../../helpers/problem';
import type { SalesforceRecord } from '../../../helpers/validation';

export interface WorkItem {
	itemIndex: number;
	record: SalesforceRecord;
	/** The value it is matched on (Create or Update), as compared: lower-cased for Email. */
	key?: string;
	/** The campaign it joins once saved ("Add to Campaign"). */
	campaign?: CampaignChoice;
}

/** The item's own "Add to Campaign" and "Campaign Member Status" (both may be expressions). */
export interface CampaignChoice {
	id: string;
	/** '' for the campaign's default status. */
	status: string;
}

/** How one record is sent: created, updated by id, or upserted by an external ID field. */
export type Action = { kind: 'create' } | { kind: 'update'; id: string } | { kind: 'upsert'; keyField: string };

export interface Planned {
	item: WorkItem;
	action: Action;
}

export type Outcome =
	| {
			saved: true;
			id: string;
			created: boolean;
			duplicate?: boolean;
			campaignMemberId?: string;
			campaignProblem?: SalesforceProblem;
			/** An upsert sent again after an unknown outcome and answered "updated": Salesforce's time the first attempt went out. */
			createdSince?: number;
	  }
	| { saved: false; problem: SalesforceProblem; unknown?: boolean };

/** The output item's JSON: the saved record's id (and whether it was created), or why it was not saved. */
export function outcomeJson(outcome: Outcome, reportCreated: boolean, failure: (problem: SalesforceProblem) => IDataObject): IDataObject {
	if (!outcome.saved) return failure(outcome.problem);
	const saved: IDataObject = {
		id: outcome.id,
		success: outcome.campaignProblem === undefined,
		...((reportCreated || outcome.duplicate) && { created: outcome.created }),
		...(outcome.duplicate && { duplicate: true }),
		...(outcome.campaignMemberId !== undefined && { campaignMemberId: outcome.campaignMemberId }),
	};
	return outcome.campaignProblem === undefined ? saved : { ...saved, ...failure(outcome.campaignProblem) };
}
