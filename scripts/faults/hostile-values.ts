/**
 * Hostile values by Lead field type, as a public form or a careless upstream node can send them:
 * wrong JSON types, impossible numbers and dates, malformed and unicode emails, control characters,
 * values just over the field's length. HUGE_VALUES are the expensive ones (up to 1 MB, 40,000
 * values): few items get one, so that a node whose checks are slow on them costs a bounded time.
 */
import type { DescribeField } from '../../emulator/describes/catalog';

/** A describe field, reduced to what the values depend on, with its active picklist values. */
export type FieldFacts = Pick<DescribeField, 'name' | 'label' | 'type' | 'length'> & { picklist: string[] };

export type ValueMaker = (field: FieldFacts) => unknown;

const MB = 1_000_000;

/** Bad for any field: wrong JSON types, non-finite numbers, text that is not data. */
const ANY_TYPE: ValueMaker[] = [
	() => ({ nested: { deep: [1, { x: 'y' }] } }),
	() => [1, 'two', null],
	() => ({}),
	() => true,
	() => Number.NaN,
	() => Number.POSITIVE_INFINITY,
	() => -0,
	() => 1e20,
	() => 'NaN',
	() => 'Infinity',
	() => 'undefined',
	() => '\u0000\u0001\u001f\u007f',
	() => '\u202Eevil\u202C',
	() => '👩‍👩‍👧‍👦🏳️‍🌈',
	() => '\uD800 lone surrogate',
	() => '\u200B',
	() => '<script>alert(1)</script>',
	() => "'; DROP TABLE Lead; --",
	() => '{{ $json.secret }}',
	() => '={{ $env.HOME }}',
	(field) => 'x'.repeat(Math.max(field.length, 80) + 1),
	(field) => 'ü'.repeat(Math.max(field.length, 1)),
	(field) => '🙂'.repeat(Math.max(field.length, 1)),
];

const DATES = [
	'2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '0000-01-01', '+275760-09-13', '2024-1-1', '2024/01/01',
	'01/02/2024', '2024-12-31T25:99:00Z', '2024-01-01T10:00:00+99:99', 'today', '2024-01-01\u0000', '9999-12-31',
];

const DATE_TIMES = [
	'2024-01-01T10:00:00+99:99', '2024-01-01T10:00:00-2400', '2024-12-31T25:99:00Z', '2024-12-31T23:59:60Z',
	'2024-02-30T10:00:00Z', '2024-01-01T10:00Z', '2024-01-01 10:00:00', '2024-01-01T10:00:00.1234567891Z',
	'2024-01-01T10:00:00+14:01', 'T10:00:00', '2024-W01-1', '1e20',
];

/** Bad for one field type (the describe's `type`). */
const BY_TYPE: Record<string, ValueMaker[]> = {
	email: [
		() => 'ü@example.com', () => 'a@b', () => 'a@b.c', () => 'a..b@example.com', () => '"quoted"@example.com',
		() => 'a@example.com\n', () => 'a@[127.0.0.1]', () => 'a@example.com, b@example.com', () => `${'a'.repeat(65)}@example.com`,
		() => '@example.com', () => 'a@-example.com', () => 'a@exam_ple.com', () => 'a@x' + '.x'.repeat(40),
	],
	number: [
		() => 1000, () => -1e308, () => 5e-324, () => 12345678901234567890, () => '1e400', () => '0x1A', () => '1_000',
		() => '١٢٣', () => '  42  ', () => '4 2', () => '1.5', () => '-', () => '.', () => '1e', () => 2147483648,
		() => -2147483649, () => '9'.repeat(30), () => 0.1 + 0.2, () => '1,5', () => '€5', () => -1e20,
	],
	boolean: [() => 'maybe', () => 2, () => -1, () => 'TRUE ', () => 'oui', () => 'null', () => [true], () => ({ value: true })],
	date: [...DATES.map((text) => () => text), () => 1e20, () => -1e20, () => 8.64e15 + 1],
	datetime: [...DATE_TIMES.map((text) => () => text), () => 1e20, () => -8.64e15 - 1, () => 8.64e15],
	picklist: [
		() => 'Nope', (field) => (field.picklist[0] ?? 'x').toLowerCase(), (field) => ` ${field.picklist[0] ?? 'x'} `,
		(field) => field.picklist.join(';'), () => 42, () => '\u0000', () => 'Ⅷ',
	],
	multipicklist: [
		() => ';;;', () => 'a;;b', () => ['x', { y: 1 }], () => [[1]], (field) => `${field.picklist[0] ?? 'x'};invalid`,
		(field) => (field.picklist[0] ?? 'x').toLowerCase(), (field) => Array(5).fill(field.picklist[0] ?? 'x').join(';'),
	],
	reference: [
		() => '005000000000001AAA', () => `00Q${'x'.repeat(15)}`, () => "005' OR '1'='1", () => '001000000000000AAA',
		() => '005000000000001', () => '005000000000001AAAA', () => 'null', () => 1e20,
	],
	url: [() => 'javascript:alert(1)', () => `http://${'a'.repeat(300)}`, () => 'file:///etc/passwd', () => 'http://[::1', () => 'ftp://x'],
	phone: [() => '+1 (555) 555-5555 ext. 5', () => '٠١٢٣', () => '\u0000', () => '+'.repeat(41)],
	textarea: [(field) => 'x'.repeat(field.length + 1), () => 'line\r\nline\u2028line\u2029'],
};

