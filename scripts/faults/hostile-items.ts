/**
 * The hostile scenario's items, keyed by Lead API names for "Map Automatically": one in five is a
 * valid lead (with valid values of many field types), the others carry hostile values (see
 * hostile-values.ts) in the fields of the captured Lead describe, in turn so that every createable
 * field gets them, plus hostile input keys. Item `index` is the same on every run (seeded), and
 * any item can be made alone: the worker makes only the items of the execution it runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { DescribeField } from '../../emulator/describes/catalog';
import { seededRandom, type Random } from '../../emulator/seeded-random';
import { HUGE_VALUES, hostileKeys, hostileValueMakers, type FieldFacts } from './hostile-values';

/** The field that carries each item's unique key, never given a hostile value. */
export const HOSTILE_KEY_FIELD = 'Necessidade1__c';

const SEED = 20261130;
/** Item 4, 9, 14, ... is a valid lead. */
const VALID_EVERY = 5;
/** Item 7, 67, 127, ... gets one of HUGE_VALUES, in turn. */
const HUGE_EVERY = 60;
const HUGE_OFFSET = 7;

/** An input item as the node receives it: anything a JSON-ish object can hold. */
export type Lead = Record<string, unknown>;

export interface GeneratedItem {
	json: Lead;
	key: string;
	valid: boolean;
	/** What is hostile about it, e.g. `Email: "a@......" (80,004 chars)`. */
	about?: string;
}

let cachedFields: FieldFacts[] | undefined;

/** The createable fields of the Lead describe the emulator serves (but the key field). */
function leadFields(): FieldFacts[] {
	if (cachedFields) return cachedFields;
	const file = path.resolve(__dirname, '..', '..', 'emulator', 'fixtures', 'lead-describe-v54.json');
	const describe = JSON.parse(readFileSync(file, 'utf8')) as { fields: DescribeField[] };
	cachedFields = describe.fields
		.filter((field) => field.createable && field.name !== HOSTILE_KEY_FIELD)
		.map((field) => ({
			name: field.name,
			label: field.label,
			type: field.type,
			length: field.length,
			picklist: field.picklistValues.filter((entry) => entry.active).map((entry) => entry.value),
		}));
	return cachedFields;
}

function pick<T>(random: Random, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)];
}

/** A value Salesforce takes for a field of this type, or undefined when there is no safe one (references). */
function validValue(field: FieldFacts): unknown {
	switch (field.type) {
		case 'string':
			return 'Zoë 東京 🙂'.slice(0, field.length);
		case 'textarea':
			return 'Line one\nLine two: ünïcödé, 東京 🙂';
		case 'phone':
			return '+1 555 0100';
		case 'url':
			return 'https://example.com/a?b=c';
		case 'picklist':
			return field.picklist[0];
		case 'multipicklist':
			return field.picklist.slice(0, 2).join(';');
		case 'double':
		case 'currency':
		case 'int':
			return 42;
		case 'boolean':
			return true;
		case 'date':
			return '1990-05-17';
		case 'datetime':
			return '2024-05-01T14:30:00Z';
		default:
			return undefined;
	}
}

function validLead(index: number, random: Random, base: Lead): Lead {
	const lead: Lead = { ...base, FirstName: 'Zoë', Email: `valid.${index}@example.com` };
	const others = leadFields().filter((field) => !(field.name in lead));
	for (let count = 0; count < 4; count++) {
		const field = pick(random, others);
		const value = validValue(field);
		if (value !== undefined) lead[field.name] = value;
	}
	return lead;
}

/** A value, shortly: the start of a text and its length, the size of a list. */
export function preview(value: unknown): string {
	if (typeof value === 'string') {
		const start = JSON.stringify(value.slice(0, 16));
		return value.length > 16 ? `${start}… (${value.length.toLocaleString('en')} chars)` : start;
	}
	if (Array.isArray(value)) return `a list of ${value.length.toLocaleString('en')}`;
	if (typeof value === 'object' && value !== null) return 'an object';
	return Object.is(value, -0) ? '-0' : String(value);
}

function withHugeValue(index: number, base: Lead): { json: Lead; about: string } {
	const huge = HUGE_VALUES[Math.floor(index / HUGE_EVERY) % HUGE_VALUES.length];
	const candidates = leadFields().filter((field) =>
		huge.type === 'number' ? ['double', 'currency', 'int'].includes(field.type) : field.type === huge.type,
	);
	const field = candidates[index % Math.max(candidates.length, 1)];
	const value = huge.make({ picklist: field?.picklist.length ? field.picklist : ['A'] });
	if (huge.type === 'key' || field === undefined) return { json: { ...base, [String(value)]: 'value of a huge key' }, about: `key: ${huge.label}` };
	return { json: { ...base, [field.name]: value }, about: `${field.name}: ${huge.label}` };
}

function hostileLead(index: number, random: Random, base: Lead): { json: Lead; about: string } {
	const fields = leadFields();
	const lead: Lead = { ...base };
	const about: string[] = [];
	// In turn, so that every field gets its share; then one more at random.
	for (const field of [fields[index % fields.length], pick(random, fields)]) {
		lead[field.name] = pick(random, hostileValueMakers(field))(field);
		about.push(`${field.name}: ${preview(lead[field.name])}`);
	}
	if (random() < 0.25) {
		const lastNameLabel = fields.find((field) => field.name === 'LastName')?.label ?? 'Last Name';
		const keysBefore = new Set(Object.keys(lead));
		pick(random, hostileKeys([lastNameLabel]))(lead);
		const added = Object.keys(lead).find((key) => !keysBefore.has(key));
		if (added !== undefined) about.push(`key ${preview(added)}`);
	}
	return { json: lead, about: about.join('; ') };
}

export function hostileItem(index: number): GeneratedItem {
	const random = seededRandom(SEED + index * 7919);
	const key = `hostile-${index}`;
	const base: Lead = { LastName: `Hostile ${index}`, Company: 'Hostile Co', [HOSTILE_KEY_FIELD]: key };
	if (index % VALID_EVERY === VALID_EVERY - 1) return { json: validLead(index, random, base), key, valid: true };
	if (index % HUGE_EVERY === HUGE_OFFSET) return { ...withHugeValue(index, base), key, valid: false };
	return { ...hostileLead(index, random, base), key, valid: false };
}
