/**
 * Campaigns, their member statuses and their members, as the marketing feature keeps them: a new
 * campaign gets the statuses Sent (default) and Responded; a member needs a lead or a contact, is
 * refused when already in the campaign ("Already a campaign member.", nothing updated), and a
 * Status that is not one of the campaign's is not refused: the campaign's default is stored.
 */
import { storeNew, withDefaults, type Org } from '../org';
import type { SaveError } from '../rest/errors';
import type { StoredRecord } from '../store';
import type { CampaignOption, CampaignStatusOption } from '../types';
import type { ObjectRules } from './objects';

const NEW_CAMPAIGN_STATUSES: CampaignStatusOption[] = [{ label: 'Sent', isDefault: true }, { label: 'Responded', hasResponded: true }];

export function seedCampaigns(org: Org, campaigns: CampaignOption[]): void {
	const schema = org.catalog.find('Campaign');
	if (schema === undefined) throw new Error('The Campaign describe is missing');
	for (const option of campaigns) {
		if (typeof option.name !== 'string' || option.name.trim() === '') throw new Error('campaigns: every campaign needs a name');
		const statuses = option.statuses ?? NEW_CAMPAIGN_STATUSES;
		if (statuses.length === 0) throw new Error(`campaigns: "${option.name}" needs at least one member status`);
		if (statuses.filter((status) => status.isDefault).length > 1) throw new Error(`campaigns: "${option.name}" has more than one default status`);
		const userId = org.users.defaultUser.id;
		const campaign = storeNew(org, schema, withDefaults(schema, { Name: option.name, IsActive: option.isActive ?? true }, userId));
		addStatuses(org, userId, campaign.Id, statuses);
	}
}

/** Statuses `userId` creates; SortOrder follows the given order; with no default marked, the first status is the default. */
function addStatuses(org: Org, userId: string, campaignId: string, statuses: CampaignStatusOption[]): void {
	const schema = org.catalog.find('CampaignMemberStatus');
	if (schema === undefined) throw new Error('The CampaignMemberStatus describe is missing');
	const defaultIndex = Math.max(statuses.findIndex((status) => status.isDefault), 0);
	statuses.forEach((status, index) => {
		storeNew(org, schema, withDefaults(schema, {
			CampaignId: campaignId, Label: status.label, SortOrder: index + 1, IsDefault: index === defaultIndex, HasResponded: status.hasResponded ?? false,
		}, userId));
	});
}

function statusesOf(org: Org, campaignId: unknown): StoredRecord[] {
	const id15 = String(campaignId).slice(0, 15);
	return org.store.all('CampaignMemberStatus').filter((status) => String(status.CampaignId).slice(0, 15) === id15);
}

export const CAMPAIGN_RULES: ObjectRules = {
	afterInsert: ({ org, userId }, campaign) => {
		if (statusesOf(org, campaign.Id).length === 0) addStatuses(org, userId, campaign.Id, NEW_CAMPAIGN_STATUSES);
	},
};

const ALREADY_A_MEMBER: SaveError = { errorCode: 'DUPLICATE_VALUE', message: 'Already a campaign member.', fields: [] };

/** Salesforce keeps the contact when both are given ("only the ContactId is inserted"). */
function memberOf(values: Record<string, unknown>): { object: 'Lead' | 'Contact'; id: string } | undefined {
	if (typeof values.ContactId === 'string') return { object: 'Contact', id: values.ContactId };
	if (typeof values.LeadId === 'string') return { object: 'Lead', id: values.LeadId };
	return undefined;
}

export const CAMPAIGN_MEMBER_RULES: ObjectRules = {
	createErrors: ({ org }, values, claim) => {
		const member = memberOf(values);
		if (member === undefined) return [{ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LeadId, ContactId]', fields: ['LeadId', 'ContactId'] }];
		const campaign15 = String(values.CampaignId).slice(0, 15);
		const member15 = member.id.slice(0, 15);
		const field = member.object === 'Lead' ? 'LeadId' : 'ContactId';
		const stored = org.store.all('CampaignMember').some((existing) => String(existing.CampaignId).slice(0, 15) === campaign15 && String(existing[field]).slice(0, 15) === member15);
		return stored || !claim(`CampaignMember:${campaign15}:${member15}`) ? [ALREADY_A_MEMBER] : [];
	},
	beforeInsert: ({ org }, record) => {
		const member = memberOf(record);
		if (member?.object === 'Contact') delete record.LeadId;
		applyStatus(org, record.CampaignId, record, record.Status);
		const person = member === undefined ? undefined : org.store.byId(member.object, member.id);
		if (member === undefined || person === undefined) return;
		Object.assign(record, {
			Type: member.object, LeadOrContactId: person.Id, LeadOrContactOwnerId: person.OwnerId ?? null,
			FirstName: person.FirstName ?? null, LastName: person.LastName ?? null, Name: person.Name ?? null,
			Email: person.Email ?? null, CompanyOrAccount: member.object === 'Lead' ? person.Company ?? null : null,
		});
	},
	beforeUpdate: ({ org }, target, changes) => {
		if (changes.Status !== undefined) applyStatus(org, target.CampaignId, changes, changes.Status);
	},
};

/** A status the campaign has (any letter case) is stored as the campaign spells it; anything else becomes the default. */
function applyStatus(org: Org, campaignId: unknown, record: Record<string, unknown>, wanted: unknown): void {
	const statuses = statusesOf(org, campaignId);
	const asked = typeof wanted === 'string' ? wanted.toLowerCase() : undefined;
	const chosen = statuses.find((status) => String(status.Label).toLowerCase() === asked) ?? statuses.find((status) => status.IsDefault === true);
	if (chosen === undefined) return;
	record.Status = chosen.Label;
	record.HasResponded = chosen.HasResponded === true;
	if (record.HasResponded) record.FirstRespondedDate ??= new Date().toISOString().slice(0, 10);
}
