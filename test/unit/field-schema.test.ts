import leadDescribeJson from '../../emulator/fixtures/lead-describe-v54.json';
import type { SObjectDescribe, SObjectSummary } from '../../nodes/SalesforceRest/helpers/describe';
import { createableFieldSchema } from '../../nodes/SalesforceRest/helpers/fieldSchema';
import { filterObjects } from '../../nodes/SalesforceRest/helpers/objectList';

const leadDescribe = leadDescribeJson as unknown as SObjectDescribe;
const schema = createableFieldSchema(leadDescribe);
const byId = (id: string) => schema.find((field) => field.id === id);

describe('createableFieldSchema (the resourceMapper fields of Lead → Create)', () => {
	it('offers every createable field, custom ones included, and nothing else', () => {
		const createable = leadDescribe.fields.filter((field) => field.createable).map((field) => field.name);
		expect(schema.map((field) => field.id)).toEqual(createable);
		expect(byId('SICCode__c')).toBeDefined();
		expect(byId('CreatedById')).toBeUndefined();
	});

	it('marks exactly LastName and Company required', () => {
		expect(schema.filter((field) => field.required).map((field) => field.id)).toEqual(['LastName', 'Company']);
	});

	it('shows the label with the API name', () => {
		expect(byId('LastName')).toEqual({
			id: 'LastName',
			displayName: 'Sobrenome (LastName)',
			required: true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
		});
	});

	it('maps Salesforce types to n8n input types', () => {
		const types = Object.fromEntries(
			['Email', 'Phone', 'Website', 'Description', 'NumberOfEmployees', 'AnnualRevenue', 'TesteBoleano__c', 'Birthday__c', 'BirthdayHour__c', 'OwnerId', 'marcas__c'].map(
				(id) => [id, byId(id)?.type],
			),
		);
		expect(types).toEqual({
			Email: 'string',
			Phone: 'string',
			Website: 'string',
			Description: 'string',
			NumberOfEmployees: 'number',
			AnnualRevenue: 'number',
			TesteBoleano__c: 'boolean',
			Birthday__c: 'dateTime',
			BirthdayHour__c: 'dateTime',
			OwnerId: 'string',
			marcas__c: 'string',
		});
		expect(byId('marcas__c')?.displayName).toBe('marcas (marcas__c), values separated by ;');
	});

	it('offers picklists as options, default first, with labels as names', () => {
		expect(byId('Status')?.type).toBe('options');
		expect(byId('Status')?.options?.[0]).toEqual({ name: 'Open - Not Contacted', value: 'Open - Not Contacted' });
		expect(byId('GeocodeAccuracy')?.options?.slice(0, 2)).toEqual([
			{ name: 'Endereço', value: 'Address' },
			{ name: 'Endereço próximo', value: 'NearAddress' },
		]);
	});
});

describe('filterObjects (the object picker of Object → Describe)', () => {
	const objects: SObjectSummary[] = [
		{ name: 'Lead', label: 'Lead', createable: true, custom: false, keyPrefix: '00Q' },
		{ name: 'Account', label: 'Conta', createable: true, custom: false, keyPrefix: '001' },
		{ name: 'Invoice__c', label: 'Invoice', createable: true, custom: true, keyPrefix: 'a00' },
	];

	it('lists everything sorted by label without a filter', () => {
		expect(filterObjects(objects).map((object) => object.name)).toEqual(['Account', 'Invoice__c', 'Lead']);
	});

	it('matches the API name or the label in any letter case', () => {
		expect(filterObjects(objects, 'ACCOUNT').map((object) => object.name)).toEqual(['Account']);
		expect(filterObjects(objects, 'cont').map((object) => object.name)).toEqual(['Account']);
		expect(filterObjects(objects, '__c').map((object) => object.name)).toEqual(['Invoice__c']);
	});
});