/** Describe types that read as numbers. */
const NUMBER_TYPES = new Set(['double', 'currency', 'percent', 'int', 'long']);

export function hostileValueMakers(field: FieldFacts): ValueMaker[] {
	const own = BY_TYPE[NUMBER_TYPES.has(field.type) ? 'number' : field.type] ?? [];
	return [...own, ...ANY_TYPE];
}

/** A field, by name, and what goes in it; `field: undefined` means an input key of its own. */
export interface HugeValue {
	label: string;
	type: string | 'key';
	make: (facts: { picklist: string[] }) => unknown;
}

function values(count: number, pick: (index: number) => string): string[] {
	return Array.from({ length: count }, (_, index) => pick(index));
}

/** Each is given, in turn, to one in every few items: see the header. */
export const HUGE_VALUES: HugeValue[] = [
	{ label: 'a@ + 20,000 dots + @x', type: 'email', make: () => `a@${'.'.repeat(20_000)}@x` },
	{ label: 'a@ + 80,000 dots + @x', type: 'email', make: () => `a@${'.'.repeat(80_000)}@x` },
	{ label: 'a@ + 1 MB of dots + @x', type: 'email', make: () => `a@${'.'.repeat(MB)}@x` },
	{ label: '1 MB local part', type: 'email', make: () => `${'a'.repeat(MB)}@example.com` },
	{ label: '1 MB text', type: 'string', make: () => 'x'.repeat(MB) },
	{ label: '1 MB of emoji', type: 'string', make: () => '🙂'.repeat(MB / 4) },
	{ label: '1 MB text with control characters', type: 'textarea', make: () => '\u0000\u0007\r\n\u2028'.repeat(MB / 5) },
	{ label: '300 kB of digits', type: 'number', make: () => '9'.repeat(300_000) },
	{ label: '300 kB of digits + x', type: 'number', make: () => `${'9'.repeat(300_000)}x` },
	{ label: '0. + 300 kB of digits', type: 'number', make: () => `0.${'1'.repeat(300_000)}` },
	{ label: '40,000 values as text', type: 'multipicklist', make: ({ picklist }) => values(40_000, (index) => picklist[index % picklist.length]).join(';') },
	{ label: '40,000 values as a list', type: 'multipicklist', make: ({ picklist }) => values(40_000, (index) => picklist[index % picklist.length]) },
	{ label: '40,000 unknown values', type: 'multipicklist', make: () => values(40_000, (index) => `v${index}`).join(';') },
	{ label: '1 MB picklist value', type: 'picklist', make: () => 'p'.repeat(MB) },
	{ label: '1 MB id', type: 'reference', make: () => `005${'A'.repeat(MB)}` },
	{ label: '1 MB date-time', type: 'datetime', make: () => `2024-01-01T10:00:00.${'1'.repeat(MB)}Z` },
	{ label: '1 MB url', type: 'url', make: () => `https://example.com/${'a'.repeat(MB)}` },
	{ label: '1 MB phone', type: 'phone', make: () => '5'.repeat(MB) },
	{ label: '1 MB key name', type: 'key', make: () => 'k'.repeat(MB) },
];

/** Input keys that are not plain field names: unknown, prototype-polluting, near-misses, labels. */
export function hostileKeys(labels: string[]): Array<(item: Record<string, unknown>) => void> {
	const own = (key: string, value: unknown) => (item: Record<string, unknown>) => {
		// defineProperty, so that "__proto__" is an own key as JSON.parse would make it.
		Object.defineProperty(item, key, { value, enumerable: true, configurable: true, writable: true });
	};
	return [
		own('__proto__', { polluted: true }),
		own('constructor', 'x'),
		own('toString', 'x'),
		own('', 'empty key'),
		own(' ', 'blank key'),
		own('LastName ', 'Trailing Space'),
		own('lastname', 'lower case'),
		own(labels[0] ?? 'Label', 'label of a field'),
		own('Id', '00Q000000000001AAA'),
		own('CreatedDate', '2024-01-01T00:00:00Z'),
		own('attributes', { type: 'Account' }),
		own('Name', 'compound'),
		own('UnknownField__c', 'x'),
		own('Email\u0000', 'a@example.com'),
		own('x'.repeat(10_000), 'long key'),
	];
}
