/**
 * The Lead describe the emulator serves by default: the real capture (fixtures/, a pt_BR org) with
 * the labels an English-speaking org shows, plus one External ID field, so that `npm start`, the
 * editor and the README read as most users see them. Every other property stays as captured. The
 * capture itself stays byte-identical and is served as is with `describes: { Lead: LEAD_PT_BR_DESCRIBE_FILE }`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const LEAD_PT_BR_DESCRIBE_FILE = join(__dirname, '..', 'fixtures', 'lead-describe-v54.json');

/** Salesforce's English labels for the standard Lead fields, and readable ones for the capture's custom fields. */
const FIELD_LABELS: Record<string, string> = {
	Id: 'Lead ID', IsDeleted: 'Deleted', MasterRecordId: 'Master Record ID', LastName: 'Last Name',
	FirstName: 'First Name', Salutation: 'Salutation', Name: 'Full Name', Title: 'Title', Company: 'Company',
	Street: 'Street', City: 'City', State: 'State/Province', PostalCode: 'Zip/Postal Code', Country: 'Country',
	Latitude: 'Latitude', Longitude: 'Longitude', GeocodeAccuracy: 'Geocode Accuracy', Address: 'Address',
	Phone: 'Phone', MobilePhone: 'Mobile Phone', Fax: 'Fax', Email: 'Email', Website: 'Website',
	PhotoUrl: 'Photo URL', Description: 'Description', LeadSource: 'Lead Source', Status: 'Lead Status',
	Industry: 'Industry', Rating: 'Rating', AnnualRevenue: 'Annual Revenue', NumberOfEmployees: 'No. of Employees',
	OwnerId: 'Owner ID', IsConverted: 'Converted', ConvertedDate: 'Converted Date',
	ConvertedAccountId: 'Converted Account ID', ConvertedContactId: 'Converted Contact ID',
	ConvertedOpportunityId: 'Converted Opportunity ID', IsUnreadByOwner: 'Unread By Owner',
	CreatedDate: 'Created Date', CreatedById: 'Created By ID', LastModifiedDate: 'Last Modified Date',
	LastModifiedById: 'Last Modified By ID', SystemModstamp: 'System Modstamp', LastActivityDate: 'Last Activity',
	LastViewedDate: 'Last Viewed Date', LastReferencedDate: 'Last Referenced Date', Jigsaw: 'Data.com Key',
	JigsawContactId: 'Jigsaw Contact ID', CleanStatus: 'Clean Status', CompanyDunsNumber: 'Company D-U-N-S Number',
	DandbCompanyId: 'D&B Company ID', EmailBouncedReason: 'Email Bounced Reason', EmailBouncedDate: 'Email Bounced Date',
	IndividualId: 'Individual ID',
	SICCode__c: 'SIC Code', ProductInterest__c: 'Product Interest', Primary__c: 'Primary',
	CurrentGenerators__c: 'Current Generator(s)', NumberofLocations__c: 'Number of Locations', Birthday__c: 'Birthday',
	BirthdayHour__c: 'Birthday and Hour', batata__c: 'Potato', marcas__c: 'Brands', Necessidade__c: 'Need',
	Necessidade1__c: 'Need 1', assistant_history__c: 'Assistant History', TesteBoleano__c: 'Test Checkbox',
};

/** Picklist value -> English label, where the capture's label is not already the English one. */
const PICKLIST_LABELS: Record<string, Record<string, string>> = {
	GeocodeAccuracy: {
		Address: 'Address', NearAddress: 'Near Address', Block: 'Block', Street: 'Street', ExtendedZip: 'Extended Zip',
		Zip: 'Zip', Neighborhood: 'Neighborhood', City: 'City', County: 'County', State: 'State', Unknown: 'Unknown',
	},
	CleanStatus: {
		Matched: 'In Sync', Different: 'Different', Acknowledged: 'Reviewed', NotFound: 'Not Found', Inactive: 'Inactive',
		Pending: 'Not Compared', SelectMatch: 'Select Match', Skipped: 'Skipped',
	},
	batata__c: { doce: 'Sweet', frito: 'Fried', cozida: 'Boiled' },
	marcas__c: { carro: 'Car', moto: 'Motorcycle', 'avião': 'Plane', barco: 'Boat' },
};

const SCOPE_LABELS: Record<string, string> = {
	everything: 'All leads', mine: 'My leads', queue_owned: 'Queue owned leads', scopingRule: 'Scoping Rule',
	team: 'My team\'s leads', user_owned: 'User owned leads',
};

/** The External ID field added to the English variant, so upserts by an external id can be tried. */
export const LEAD_EXTERNAL_ID_FIELD = 'External_Id__c';

type Describe = Record<string, unknown> & { fields: Array<Record<string, unknown>> };

export function englishLeadDescribe(): Describe {
	const describe = JSON.parse(readFileSync(LEAD_PT_BR_DESCRIBE_FILE, 'utf8')) as Describe;
	for (const describeField of describe.fields) {
		const name = describeField.name as string;
		describeField.label = FIELD_LABELS[name] ?? describeField.label;
		const valueLabels = PICKLIST_LABELS[name];
		if (valueLabels === undefined) continue;
		for (const entry of describeField.picklistValues as Array<Record<string, unknown>>) {
			entry.label = valueLabels[entry.value as string] ?? entry.label;
		}
	}
	describe.fields.push(externalIdField(describe.fields));
	for (const recordType of describe.recordTypeInfos as Array<Record<string, unknown>>) {
		if (recordType.master === true) Object.assign(recordType, { developerName: 'Master', name: 'Master' });
	}
	for (const scope of describe.supportedScopes as Array<Record<string, unknown>>) {
		scope.label = SCOPE_LABELS[scope.name as string] ?? scope.label;
	}
	return describe;
}

/** Built from the capture's own custom text field (Necessidade__c), so it has exactly a real field's keys. */
function externalIdField(fields: Array<Record<string, unknown>>): Record<string, unknown> {
	const model = fields.find((describeField) => describeField.name === 'Necessidade__c');
	if (model === undefined) throw new Error('The Lead capture lost its custom text field Necessidade__c');
	const length = 255;
	return {
		...structuredClone(model),
		name: LEAD_EXTERNAL_ID_FIELD,
		label: 'External ID',
		length,
		byteLength: length * 3,
		externalId: true,
		idLookup: true,
		unique: true,
		caseSensitive: false,
		createable: true,
		updateable: true,
		nillable: true,
		inlineHelpText: 'The id of this lead in the system it came from.',
	};
}
