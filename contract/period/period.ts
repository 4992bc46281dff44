// The one home of periods: a period text (a day range, a day, an ISO week, a month, a quarter, a year) and its
// first and last day, the period before it of the same length, the same period a year before, the period holding
// a day or a moment in a time zone, the periods just ended at a moment, and the quarters before a quarter.
// Days are 'YYYY-MM-DD' texts (calendar days, no zone); moments are Dates read in a named zone through Intl.
// Pure: no Node module (it runs in the dashboard too). Formatting a period for people is the formatter's
// (presentation/format/format-value.ts formatPeriod).
import { FilterError } from './filter-error.ts';

export type PeriodKind = 'range' | 'day' | 'week' | 'month' | 'quarter' | 'year';

/** A period: its kind, its key ('2025-07-01..2025-07-31', '2025-07-01', '2025-W27', '2025-07', '2025-Q3', '2025') and its days. */
export interface Period {
  kind: PeriodKind;
  key: string;
  /** The first day, 'YYYY-MM-DD'. */
  from: string;
  /** The last day, 'YYYY-MM-DD' (included). */
  to: string;
}

/** A quarter's key ('2025-Q3'), its year and number and its days. */
export interface QuarterKey {
  year: number;
  quarter: number;
  key: string;
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const dayOfUtc = (t: number): string => new Date(t).toISOString().slice(0, 10);
const utcOf = (day: string): number => Date.parse(`${day}T00:00:00Z`);
const ymd = (day: string): [number, number, number] => day.split('-').map(Number) as [number, number, number];
const isoDay = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** The days in a month (1–12): 28, 29, 30 or 31. */
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Whether a text is a real calendar day 'YYYY-MM-DD' (2025-02-30 is not). */
export function isDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mm, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mm >= 1 && mm <= 12 && d >= 1 && d <= daysInMonth(y, mm);
}

/** A day moved by n days (n may be negative). */
export const addDays = (day: string, n: number): string => dayOfUtc(utcOf(day) + n * DAY_MS);

/** The days from one day to another, both included: 2025-07-01..2025-07-31 is 31. */
export const daysBetween = (from: string, to: string): number => Math.round((utcOf(to) - utcOf(from)) / DAY_MS) + 1;

/** The weekday of a day, Monday 0 … Sunday 6. */
const weekday = (day: string): number => (new Date(utcOf(day)).getUTCDay() + 6) % 7;

