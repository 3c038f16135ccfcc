/**
 * Dates, date-times and times as Salesforce takes them. Pure, and nothing here throws: text is read by
 * position (its length bounded first), and no Date is formatted before its value is known to be in
 * Salesforce's range, so an impossible date is an error on its own item, never a RangeError that
 * takes the whole run down.
 */
import { isAsciiDigit } from './ascii';
import { accepted, wrongType, type Conversion } from './converted';

/** Salesforce stores dates from 1700-01-01 to 4000-12-31. */
const FIRST_YEAR = 1700;
const LAST_YEAR = 4000;
const FIRST_MS = Date.UTC(FIRST_YEAR, 0, 1);
const LAST_MS = Date.UTC(LAST_YEAR, 11, 31, 23, 59, 59, 999);

/** `2026-05-01T14:30:00.123456789+05:30` is 35 characters; anything much longer is not a date. */
const LONGEST_TEXT = 40;

/** Salesforce runs on Java, whose zone offsets go from -18:00 to +18:00. */
const LONGEST_OFFSET_MINUTES = 18 * 60;

const DATE_EXPECTED = `a date as YYYY-MM-DD between ${FIRST_YEAR} and ${LAST_YEAR}`;
const DATE_TIME_EXPECTED = `an ISO 8601 date-time such as 2026-05-01T14:30:00Z, between ${FIRST_YEAR} and ${LAST_YEAR}`;
const TIME_EXPECTED = 'a time as HH:MM:SS';

interface Clock {
	hours: number;
	minutes: number;
	seconds: number;
	/** The digits after the decimal point, as written. */
	fraction: string;
}

interface DateTimeText {
	year: number;
	month: number;
	day: number;
	clock?: Clock;
	/** Minutes east of UTC when the text names a zone. */
	offsetMinutes?: number;
}

/** Exactly `count` digits at `start`, as a number. */
function digitsAt(text: string, start: number, count: number): number | undefined {
	if (start + count > text.length) return undefined;
	let value = 0;
	for (let i = start; i < start + count; i++) {
		if (!isAsciiDigit(text[i])) return undefined;
		value = value * 10 + (text.charCodeAt(i) - 48);
	}
	return value;
}

/** `HH:MM[:SS[.fraction]]` at `start`: the clock and where it ends. */
function readClock(text: string, start: number): { clock: Clock; end: number } | undefined {
	const hours = digitsAt(text, start, 2);
	const minutes = digitsAt(text, start + 3, 2);
	if (hours === undefined || minutes === undefined || text[start + 2] !== ':') return undefined;
	let end = start + 5;
	let seconds = 0;
	let fraction = '';
	if (text[end] === ':') {
		const read = digitsAt(text, end + 1, 2);
		if (read === undefined) return undefined;
		seconds = read;
		end += 3;
		if (text[end] === '.') {
			let last = end + 1;
			while (isAsciiDigit(text[last])) last++;
			fraction = text.slice(end + 1, last);
			if (fraction.length < 1 || fraction.length > 9) return undefined;
			end = last;
		}
	}
	if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
	return { clock: { hours, minutes, seconds, fraction }, end };
}

/** `Z`, `±HH`, `±HHMM` or `±HH:MM` from `start` to the end of the text, in minutes east of UTC. */
function readOffset(text: string, start: number): number | undefined {
	const rest = text.length - start;
	if (rest === 1 && (text[start] === 'Z' || text[start] === 'z')) return 0;
	const sign = text[start] === '+' ? 1 : text[start] === '-' ? -1 : 0;
	const hours = digitsAt(text, start + 1, 2);
	if (sign === 0 || hours === undefined) return undefined;
	let minutes: number | undefined = 0;
	if (rest === 5) minutes = digitsAt(text, start + 3, 2);
	else if (rest === 6 && text[start + 3] === ':') minutes = digitsAt(text, start + 4, 2);
	else if (rest !== 3) return undefined;
	if (minutes === undefined || minutes > 59) return undefined;
	const total = hours * 60 + minutes;
	return total > LONGEST_OFFSET_MINUTES ? undefined : sign * total;
}

