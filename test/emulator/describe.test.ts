/** Versions, describe global and per-object describes. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { LEAD_PT_BR_DESCRIBE_FILE as LEAD_FIXTURE } from '../../emulator';
import { call, emulator, rest, stopAll, V } from './helpers';

afterEach(stopAll);

describe('describe', () => {
	it.each(['v31.0', 'v54.0', 'v66.0'])('serves the pt_BR capture byte-identical when given as the Lead describe, for %s', async (version) => {
		const em = await emulator({ describes: { Lead: LEAD_FIXTURE } });
		const answer = await rest(em, 'GET', `/services/data/${version}/sobjects/Lead/describe`);
		expect(answer.status).toBe(200);
		expect(Buffer.from(answer.text, 'utf8').equals(readFileSync(LEAD_FIXTURE))).toBe(true);
	});

	it('answers 304 with an empty body when If-Modified-Since is not older than the describe', async () => {
		const em = await emulator();
		const first = await rest(em, 'GET', `${V}/sobjects/Lead/describe`);
		const again = await rest(em, 'GET', `${V}/sobjects/Lead/describe`, undefined, { 'If-Modified-Since': first.headers['last-modified'] as string });
		expect(again.status).toBe(304);
		expect(again.text).toBe('');
	});

	it('answers 200 when If-Modified-Since is older than the describe', async () => {
		const em = await emulator();
		const answer = await rest(em, 'GET', `${V}/sobjects/Lead/describe`, undefined, { 'If-Modified-Since': 'Mon, 01 Jan 2024 00:00:00 GMT' });
		expect(answer.status).toBe(200);
	});

	it.each(['Account', 'Contact', 'Campaign', 'CampaignMember', 'CampaignMemberStatus', 'AssignmentRule'])('builds %s with exactly the field keys and top-level keys of the real Lead describe', async (name) => {
		const em = await emulator();
		const lead = JSON.parse(readFileSync(LEAD_FIXTURE, 'utf8')) as { fields: Array<Record<string, unknown>> } & Record<string, unknown>;
		const answer = await rest(em, 'GET', `${V}/sobjects/${name}/describe`);
		const built = answer.json as { fields: Array<Record<string, unknown>> } & Record<string, unknown>;
		expect(Object.keys(built).sort()).toEqual(Object.keys(lead).sort());
		const leadFieldKeys = Object.keys(lead.fields[0]).sort();
		for (const field of built.fields) expect(Object.keys(field).sort()).toEqual(leadFieldKeys);
		expect(built.name).toBe(name);
	});

	it('makes Account Name the only field required on create', async () => {
		const em = await emulator();
		const answer = await rest(em, 'GET', `${V}/sobjects/Account/describe`);
		const { fields } = answer.json as { fields: Array<{ name: string; createable: boolean; nillable: boolean; defaultedOnCreate: boolean; type: string }> };
		const required = fields.filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate && f.type !== 'boolean').map((f) => f.name);
		expect(required).toEqual(['Name']);
	});

	it('writes the requested version into the built describe urls', async () => {
		const em = await emulator();
		const answer = await rest(em, 'GET', '/services/data/v60.0/sobjects/Contact/describe');
		expect((answer.json as { urls: { sobject: string } }).urls.sobject).toBe('/services/data/v60.0/sobjects/Contact');
	});

	it('answers 404 NOT_FOUND for an unknown object', async () => {
		const em = await emulator();
		const answer = await rest(em, 'GET', `${V}/sobjects/Nope__c/describe`);
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
	});

	it('finds objects whatever the letter case of the name', async () => {
		const em = await emulator();
		const answer = await rest(em, 'GET', `${V}/sobjects/lead/describe`);
		expect(answer.status).toBe(200);
	});

	it('serves a describe given as a file byte for byte, replacing the built-in', async () => {
		const em = await emulator({ describes: { Lead: LEAD_FIXTURE } });
		const answer = await rest(em, 'GET', `${V}/sobjects/Lead/describe`);
		expect(answer.text).toBe(readFileSync(LEAD_FIXTURE, 'utf8'));
	});

	it('validates creates against a describe given as an object', async () => {
		const describe = {
			name: 'Ticket__c', label: 'Ticket', keyPrefix: 'a01',
			fields: [
				{ name: 'Id', type: 'id', createable: false, nillable: false, defaultedOnCreate: true },
				{ name: 'Subject__c', label: 'Subject', type: 'string', length: 10, createable: true, nillable: false, defaultedOnCreate: false },
			],
		};
		const em = await emulator({ describes: { Ticket__c: describe } });
		const missing = await rest(em, 'POST', `${V}/sobjects/Ticket__c`, {});
		expect(missing.json).toEqual([{ message: 'Required fields are missing: [Subject__c]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Subject__c'] }]);
		const created = await rest(em, 'POST', `${V}/sobjects/Ticket__c`, { Subject__c: 'Printer' });
		expect((created.json as { id: string }).id.startsWith('a01')).toBe(true);
	});

	it('refuses at start-up a describe whose name does not match', async () => {
		await expect(emulator({ describes: { Lead: { name: 'Contact', keyPrefix: '003', fields: [{ name: 'Id', type: 'id' }] } } })).rejects.toThrow(
			'describes.Lead: the describe\'s "name" is "Contact", expected "Lead"',
		);
	});

	it('lists every object in describe global', async () => {
		const em = await emulator();
		const answer = await rest(em, 'GET', `${V}/sobjects`);
		const body = answer.json as { encoding: string; maxBatchSize: number; sobjects: Array<{ name: string; keyPrefix: string; createable: boolean; urls: { describe: string } }> };
		expect(body.encoding).toBe('UTF-8');
		expect(body.maxBatchSize).toBe(200);
		expect(body.sobjects.map(({ name, keyPrefix, createable }) => ({ name, keyPrefix, createable }))).toEqual([
			{ name: 'Account', keyPrefix: '001', createable: true },
			{ name: 'AssignmentRule', keyPrefix: '01Q', createable: false },
			{ name: 'Campaign', keyPrefix: '701', createable: true },
			{ name: 'CampaignMember', keyPrefix: '00v', createable: true },
			{ name: 'CampaignMemberStatus', keyPrefix: '01Y', createable: true },
			{ name: 'Contact', keyPrefix: '003', createable: true },
			{ name: 'Lead', keyPrefix: '00Q', createable: true },
		]);
		expect(body.sobjects.find((entry) => entry.name === 'Lead')?.urls.describe).toBe('/services/data/v66.0/sobjects/Lead/describe');
	});
});

describe('versions', () => {
	it('lists versions without a session and without counting an API call', async () => {
		const em = await emulator();
		const answer = await call(em, 'GET', '/services/data/');
		expect(answer.status).toBe(200);
		const versions = answer.json as Array<{ label: string; url: string; version: string }>;
		expect(versions[0]).toEqual({ label: 'Summer \'14', url: '/services/data/v31.0', version: '31.0' });
		expect(versions).toContainEqual({ label: 'Spring \'26', url: '/services/data/v66.0', version: '66.0' });
		expect(em.apiUsage().used).toBe(0);
		expect(answer.headers['sforce-limit-info']).toBe('api-usage=0/15000');
	});

	it('answers 410 for a retired version', async () => {
		const em = await emulator();
		const answer = await rest(em, 'GET', '/services/data/v30.0/sobjects');
		expect(answer.status).toBe(410);
	});

	it('answers 404 for an unknown version', async () => {
		const em = await emulator();
		const answer = await rest(em, 'GET', '/services/data/v99.0/sobjects');
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
	});
});

describe('the default Lead describe (English labels)', () => {
	type Describe = { fields: Array<Record<string, any>> } & Record<string, any>;
	const captured = JSON.parse(readFileSync(LEAD_FIXTURE, 'utf8')) as Describe;
	async function englishLead(): Promise<Describe> {
		const em = await emulator();
		return (await rest(em, 'GET', `${V}/sobjects/Lead/describe`)).json as Describe;
	}
	const labelOf = (describe: Describe, name: string) => describe.fields.find((f) => f.name === name)?.label;

	it('labels the standard fields as an English org does', async () => {
		const lead = await englishLead();
		const labels = Object.fromEntries(['LastName', 'FirstName', 'Company', 'Status', 'LeadSource', 'Email', 'Phone', 'MobilePhone', 'NumberOfEmployees', 'AnnualRevenue', 'PostalCode', 'OwnerId']
			.map((name) => [name, labelOf(lead, name)]));
		expect(labels).toEqual({
			LastName: 'Last Name', FirstName: 'First Name', Company: 'Company', Status: 'Lead Status', LeadSource: 'Lead Source',
			Email: 'Email', Phone: 'Phone', MobilePhone: 'Mobile Phone', NumberOfEmployees: 'No. of Employees',
			AnnualRevenue: 'Annual Revenue', PostalCode: 'Zip/Postal Code', OwnerId: 'Owner ID',
		});
	});

	it('labels picklist values in English and keeps their API values', async () => {
		const lead = await englishLead();
		const cleanStatus = lead.fields.find((f) => f.name === 'CleanStatus')?.picklistValues.map((p: any) => [p.value, p.label]);
		expect(cleanStatus).toEqual([
			['Matched', 'In Sync'], ['Different', 'Different'], ['Acknowledged', 'Reviewed'], ['NotFound', 'Not Found'],
			['Inactive', 'Inactive'], ['Pending', 'Not Compared'], ['SelectMatch', 'Select Match'], ['Skipped', 'Skipped'],
		]);
	});

	it('leaves no label of the capture in Portuguese', async () => {
		const lead = await englishLead();
		const portuguese = /[ãçéíóúâêô]|Sobrenome|Empresa|Proprietário|Origem|Setor|Mestre|Todos/i;
		const labels = [
			...lead.fields.flatMap((f) => [f.label, ...f.picklistValues.map((p: any) => p.label)]),
			...lead.recordTypeInfos.map((r: any) => r.name),
			...lead.supportedScopes.map((s: any) => s.label),
		];
		expect(labels.filter((label) => portuguese.test(label))).toEqual([]);
	});

	it('keeps every other property of the capture, field by field', async () => {
		const lead = await englishLead();
		const withoutLabels = (describe: Describe) => describe.fields.map(({ label, picklistValues, ...rest }) => ({ ...rest, values: picklistValues.map((p: any) => p.value) }));
		expect(withoutLabels(lead).slice(0, captured.fields.length)).toEqual(withoutLabels(captured));
		const { fields, recordTypeInfos, supportedScopes, ...top } = lead;
		const { fields: f, recordTypeInfos: r, supportedScopes: s, ...capturedTop } = captured;
		expect(top).toEqual(capturedTop);
	});

	it('adds External_Id__c: a unique, case-insensitive External ID text field with exactly a real field\'s keys', async () => {
		const lead = await englishLead();
		const field = lead.fields[lead.fields.length - 1];
		expect(Object.keys(field).sort()).toEqual(Object.keys(captured.fields[0]).sort());
		expect(field).toMatchObject({
			name: 'External_Id__c', label: 'External ID', type: 'string', length: 255, custom: true, externalId: true, idLookup: true,
			unique: true, caseSensitive: false, createable: true, updateable: true, nillable: true, defaultedOnCreate: false,
		});
	});
});

describe('describe files', () => {
	const tmp = () => mkdtempSync(join(tmpdir(), 'describe-'));

	it('reads a describe file that starts with a UTF-8 byte order mark and serves it without the mark', async () => {
		const file = join(tmp(), 'lead.json');
		writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(LEAD_FIXTURE)]));
		const em = await emulator({ describes: { Lead: file } });
		const answer = await rest(em, 'GET', `${V}/sobjects/Lead/describe`);
		expect(Buffer.from(answer.text, 'utf8').equals(readFileSync(LEAD_FIXTURE))).toBe(true);
	});

	it('refuses a JSON file that is not a describe, naming the file', async () => {
		const file = join(tmp(), 'leads.json');
		writeFileSync(file, JSON.stringify([{ LastName: 'Lovelace' }]));
		await expect(emulator({ describes: { Lead: file } })).rejects.toThrow(`describes.Lead (${file}): not an sObject describe: expected a JSON object with "name", "keyPrefix" and "fields"`);
		writeFileSync(file, JSON.stringify({ totalSize: 0, records: [] }));
		await expect(emulator({ describes: { Lead: file } })).rejects.toThrow(`describes.Lead (${file}): not an sObject describe: it has no "name" and "fields" array (save the body of GET /sobjects/{Name}/describe)`);
	});

	it('names the file that is not JSON', async () => {
		const file = join(tmp(), 'lead.json');
		writeFileSync(file, 'LastName,Company\n');
		await expect(emulator({ describes: { Lead: file } })).rejects.toThrow(`describes.Lead (${file}): not valid JSON`);
	});
});
