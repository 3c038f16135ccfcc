/**
 * The org's schema: which sObjects exist and their describes. Lead is the real capture with
 * English labels (lead.ts), the same body for every API version; the other standard objects are
 * built; `describes` options add objects or replace these (a file is served byte for byte, less a
 * byte order mark).
 */
import { readFileSync } from 'node:fs';

import { ACCOUNT } from './account';
import { ASSIGNMENT_RULE } from './assignment-rule';
import { CAMPAIGN, CAMPAIGN_MEMBER, CAMPAIGN_MEMBER_STATUS } from './campaign';
import { CONTACT } from './contact';
import { englishLeadDescribe } from './lead';
import { sobjectDescribe, type SObjectSpec } from './sobject';

/** The parts of a describe field the emulator's rules read. */
export interface DescribeField {
	name: string;
	label: string;
	type: string;
	length: number;
	precision: number;
	scale: number;
	nillable: boolean;
	createable: boolean;
	updateable: boolean;
	defaultedOnCreate: boolean;
	defaultValue: unknown;
	autoNumber: boolean;
	calculated: boolean;
	externalId: boolean;
	idLookup: boolean;
	unique: boolean;
	caseSensitive: boolean;
	restrictedPicklist: boolean;
	referenceTo: string[];
	picklistValues: Array<{ value: string; active: boolean; defaultValue: boolean }>;
}

export interface ObjectSchema {
	name: string;
	label: string;
	labelPlural: string;
	keyPrefix: string;
	describe: Record<string, unknown>;
	fields: DescribeField[];
	/** Lower-cased field name -> field: Salesforce field names are case-insensitive. */
	fieldIndex: Map<string, DescribeField>;
	/** The describe body to serve for an API version like '66.0'. */
	body(version: string): Buffer;
}

export class SchemaCatalog {
	private readonly objects = new Map<string, ObjectSchema>();
	/** When a describe last changed: start-up, or an admin's change (whole seconds, as HTTP dates are). */
	lastModified = new Date(Math.floor(Date.now() / 1000) * 1000);

	constructor(overrides: Record<string, string | object> = {}) {
		this.add(fromObject('Lead', englishLeadDescribe()));
		for (const spec of [ACCOUNT, ASSIGNMENT_RULE, CAMPAIGN, CAMPAIGN_MEMBER, CAMPAIGN_MEMBER_STATUS, CONTACT]) this.add(fromSpec(spec));
		for (const [name, source] of Object.entries(overrides)) {
			const schema = typeof source === 'string' ? fromFile(name, source) : fromObject(name, source);
			this.add(schema);
		}
	}

	/** As when an admin changes the object in Setup: the describe served (and checked against) from now on. */
	replace(name: string, describe: object): void {
		this.add(fromObject(name, describe));
		this.lastModified = new Date(Math.ceil(Date.now() / 1000) * 1000);
	}

	/** Object names are case-insensitive in Salesforce URLs and queries. */
	find(name: string): ObjectSchema | undefined {
		return this.objects.get(name.toLowerCase());
	}

	all(): ObjectSchema[] {
		return [...this.objects.values()].sort((a, b) => a.name.localeCompare(b.name));
	}

	/** Which object an id belongs to, by its key prefix. */
	byKeyPrefix(keyPrefix: string): ObjectSchema | undefined {
		return [...this.objects.values()].find((schema) => schema.keyPrefix === keyPrefix);
	}

	private add(schema: ObjectSchema): void {
		this.objects.set(schema.name.toLowerCase(), schema);
	}
}

function fromFile(name: string, path: string): ObjectSchema {
	const where = `describes.${name} (${path})`;
	let bytes: Buffer;
	try {
		bytes = withoutByteOrderMark(readFileSync(path));
	} catch (error) {
		throw new Error(`${where}: cannot read the file: ${(error as Error).message}`);
	}
	let describe: unknown;
	try {
		describe = JSON.parse(bytes.toString('utf8'));
	} catch (error) {
		throw new Error(`${where}: not valid JSON: ${(error as Error).message}`);
	}
	return schemaOf(name, checkDescribe(where, name, describe), () => bytes);
}

