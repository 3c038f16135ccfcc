/** A standard Account as a Developer Edition org describes it (English labels). */
import { addressFields, CLEAN_STATUS, SOURCES } from './common';
import { auditFields, field } from './field';
import type { SObjectSpec } from './sobject';

const ACCOUNT_TYPES = ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Channel Partner / Reseller', 'Installation Partner', 'Technology Partner', 'Other'];
const INDUSTRIES = ['Agriculture', 'Apparel', 'Banking', 'Biotechnology', 'Chemicals', 'Communications', 'Construction', 'Consulting', 'Education', 'Electronics', 'Energy', 'Engineering', 'Entertainment', 'Environmental', 'Finance', 'Food & Beverage', 'Government', 'Healthcare', 'Hospitality', 'Insurance', 'Machinery', 'Manufacturing', 'Media', 'Not For Profit', 'Recreation', 'Retail', 'Shipping', 'Technology', 'Telecommunications', 'Transportation', 'Utilities', 'Other'];

export const ACCOUNT: SObjectSpec = {
	name: 'Account',
	label: 'Account',
	labelPlural: 'Accounts',
	keyPrefix: '001',
	fields: [
		field('Id', 'Account ID', 'id', 18, 'd'),
		field('IsDeleted', 'Deleted', 'boolean', 0, 'd'),
		field('MasterRecordId', 'Master Record ID', 'reference', 18, 'n', { referenceTo: ['Account'], relationshipName: 'MasterRecord' }),
		field('Name', 'Account Name', 'string', 255, 'cu', { nameField: true }),
		field('Type', 'Account Type', 'picklist', 255, 'cun', { picklist: ACCOUNT_TYPES }),
		field('ParentId', 'Parent Account ID', 'reference', 18, 'cun', { referenceTo: ['Account'], relationshipName: 'Parent' }),
		...addressFields('Billing'),
		...addressFields('Shipping'),
		field('Phone', 'Account Phone', 'phone', 40, 'cun'),
		field('Fax', 'Account Fax', 'phone', 40, 'cun'),
		field('AccountNumber', 'Account Number', 'string', 40, 'cun'),
		field('Website', 'Website', 'url', 255, 'cun'),
		field('PhotoUrl', 'Photo URL', 'url', 255, 'n'),
		field('Sic', 'SIC Code', 'string', 20, 'cun'),
		field('Industry', 'Industry', 'picklist', 255, 'cun', { picklist: INDUSTRIES }),
		field('AnnualRevenue', 'Annual Revenue', 'currency', 0, 'cun', { precision: 18 }),
		field('NumberOfEmployees', 'Employees', 'int', 0, 'cun'),
		field('Ownership', 'Ownership', 'picklist', 255, 'cun', { picklist: ['Public', 'Private', 'Subsidiary', 'Other'] }),
		field('TickerSymbol', 'Ticker Symbol', 'string', 20, 'cun'),
		field('Description', 'Account Description', 'textarea', 32000, 'cun'),
		field('Rating', 'Account Rating', 'picklist', 255, 'cun', { picklist: ['Hot', 'Warm', 'Cold'] }),
		field('Site', 'Account Site', 'string', 80, 'cun'),
		field('OwnerId', 'Owner ID', 'reference', 18, 'cud', { referenceTo: ['User'], relationshipName: 'Owner' }),
		...auditFields(),
		field('LastActivityDate', 'Last Activity', 'date', 0, 'n'),
		field('LastViewedDate', 'Last Viewed Date', 'datetime', 0, 'n'),
		field('LastReferencedDate', 'Last Referenced Date', 'datetime', 0, 'n'),
		field('Jigsaw', 'Data.com Key', 'string', 20, 'cun'),
		field('JigsawCompanyId', 'Jigsaw Company ID', 'string', 20, 'n'),
		field('CleanStatus', 'Clean Status', 'picklist', 40, 'cun', { picklist: CLEAN_STATUS, restrictedPicklist: true }),
		field('AccountSource', 'Account Source', 'picklist', 255, 'cun', { picklist: SOURCES }),
		field('DunsNumber', 'D-U-N-S Number', 'string', 9, 'cun'),
		field('Tradestyle', 'Tradestyle', 'string', 255, 'cun'),
		field('NaicsCode', 'NAICS Code', 'string', 8, 'cun'),
		field('NaicsDesc', 'NAICS Description', 'string', 120, 'cun'),
		field('YearStarted', 'Year Started', 'string', 4, 'cun'),
		field('SicDesc', 'SIC Description', 'string', 80, 'cun'),
		field('DandbCompanyId', 'D&B Company ID', 'reference', 18, 'cun', { referenceTo: ['DandBCompany'], relationshipName: 'DandbCompany' }),
		field('OperatingHoursId', 'Operating Hour ID', 'reference', 18, 'cun', { referenceTo: ['OperatingHours'], relationshipName: 'OperatingHours' }),
	],
	childRelationships: [
		{ childSObject: 'Account', field: 'ParentId', relationshipName: 'ChildAccounts' },
		{ childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts' },
		{ childSObject: 'Lead', field: 'ConvertedAccountId', relationshipName: null },
		{ childSObject: 'Opportunity', field: 'AccountId', relationshipName: 'Opportunities', cascadeDelete: true },
	],
};
