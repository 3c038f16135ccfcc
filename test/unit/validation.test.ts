import leadDescribeJson from '../../emulator/fixtures/lead-describe-v54.json';
import type { SObjectDescribe } from '../../nodes/SalesforceRest/helpers/describe';
import { createFieldLookup, mapInput } from '../../nodes/SalesforceRest/helpers/mapping';
import { createRecordRules, prepareRecord } from '../../nodes/SalesforceRest/helpers/validation';

const leadDescribe = leadDescribeJson as unknown as SObjectDescribe;
const rules = createRecordRules(leadDescribe);

describe('mapInput', () => {
	const lookup = createFieldLookup(leadDescribe);

	it('matches API names in any letter case in both modes', () => {
		const mapped = mapInput(lookup, { lastname: 'Silva', COMPANY: 'Acme' }, 'defineBelow');
		expect(mapped.assignments.map((entry) => [entry.key, entry.field.name, entry.value])).toEqual([
			['lastname', 'LastName', 'Silva'],
			['COMPANY', 'Company', 'Acme'],
		]);
		expect(mapped.unknownKeys).toEqual([]);
	});

	it('matches labels only when mapping automatically', () => {
		expect(mapInput(lookup, { sobrenome: 'Silva' }, 'autoMapInputData').assignments[0].field.name).toBe('LastName');
		expect(mapInput(lookup, { sobrenome: 'Silva' }, 'defineBelow').unknownKeys).toEqual(['sobrenome']);
	});

	it('leaves empty values out and does not report their keys', () => {
		const mapped = mapInput(lookup, { LastName: 'Silva', Email: '', Phone: null, utm_source: '  ' }, 'autoMapInputData');
		expect(mapped.assignments.map((entry) => entry.field.name)).toEqual(['LastName']);
		expect(mapped.unknownKeys).toEqual([]);
	});

	it('reports two keys that name the same field', () => {
		const mapped = mapInput(lookup, { LastName: 'Silva', Sobrenome: 'Souza' }, 'autoMapInputData');
		expect(mapped.conflicts).toEqual([{ key: 'Sobrenome', otherKey: 'LastName', field: 'LastName' }]);
	});
});

describe('prepareRecord', () => {
	it('builds the record with API names and converted values', () => {
		const prepared = prepareRecord(
			rules,
			{
				'Sobrenome': 'Silva',
				company: 'Acme',
				Email: 'ana@acme.com',
				NumberOfEmployees: '12',
				AnnualRevenue: 250.5,
				TesteBoleano__c: 'yes',
				Birthday__c: '1993-05-11',
				marcas__c: '',
			},
			{ mode: 'autoMapInputData' },
		);
		expect(prepared).toEqual({
			ok: true,
			record: {
				LastName: 'Silva',
				Company: 'Acme',
				Email: 'ana@acme.com',
				NumberOfEmployees: 12,
				AnnualRevenue: 250.5,
				TesteBoleano__c: true,
				Birthday__c: '1993-05-11',
			},
		});
	});

	it('fails an item without Company with REQUIRED_FIELD_MISSING naming the field', () => {
		expect(prepareRecord(rules, { LastName: 'Silva' }, { mode: 'defineBelow' })).toEqual({
			ok: false,
			problem: { errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required field "Company" has no value', fields: ['Company'] },
		});
	});

	it('counts an empty required value as missing', () => {
		const prepared = prepareRecord(rules, { LastName: 'Silva', Company: '' }, { mode: 'defineBelow' });
		expect(prepared).toMatchObject({ ok: false, problem: { errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] } });
	});

	it('fails an unknown field name with INVALID_FIELD', () => {
		expect(prepareRecord(rules, { LastName: 'Silva', Company: 'Acme', Shoe_Size__c: 42 }, { mode: 'autoMapInputData' })).toEqual({
			ok: false,
			problem: {
				errorCode: 'INVALID_FIELD',
				message: 'Unknown field "Shoe_Size__c": Lead has no field with this API name or label',
				fields: ['Shoe_Size__c'],
			},
		});
	});

	it('fails a field that cannot be set on create, as the captured CreatedById error', () => {
		expect(prepareRecord(rules, { LastName: 'Test', Company: 'Test', CreatedById: '00QHo00000zTe3XMAS' }, { mode: 'defineBelow' })).toEqual({
			ok: false,
			problem: {
				errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
				message: 'Field "CreatedById" cannot be set when creating a Lead',
				fields: ['CreatedById'],
			},
		});
	});

	it('fails a value outside a restricted picklist, naming the field and the input key', () => {
		const prepared = prepareRecord(rules, { Sobrenome: 'Silva', Empresa: 'Acme', 'Precisão do geocódigo': 'Roof' }, { mode: 'autoMapInputData' });
		expect(prepared).toMatchObject({
			ok: false,
			problem: { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['GeocodeAccuracy'] },
		});
		expect(!prepared.ok && prepared.problem.message).toMatch(
			/^Field "GeocodeAccuracy" \(input key "Precisão do geocódigo"\): "Roof" is not one of the allowed values: Address, /,
		);
	});

	it('fails a string over the field length', () => {
		const prepared = prepareRecord(rules, { LastName: 'x'.repeat(81), Company: 'Acme' }, { mode: 'defineBelow' });
		expect(prepared).toEqual({
			ok: false,
			problem: {
				errorCode: 'STRING_TOO_LONG',
				message: 'Field "LastName": is 81 characters long, the field allows at most 80',
				fields: ['LastName'],
			},
		});
	});

	it('fails a bad email, number and date, listing every field', () => {
		const prepared = prepareRecord(
			rules,
			{ LastName: 'Silva', Company: 'Acme', Email: 'not-an-email', NumberOfEmployees: 'many', Birthday__c: '31/12/1990' },
			{ mode: 'defineBelow' },
		);
		expect(prepared).toMatchObject({
			ok: false,
			problem: { errorCode: 'INVALID_EMAIL_ADDRESS', fields: ['Email', 'NumberOfEmployees', 'Birthday__c'] },
		});
		expect(!prepared.ok && prepared.problem.message.split('; ')).toEqual([
			'Field "Email": "not-an-email" is not an email address Salesforce accepts (ASCII letters, digits and .!#$%&\'*+/=?^_`{|}~- before the @, a domain with a dot after it)',
			'Field "NumberOfEmployees": expected a whole number, got "many"',
			'Field "Birthday__c": expected a date as YYYY-MM-DD between 1700 and 4000, got "31/12/1990"',
		]);
	});

	it('reports a missing required field together with other problems', () => {
		const prepared = prepareRecord(rules, { Company: 'Acme', Foo: 1 }, { mode: 'defineBelow' });
		expect(prepared).toMatchObject({
			ok: false,
			problem: { errorCode: 'INVALID_FIELD', fields: ['Foo', 'LastName'] },
		});
	});
});