function isRealDate(year: number, month: number, day: number): boolean {
	if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
	return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD`, optionally followed by `T` (or a space), a clock and a zone. */
function readDateTimeText(text: string): DateTimeText | undefined {
	if (text.length > LONGEST_TEXT) return undefined;
	const year = digitsAt(text, 0, 4);
	const month = digitsAt(text, 5, 2);
	const day = digitsAt(text, 8, 2);
	if (year === undefined || month === undefined || day === undefined || text[4] !== '-' || text[7] !== '-') return undefined;
	if (!isRealDate(year, month, day)) return undefined;
	if (text.length === 10) return { year, month, day };
	if (text[10] !== 'T' && text[10] !== 't' && text[10] !== ' ') return undefined;
	const read = readClock(text, 11);
	if (read === undefined) return undefined;
	if (read.end === text.length) return { year, month, day, clock: read.clock };
	const offsetMinutes = readOffset(text, read.end);
	return offsetMinutes === undefined ? undefined : { year, month, day, clock: read.clock, offsetMinutes };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYY-MM-DD` of what was read. */
const isoDate = (read: DateTimeText) => `${pad(read.year, 4)}-${pad(read.month)}-${pad(read.day)}`;

function utcIso(milliseconds: number): string | undefined {
	if (!Number.isFinite(milliseconds) || milliseconds < FIRST_MS || milliseconds > LAST_MS) return undefined;
	return new Date(milliseconds).toISOString();
}

/** A JS Date or a Luxon DateTime (what `{{ $now }}` gives) as epoch milliseconds; undefined otherwise. */
function millisecondsOf(value: unknown): number | undefined {
	if (value instanceof Date) return value.getTime();
	const luxon = value as { isValid?: unknown; toMillis?: unknown } | null;
	if (typeof luxon?.toMillis === 'function' && typeof luxon.isValid === 'boolean') {
		return luxon.isValid ? (luxon.toMillis() as number) : Number.NaN;
	}
	return undefined;
}

/** A Luxon DateTime's calendar date in its own zone (what the user sees), or undefined. */
function luxonDate(value: unknown): string | undefined {
	const luxon = value as { isValid?: unknown; toISODate?: unknown } | null;
	if (typeof luxon?.toISODate !== 'function' || luxon.isValid !== true) return undefined;
	const date = luxon.toISODate();
	return typeof date === 'string' ? date : undefined;
}

/** A date field takes `YYYY-MM-DD`; of a date-time, the date part as written is kept. */
export function convertDate(value: unknown): Conversion {
	const fromObject = luxonDate(value) ?? (value instanceof Date ? utcIso(value.getTime())?.slice(0, 10) : undefined);
	const text = fromObject ?? (typeof value === 'string' ? value.trim() : undefined);
	if (text === undefined) return wrongType(DATE_EXPECTED, value);
	const read = readDateTimeText(text);
	if (read === undefined) return wrongType(DATE_EXPECTED, value);
	return accepted(isoDate(read));
}

/**
 * A date-time field takes ISO 8601. With a zone it is sent in UTC; without one it is sent as written
 * (Salesforce reads it as UTC). A date alone means midnight UTC. Epoch milliseconds, JS Dates and Luxon
 * DateTimes are accepted.
 */
export function convertDateTime(value: unknown): Conversion {
	const milliseconds = typeof value === 'number' ? value : millisecondsOf(value);
	if (milliseconds !== undefined) {
		const iso = utcIso(milliseconds);
		return iso === undefined ? wrongType(DATE_TIME_EXPECTED, value) : accepted(iso);
	}
	if (typeof value !== 'string') return wrongType(DATE_TIME_EXPECTED, value);
	const read = readDateTimeText(value.trim());
	if (read === undefined) return wrongType(DATE_TIME_EXPECTED, value);
	const date = isoDate(read);
	const { clock } = read;
	if (clock === undefined) return accepted(`${date}T00:00:00.000Z`);
	const time = `${pad(clock.hours)}:${pad(clock.minutes)}:${pad(clock.seconds)}`;
	if (read.offsetMinutes === undefined) return accepted(`${date}T${time}${clock.fraction && `.${clock.fraction}`}`);
	const milliOfFraction = Number(clock.fraction.slice(0, 3).padEnd(3, '0'));
	const utc = Date.UTC(read.year, read.month - 1, read.day, clock.hours, clock.minutes, clock.seconds, milliOfFraction);
	const iso = utcIso(utc - read.offsetMinutes * 60_000);
	return iso === undefined ? wrongType(DATE_TIME_EXPECTED, value) : accepted(iso);
}

/** A time field takes `HH:MM[:SS[.sss]]`, optionally with `Z`. */
export function convertTime(value: unknown): Conversion {
	if (typeof value !== 'string') return wrongType(TIME_EXPECTED, value);
	const text = value.trim();
	if (text.length > LONGEST_TEXT) return wrongType(TIME_EXPECTED, value);
	const read = readClock(text, 0);
	const zoneOk = read !== undefined && (read.end === text.length || (read.end === text.length - 1 && /[Zz]/.test(text[read.end])));
	if (read === undefined || !zoneOk || read.clock.fraction.length > 3) return wrongType(TIME_EXPECTED, value);
	return accepted(text);
}
