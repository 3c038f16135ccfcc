/** A standard Contact as a Developer Edition org describes it (English labels). */
import { addressFields, CLEAN_STATUS, SOURCES } from './common';
import { auditFields, field } from './field';
import type { SObjectSpec } from './sobject';

const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'];

const personName = { compoundFieldName: 'Name', extraTypeInfo: 'personname' };

export const CONTACT: SObjectSpec = {
	name: 'Contact',
	label: 'Contact',
	labelPlural: 'Contacts',
	keyPrefix: '003',
	fields: [
		field('Id', 'Contact ID', 'id', 18, 'd'),
		field('IsDeleted', 'Deleted', 'boolean', 0, 'd'),
		field('MasterRecordId', 'Master Record ID', 'reference', 18, 'n', { referenceTo: ['Contact'], relationshipName: 'MasterRecord' }),
		field('AccountId', 'Account ID', 'reference', 18, 'cun', { referenceTo: ['Account'], relationshipName: 'Account' }),
		field('LastName', 'Last Name', 'string', 80, 'cu', personName),
		field('FirstName', 'First Name', 'string', 40, 'cun', personName),
		field('Salutation', 'Salutation', 'picklist', 40, 'cun', { ...personName, picklist: SALUTATIONS }),
		field('Name', 'Full Name', 'string', 121, '', { nameField: true, extraTypeInfo: 'personname' }),
		...addressFields('Other'),
		...addressFields('Mailing'),
		field('Phone', 'Business Phone', 'phone', 40, 'cun'),
		field('Fax', 'Business Fax', 'phone', 40, 'cun'),
		field('MobilePhone', 'Mobile Phone', 'phone', 40, 'cun'),
		field('HomePhone', 'Home Phone', 'phone', 40, 'cun'),
		field('OtherPhone', 'Other Phone', 'phone', 40, 'cun'),
		field('AssistantPhone', 'Asst. Phone', 'phone', 40, 'cun'),
		field('ReportsToId', 'Reports To ID', 'reference', 18, 'cun', { referenceTo: ['Contact'], relationshipName: 'ReportsTo' }),
		field('Email', 'Email', 'email', 80, 'cuni'),
		field('Title', 'Title', 'string', 128, 'cun'),
		field('Department', 'Department', 'string', 80, 'cun'),
		field('AssistantName', 'Assistant\'s Name', 'string', 40, 'cun'),
		field('LeadSource', 'Lead Source', 'picklist', 255, 'cun', { picklist: SOURCES }),
		field('Birthdate', 'Birthdate', 'date', 0, 'cun'),
		field('Description', 'Contact Description', 'textarea', 32000, 'cun'),
		field('OwnerId', 'Owner ID', 'reference', 18, 'cud', { referenceTo: ['User'], relationshipName: 'Owner' }),
		field('HasOptedOutOfEmail', 'Email Opt Out', 'boolean', 0, 'cud'),
		field('HasOptedOutOfFax', 'Fax Opt Out', 'boolean', 0, 'cud'),
		field('DoNotCall', 'Do Not Call', 'boolean', 0, 'cud'),
		...auditFields(),
		field('LastActivityDate', 'Last Activity', 'date', 0, 'n'),
		field('LastCURequestDate', 'Last Stay-in-Touch Request Date', 'datetime', 0, 'n'),
		field('LastCUUpdateDate', 'Last Stay-in-Touch Save Date', 'datetime', 0, 'n'),
		field('LastViewedDate', 'Last Viewed Date', 'datetime', 0, 'n'),
		field('LastReferencedDate', 'Last Referenced Date', 'datetime', 0, 'n'),
		field('EmailBouncedReason', 'Email Bounced Reason', 'string', 255, 'un'),
		field('EmailBouncedDate', 'Email Bounced Date', 'datetime', 0, 'un'),
		field('IsEmailBounced', 'Is Email Bounced', 'boolean', 0, 'd'),
		field('PhotoUrl', 'Photo URL', 'url', 255, 'n'),
		field('Jigsaw', 'Data.com Key', 'string', 20, 'cun'),
		field('JigsawContactId', 'Jigsaw Contact ID', 'string', 20, 'n'),
		field('CleanStatus', 'Clean Status', 'picklist', 40, 'cun', { picklist: CLEAN_STATUS, restrictedPicklist: true }),
		field('IndividualId', 'Individual ID', 'reference', 18, 'cun', { referenceTo: ['Individual'], relationshipName: 'Individual' }),
	],
	childRelationships: [
		{ childSObject: 'Contact', field: 'ReportsToId', relationshipName: null },
		{ childSObject: 'Lead', field: 'ConvertedContactId', relationshipName: null },
		{ childSObject: 'Case', field: 'ContactId', relationshipName: 'Cases' },
	],
};
