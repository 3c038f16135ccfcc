/** Versions, describe global and per-object describes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { call, emulator, rest, stopAll, V } from './helpers';

afterEach(stopAll);

const LEAD_FIXTURE = join(__dirname, '../../emulator/fixtures/lead-describe-v54.json');

describe('describe', () => {
	it.each(['v31.0', 'v54.0', 'v66.0'])('serves the Lead describe byte-identical to the capture for %s', async (version) => {
		const em = await emulator();
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

	it.each(['Account', 'Contact'])('builds %s with exactly the field keys and top-level keys of the real Lead describe', async (name) => {
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
		const path = join(__dirname, '../../emulator/fixtures/lead-describe-v54.json');
		const em = await emulator({ describes: { Lead: path } });
		const answer = await rest(em, 'GET', `${V}/sobjects/Lead/describe`);
		expect(answer.text).toBe(readFileSync(path, 'utf8'));
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
			{ name: 'Contact', keyPrefix: '003', createable: true },
			{ name: 'Lead', keyPrefix: '00Q', createable: true },
		]);
		expect(body.sobjects[2].urls.describe).toBe('/services/data/v66.0/sobjects/Lead/describe');
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
