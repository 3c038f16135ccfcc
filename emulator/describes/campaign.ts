/**
 * Campaign, CampaignMember and CampaignMemberStatus as a Developer Edition org with the marketing
 * feature describes them (English labels).
 */
import { auditFields, field } from './field';
import type { SObjectSpec } from './sobject';

const CAMPAIGN_TYPES = ['Conference', 'Webinar', 'Trade Show', 'Public Relations', 'Partners', 'Referral Program', 'Advertisement', 'Banner Ads', 'Direct Mail', 'Email', 'Telemarketing', 'Other'];
const CAMPAIGN_STATUSES = ['Planned', 'In Progress', 'Completed', 'Aborted'];
const campaignOnly = { referenceTo: ['Campaign'], relationshipName: 'Campaign' };

export const CAMPAIGN: SObjectSpec = {
	name: 'Campaign',
	label: 'Campaign',
	labelPlural: 'Campaigns',
	keyPrefix: '701',
	fields: [
		field('Id', 'Campaign ID', 'id', 18, 'd'),
		field('IsDeleted', 'Deleted', 'boolean', 0, 'd'),
		field('Name', 'Name', 'string', 80, 'cu', { nameField: true }),
		field('ParentId', 'Parent Campaign ID', 'reference', 18, 'cun', { referenceTo: ['Campaign'], relationshipName: 'Parent' }),
		field('Type', 'Type', 'picklist', 255, 'cun', { picklist: CAMPAIGN_TYPES }),
		field('Status', 'Status', 'picklist', 255, 'cun', { picklist: CAMPAIGN_STATUSES, defaultPicklistValue: 'Planned' }),
		field('StartDate', 'Start Date', 'date', 0, 'cun'),
		field('EndDate', 'End Date', 'date', 0, 'cun'),
		field('ExpectedRevenue', 'Expected Revenue in Campaign', 'currency', 0, 'cun', { precision: 18 }),
		field('BudgetedCost', 'Budgeted Cost in Campaign', 'currency', 0, 'cun', { precision: 18 }),
		field('ActualCost', 'Actual Cost in Campaign', 'currency', 0, 'cun', { precision: 18 }),
		field('ExpectedResponse', 'Expected Response (%)', 'percent', 0, 'cun', { precision: 10, scale: 2 }),
		field('NumberSent', 'Num Sent in Campaign', 'double', 0, 'cun', { precision: 18 }),
		field('IsActive', 'Active', 'boolean', 0, 'cud'),
		field('Description', 'Description', 'textarea', 32000, 'cun'),
		field('NumberOfLeads', 'Leads in Campaign', 'int', 0, 'd'),
		field('NumberOfConvertedLeads', 'Converted Leads in Campaign', 'int', 0, 'd'),
		field('NumberOfContacts', 'Contacts in Campaign', 'int', 0, 'd'),
		field('NumberOfResponses', 'Responses in Campaign', 'int', 0, 'd'),
		field('NumberOfOpportunities', 'Opportunities in Campaign', 'int', 0, 'd'),
		field('CampaignMemberRecordTypeId', 'Record Type ID', 'reference', 18, 'cun', { referenceTo: ['RecordType'], relationshipName: 'CampaignMemberRecordType' }),
		field('OwnerId', 'Owner ID', 'reference', 18, 'cud', { referenceTo: ['User'], relationshipName: 'Owner' }),
		...auditFields(),
		field('LastActivityDate', 'Last Activity', 'date', 0, 'n'),
		field('LastViewedDate', 'Last Viewed Date', 'datetime', 0, 'n'),
		field('LastReferencedDate', 'Last Referenced Date', 'datetime', 0, 'n'),
	],
	childRelationships: [
		{ childSObject: 'Campaign', field: 'ParentId', relationshipName: 'ChildCampaigns' },
		{ childSObject: 'CampaignMember', field: 'CampaignId', relationshipName: 'CampaignMembers', cascadeDelete: true },
		{ childSObject: 'CampaignMemberStatus', field: 'CampaignId', relationshipName: null, cascadeDelete: true },
	],
};

/** Status is the org-wide picklist; each campaign keeps its own statuses in CampaignMemberStatus. The person fields are read from the lead or contact. */
export const CAMPAIGN_MEMBER: SObjectSpec = {
	name: 'CampaignMember',
	label: 'Campaign Member',
	labelPlural: 'Campaign Members',
	keyPrefix: '00v',
	fields: [
		field('Id', 'Campaign Member ID', 'id', 18, 'd'),
		field('IsDeleted', 'Deleted', 'boolean', 0, 'd'),
		field('CampaignId', 'Campaign ID', 'reference', 18, 'c', campaignOnly),
		field('LeadId', 'Lead ID', 'reference', 18, 'cn', { referenceTo: ['Lead'], relationshipName: 'Lead' }),
		field('ContactId', 'Contact ID', 'reference', 18, 'cn', { referenceTo: ['Contact'], relationshipName: 'Contact' }),
		field('Status', 'Status', 'picklist', 40, 'cun', { picklist: ['Planned', 'Received', 'Responded', 'Sent'] }),
		field('HasResponded', 'Responded', 'boolean', 0, 'd'),
		...auditFields(),
		field('FirstRespondedDate', 'First Responded Date', 'date', 0, 'n'),
		field('FirstName', 'First Name', 'string', 40, 'n'),
		field('LastName', 'Last Name', 'string', 80, 'n'),
		field('Name', 'Name', 'string', 121, 'n'),
		field('Email', 'Email', 'email', 80, 'n'),
		field('CompanyOrAccount', 'Company (Account)', 'string', 255, 'n'),
		field('Type', 'Type', 'string', 40, 'n'),
		field('LeadOrContactId', 'Contact or Lead ID', 'reference', 18, 'n', { referenceTo: ['Contact', 'Lead'] }),
		field('LeadOrContactOwnerId', 'Contact or Lead Owner ID', 'reference', 18, 'n', { referenceTo: ['Group', 'User'] }),
	],
	childRelationships: [],
};

export const CAMPAIGN_MEMBER_STATUS: SObjectSpec = {
	name: 'CampaignMemberStatus',
	label: 'Campaign Member Status',
	labelPlural: 'Campaign Member Statuses',
	keyPrefix: '01Y',
	fields: [
		field('Id', 'Campaign Member Status ID', 'id', 18, 'd'),
		field('IsDeleted', 'Deleted', 'boolean', 0, 'd'),
		field('CampaignId', 'Campaign ID', 'reference', 18, 'c', { referenceTo: ['Campaign'] }),
		field('Label', 'Member Status', 'string', 765, 'cu'),
		field('SortOrder', 'Sort Order', 'int', 0, 'cun'),
		field('IsDefault', 'Is Default', 'boolean', 0, 'cud'),
		field('HasResponded', 'Responded', 'boolean', 0, 'cud'),
		...auditFields(),
	],
	childRelationships: [],
};