/** The local calendar day of a moment in a zone: 'YYYY-MM-DD'. */
export const localDay = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** The moment a local day and time ('HH:MM') happen in a zone (the zone's offset read at that moment). */
export function zonedMoment(day: string, hhmm: string, timeZone: string): Date {
  const asUtc = Date.parse(`${day}T${hhmm}:00Z`);
  const offsetAt = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(t));
    const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
    return Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:00Z`) - Math.floor(t / 60_000) * 60_000;
  };
  const guess = asUtc - offsetAt(asUtc);
  return new Date(asUtc - offsetAt(guess));
}

// ---- Periods of each kind ----

const quarterPeriod = (year: number, quarter: number): Period => ({
  kind: 'quarter',
  key: `${year}-Q${quarter}`,
  from: isoDay(year, quarter * 3 - 2, 1),
  to: isoDay(year, quarter * 3, daysInMonth(year, quarter * 3)),
});
const monthPeriod = (year: number, month: number): Period => ({
  kind: 'month',
  key: `${pad(year, 4)}-${pad(month)}`,
  from: isoDay(year, month, 1),
  to: isoDay(year, month, daysInMonth(year, month)),
});
const yearPeriod = (year: number): Period => ({ kind: 'year', key: pad(year, 4), from: isoDay(year, 1, 1), to: isoDay(year, 12, 31) });

/** The Monday of ISO week 1 of a year (the week holding 4 January). */
const isoWeekOneMonday = (isoYear: number): string => {
  const jan4 = isoDay(isoYear, 1, 4);
  return addDays(jan4, -weekday(jan4));
};
/** The ISO weeks of a year: 52 or 53 (53 when 28 December falls in week 53). */
const isoWeeksIn = (isoYear: number): number =>
  Math.floor((utcOf(isoDay(isoYear, 12, 28)) - utcOf(isoWeekOneMonday(isoYear))) / DAY_MS / 7) + 1;
const weekPeriodOf = (isoYear: number, week: number): Period => {
  const monday = addDays(isoWeekOneMonday(isoYear), (week - 1) * 7);
  return { kind: 'week', key: `${pad(isoYear, 4)}-W${pad(week)}`, from: monday, to: addDays(monday, 6) };
};
const dayPeriod = (day: string): Period => ({ kind: 'day', key: day, from: day, to: day });

/** The days from one day to another (both included) as a period; a single day is a 'day' period. */
export function rangePeriod(from: string, to: string): Period {
  if (!isDay(from) || !isDay(to) || to < from)
    throw new FilterError(`"${from}..${to}" is not a range of days; write it like 2025-07-01..2025-07-31`, 'invalid_filter', {
      value: `${from}..${to}`,
    });
  return from === to ? dayPeriod(from) : { kind: 'range', key: `${from}..${to}`, from, to };
}

const notAPeriod = (text: string) =>
  new FilterError(
    `"${text}" is not a period; write it like 2025-07, 2025Q3, 2025, 2025-W27, 2025-07-01 or 2025-07-01..2025-07-31`,
    'invalid_filter',
    { value: text },
  );

/** A quarter's text (2025Q3, 2025-Q3) and a month's (2025-07): the parser's patterns, also the request schemas'. */
export const quarterPattern = '^(\\d{4})-?[Qq]([1-4])$';
export const monthPattern = '^(\\d{4})-(\\d{2})$';

/** A period text, or undefined when it is none: see parsePeriod. */
export function tryParsePeriod(text: string): Period | undefined {
  const t = text.trim();
  const range = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|\/)\s*(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (range) return isDay(range[1]) && isDay(range[2]) && range[1] <= range[2] ? rangePeriod(range[1], range[2]) : undefined;
  if (isDay(t)) return dayPeriod(t);
  const week = /^(\d{4})-?W(\d{2})$/i.exec(t);
  if (week) {
    const [y, w] = [Number(week[1]), Number(week[2])];
    return w >= 1 && w <= isoWeeksIn(y) ? weekPeriodOf(y, w) : undefined;
  }
  const month = new RegExp(monthPattern).exec(t);
  if (month) {
    const mm = Number(month[2]);
    return mm >= 1 && mm <= 12 ? monthPeriod(Number(month[1]), mm) : undefined;
  }
  const quarter = new RegExp(quarterPattern).exec(t);
  if (quarter) return quarterPeriod(Number(quarter[1]), Number(quarter[2]));
  if (/^\d{4}$/.test(t)) return yearPeriod(Number(t));
  return undefined;
}

/**
 * A period text: a range of days '2025-07-01..2025-07-31' (or '2025-07-01/2025-07-31'), a day '2025-07-01', an ISO
 * week '2025-W27', a month '2025-07', a quarter '2025Q3' / '2025-Q3', a year '2025'. `kinds` limits what is
 * accepted; anything else is a FilterError naming the text.
 */
export function parsePeriod(text: string, kinds?: readonly PeriodKind[]): Period {
  const p = tryParsePeriod(text);
  if (kinds && !(p && kinds.includes(p.kind))) {
    if (kinds.includes('month') && new RegExp(monthPattern).test(text.trim()))
      throw new FilterError(`"${text}" is not a month; write it like 2025-07`, 'not_a_month', { value: text });
    if (kinds.length === 1 && kinds[0] === 'quarter')
      throw new FilterError(`"${text}" is not a quarter; write it like 2025Q3`, 'not_a_quarter', { value: text });
    if (kinds.length === 2 && kinds.includes('quarter') && kinds.includes('month'))
      throw new FilterError(`"${text}" is neither a quarter (2025Q3) nor a month (2025-07)`);
    throw notAPeriod(text);
  }
  if (!p) throw notAPeriod(text);
  return p;
}

/** A quarter '2025Q3' / '2025-Q3' (any case): its key '2025-Q3', year, number and days. */
export function parseQuarterKey(text: string): QuarterKey {
  const p = parsePeriod(text, ['quarter']);
  return { year: Number(p.key.slice(0, 4)), quarter: Number(p.key.slice(6)), key: p.key, from: p.from, to: p.to };
}

/** The period of a kind that holds a day. */
export function periodOf(kind: Exclude<PeriodKind, 'range'>, day: string): Period {
  const [y, m] = ymd(day);
  switch (kind) {
    case 'day':
      return dayPeriod(day);
    case 'week': {
      const thursday = addDays(day, 3 - weekday(day));
      const isoYear = ymd(thursday)[0];
      return weekPeriodOf(isoYear, Math.floor((utcOf(thursday) - utcOf(isoWeekOneMonday(isoYear))) / DAY_MS / 7) + 1);
    }
    case 'month':
      return monthPeriod(y, m);
    case 'quarter':
      return quarterPeriod(y, Math.ceil(m / 3));
    case 'year':
      return yearPeriod(y);
  }
}

/**
 * The whole months inside a range, as their first day and the last day of the last one: the rest of the range
 * (the days before `first`, after `last`) is made of parts of months. No `from` or `to`: open at that end (every
 * month is whole there). Undefined: not one whole month inside.
 */
export function wholeMonthsWithin(from: string | undefined, to: string | undefined): { first?: string; last?: string } | undefined {
  const first = from === undefined || from === periodOf('month', from).from ? from : addDays(periodOf('month', from).to, 1);
  const last = to === undefined || to === periodOf('month', to).to ? to : addDays(periodOf('month', to).from, -1);
  return first !== undefined && last !== undefined && first > last ? undefined : { first, last };
}

/** Whether a range (either end may be open) starts and ends on the boundaries of periods of a kind. */
export const alignedTo = (kind: 'month' | 'quarter' | 'year', from: string | undefined, to: string | undefined): boolean =>
  (from === undefined || periodOf(kind, from).from === from) && (to === undefined || periodOf(kind, to).to === to);

/** The first of the kinds whose one calendar period is exactly the range from–to; undefined: none is. */
export function exactPeriodKind<K extends 'month' | 'quarter' | 'year'>(from: string, to: string, kinds: readonly K[]): K | undefined {
  return kinds.find((k) => periodOf(k, from).from === from && periodOf(k, from).to === to);
}

/** The period of a kind that holds a moment's local day in a zone. */
export const periodAt = (kind: Exclude<PeriodKind, 'range'>, at: Date, timeZone: string): Period => periodOf(kind, localDay(at, timeZone));

/** The period moved by n of its own kind (n < 0: before); a range moves by its length in days. */
export function shiftPeriod(p: Period, n: number): Period {
  const [y, m] = ymd(p.from);
  switch (p.kind) {
    case 'range':
    case 'day': {
      const length = daysBetween(p.from, p.to);
      return rangePeriod(addDays(p.from, n * length), addDays(p.to, n * length));
    }
    case 'week':
      return periodOf('week', addDays(p.from, n * 7));
    case 'month': {
      const index = y * 12 + (m - 1) + n;
      return monthPeriod(Math.floor(index / 12), (((index % 12) + 12) % 12) + 1);
    }
    case 'quarter': {
      const index = y * 4 + (m - 1) / 3 + n;
      return quarterPeriod(Math.floor(index / 4), (((index % 4) + 4) % 4) + 1);
    }
    case 'year':
      return yearPeriod(y + n);
  }
}

const asPeriod = (p: Period | string): Period => (typeof p === 'string' ? parsePeriod(p) : p);

/** The period of the same length just before (a period or its text): the month before a month, the days before a range, … */
export const previousPeriod = (p: Period | string): Period => shiftPeriod(asPeriod(p), -1);

/** The period just after. */
export const nextPeriod = (p: Period | string): Period => shiftPeriod(asPeriod(p), 1);

/** A day a year earlier; 29 February becomes 28 February. */
const dayLastYear = (day: string): string => {
  const [y, m, d] = ymd(day);
  return isoDay(y - 1, m, Math.min(d, daysInMonth(y - 1, m)));
};

/**
 * The same period a year earlier: the same month, quarter or year; the ISO week of the same number (week 53 becomes
 * week 52 in a year without one); a day or a range with each end a year earlier (29 February → 28 February).
 */
export function samePeriodLastYear(period: Period | string): Period {
  const p = asPeriod(period);
  switch (p.kind) {
    case 'range':
    case 'day':
      return rangePeriod(dayLastYear(p.from), dayLastYear(p.to));
    case 'week': {
      const y = Number(p.key.slice(0, 4)) - 1;
      return weekPeriodOf(y, Math.min(Number(p.key.slice(6)), isoWeeksIn(y)));
    }
    default:
      return shiftPeriod(p, p.kind === 'month' ? -12 : p.kind === 'quarter' ? -4 : -1);
  }
}

/** The last whole period of a kind that ended by a moment's local day in a zone: on 1 October 2025, 2025-Q3. */
export const periodJustEnded = (kind: 'week' | 'month' | 'quarter' | 'year', at: Date, timeZone: string): Period =>
  previousPeriod(periodAt(kind, at, timeZone));

/** The moment a period ends in a zone: midnight starting the day after its last. */
export const periodEndsAt = (p: Period, timeZone: string): Date => zonedMoment(addDays(p.to, 1), '00:00', timeZone);

/** The n quarters before a quarter, the nearest first: before 2025-Q1, 2024-Q4, 2024-Q3, … */
export function quarterKeysBefore(key: string, n: number): string[] {
  const q = parsePeriod(key, ['quarter']);
  return Array.from({ length: n }, (_, i) => shiftPeriod(q, -i - 1).key);
}

/** The quarters from one to another, both included, oldest first (none when `last` is before `first`). */
export function quarterKeysFromTo(first: string, last: string): string[] {
  const end = parsePeriod(last, ['quarter']);
  const out: string[] = [];
  for (let q = parsePeriod(first, ['quarter']); q.from <= end.from; q = nextPeriod(q)) out.push(q.key);
  return out;
}
