// The periods a digest covers and the clock of deliveries, in the configured zone: the last whole week (Monday to
// Sunday) or month before a moment, when a local time falls, and whether a moment is in the quiet hours.
import { quarterJustEnded } from '../reports/archive/report-schedule.ts';
import { parseQuarterKey } from '../contract/period/quarters.ts';

/** The local calendar day of a moment: 'YYYY-MM-DD'. */
export const localDay = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

/** The local time of a moment: 'HH:MM'. */
export const localTime = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The moment a local day and time happen in a zone (the zone's offset read at that moment). */
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

export interface DigestPeriod {
  kind: 'weekly' | 'monthly';
  /** Its item key's part: the Monday of the week, or the month 'YYYY-MM'. */
  key: string;
  from: string;
  to: string;
  /** The period before, to compare with. */
  previous: { from: string; to: string };
  /** When it ended: subscriptions made later wait for the next one. */
  endedAt: Date;
}

/** The week starting on a Monday. */
export function weekPeriod(monday: string, timeZone: string): DigestPeriod {
  return {
    kind: 'weekly',
    key: monday,
    from: monday,
    to: addDays(monday, 6),
    previous: { from: addDays(monday, -7), to: addDays(monday, -1) },
    endedAt: zonedMoment(addDays(monday, 7), '00:00', timeZone),
  };
}

/** A month, 'YYYY-MM'. */
export function monthPeriod(month: string, timeZone: string): DigestPeriod {
  const [y, m] = month.split('-').map(Number);
  const first = (mm: number) => new Date(Date.UTC(y, mm - 1, 1)).toISOString().slice(0, 10);
  return {
    kind: 'monthly',
    key: month,
    from: first(m),
    to: addDays(first(m + 1), -1),
    previous: { from: first(m - 1), to: addDays(first(m), -1) },
    endedAt: zonedMoment(first(m + 1), '00:00', timeZone),
  };
}

/** The last whole week, Monday to Sunday, before `now`'s local day. */
export function lastWeek(now: Date, timeZone: string): DigestPeriod {
  const today = localDay(now, timeZone);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return weekPeriod(addDays(today, -weekday - 7), timeZone);
}

/** The last whole month before `now`'s local day. */
export function lastMonth(now: Date, timeZone: string): DigestPeriod {
  const [y, m] = localDay(now, timeZone).split('-').map(Number);
  return monthPeriod(new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7), timeZone);
}

/** The quarter just ended and when it ended. */
export function lastQuarter(now: Date, timeZone: string): { key: string; endedAt: Date } {
  const q = parseQuarterKey(quarterJustEnded(now, timeZone));
  return { key: q.key, endedAt: zonedMoment(addDays(q.to, 1), '00:00', timeZone) };
}

/** When the quiet hours around `now` end, or undefined when `now` is not in them (start–end may span midnight). */
export function quietUntil(now: Date, quiet: { start: string; end: string } | null, timeZone: string): Date | undefined {
  if (!quiet || quiet.start === quiet.end) return undefined;
  const t = localTime(now, timeZone);
  const wraps = quiet.start > quiet.end;
  const inside = wraps ? t >= quiet.start || t < quiet.end : t >= quiet.start && t < quiet.end;
  if (!inside) return undefined;
  const today = localDay(now, timeZone);
  return zonedMoment(wraps && t >= quiet.start ? addDays(today, 1) : today, quiet.end, timeZone);
}
