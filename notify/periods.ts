// The periods a digest covers and the clock of deliveries, in the configured zone: the last whole week (Monday to
// Sunday) or month before a moment, when a local time falls, and whether a moment is in the quiet hours.
import {
  addDays,
  localDay,
  parsePeriod,
  periodEndsAt,
  periodJustEnded,
  periodOf,
  previousPeriod,
  zonedMoment,
  type Period,
} from '../contract/period/period.ts';

// The day and moment of a zone live in the period module; kept here for this module's callers.
export { localDay, zonedMoment };

/** The local time of a moment: 'HH:MM'. */
export const localTime = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

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

const digestPeriod = (kind: DigestPeriod['kind'], p: Period, timeZone: string): DigestPeriod => {
  const before = previousPeriod(p);
  return {
    kind,
    key: kind === 'weekly' ? p.from : p.key,
    from: p.from,
    to: p.to,
    previous: { from: before.from, to: before.to },
    endedAt: periodEndsAt(p, timeZone),
  };
};

/** The week starting on a Monday. */
export function weekPeriod(monday: string, timeZone: string): DigestPeriod {
  return digestPeriod('weekly', periodOf('week', monday), timeZone);
}

/** A month, 'YYYY-MM'. */
export function monthPeriod(month: string, timeZone: string): DigestPeriod {
  return digestPeriod('monthly', parsePeriod(month, ['month']), timeZone);
}

/** The last whole week, Monday to Sunday, before `now`'s local day. */
export function lastWeek(now: Date, timeZone: string): DigestPeriod {
  return digestPeriod('weekly', periodJustEnded('week', now, timeZone), timeZone);
}

/** The last whole month before `now`'s local day. */
export function lastMonth(now: Date, timeZone: string): DigestPeriod {
  return digestPeriod('monthly', periodJustEnded('month', now, timeZone), timeZone);
}

/** The quarter just ended and when it ended. */
export function lastQuarter(now: Date, timeZone: string): { key: string; endedAt: Date } {
  const q = periodJustEnded('quarter', now, timeZone);
  return { key: q.key, endedAt: periodEndsAt(q, timeZone) };
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