/** Windows tools often start UTF-8 files with EF BB BF; Salesforce never sends one, so it is not served either. */
export function withoutByteOrderMark(bytes: Buffer): Buffer {
	return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

function fromObject(name: string, describe: object): ObjectSchema {
	const bytes = Buffer.from(JSON.stringify(describe));
	return schemaOf(name, checkDescribe(`describes.${name}`, name, describe), () => bytes);
}

function fromSpec(spec: SObjectSpec): ObjectSchema {
	const bodies = new Map<string, Buffer>();
	const body = (version: string) => {
		let bytes = bodies.get(version);
		if (bytes === undefined) {
			bytes = Buffer.from(JSON.stringify(sobjectDescribe(spec, version)));
			bodies.set(version, bytes);
		}
		return bytes;
	};
	return schemaOf(spec.name, sobjectDescribe(spec, '66.0'), body);
}

/** `where` names the option (and the file) in messages, so a wrong file is found at once. */
function checkDescribe(where: string, name: string, describe: unknown): Record<string, unknown> {
	const problem = (what: string) => new Error(`${where}: ${what}`);
	if (describe === null || typeof describe !== 'object' || Array.isArray(describe)) {
		throw problem('not an sObject describe: expected a JSON object with "name", "keyPrefix" and "fields"');
	}
	const record = describe as Record<string, unknown>;
	if (record.name === undefined || !Array.isArray(record.fields)) {
		throw problem('not an sObject describe: it has no "name" and "fields" array (save the body of GET /sobjects/{Name}/describe)');
	}
	if (record.name !== name) throw problem(`the describe's "name" is ${JSON.stringify(record.name)}, expected "${name}"`);
	if (typeof record.keyPrefix !== 'string' || !/^[a-zA-Z0-9]{3}$/.test(record.keyPrefix)) throw problem('"keyPrefix" must be 3 letters or digits');
	if (!Array.isArray(record.fields) || record.fields.length === 0) throw problem('"fields" must be a non-empty array');
	for (const [index, fieldValue] of (record.fields as unknown[]).entries()) {
		const fieldRecord = fieldValue as Record<string, unknown> | null;
		if (fieldRecord === null || typeof fieldRecord.name !== 'string' || typeof fieldRecord.type !== 'string') {
			throw problem(`fields[${index}] needs a "name" and a "type"`);
		}
	}
	return record;
}

function schemaOf(name: string, describe: Record<string, unknown>, body: (version: string) => Buffer): ObjectSchema {
	const fields = (describe.fields as Array<Record<string, unknown>>).map(toDescribeField);
	return {
		name,
		label: String(describe.label ?? name),
		labelPlural: String(describe.labelPlural ?? describe.label ?? name),
		keyPrefix: describe.keyPrefix as string,
		describe,
		fields,
		fieldIndex: new Map(fields.map((f) => [f.name.toLowerCase(), f])),
		body,
	};
}

/** Missing flags read as Salesforce's defaults, so a hand-written describe with few keys still works. */
function toDescribeField(raw: Record<string, unknown>): DescribeField {
	const flag = (key: string, fallback = false) => (typeof raw[key] === 'boolean' ? (raw[key] as boolean) : fallback);
	const number = (key: string) => (typeof raw[key] === 'number' ? (raw[key] as number) : 0);
	return {
		name: raw.name as string,
		label: typeof raw.label === 'string' ? raw.label : (raw.name as string),
		type: raw.type as string,
		length: number('length'),
		precision: number('precision'),
		scale: number('scale'),
		nillable: flag('nillable', true),
		createable: flag('createable', true),
		updateable: flag('updateable', true),
		defaultedOnCreate: flag('defaultedOnCreate'),
		defaultValue: raw.defaultValue ?? null,
		autoNumber: flag('autoNumber'),
		calculated: flag('calculated'),
		externalId: flag('externalId'),
		idLookup: flag('idLookup'),
		unique: flag('unique'),
		caseSensitive: flag('caseSensitive'),
		restrictedPicklist: flag('restrictedPicklist'),
		referenceTo: Array.isArray(raw.referenceTo) ? (raw.referenceTo as string[]) : [],
		picklistValues: Array.isArray(raw.picklistValues) ? (raw.picklistValues as DescribeField['picklistValues']) : [],
	};
}
