// Quarterly reports on schedule: on the configured cron (by default 06:00 on the first day of each quarter, in
// the configured zone) every edition of the quarter just ended, in each configured language; when the server
// starts, every edition the schedule missed while it was down (since the last quarter it produced, at most
// maxMissedQuarters) that is not in the archive yet is produced then.
import cron, { type ScheduledTask } from 'node-cron';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { parseQuarterKey, periodJustEnded, quarterKeysBefore, quarterKeysFromTo } from '../../contract/period/period.ts';
import type { Lang } from '../../presentation/format/format-value.ts';
import { reportVariants } from '../../presentation/reports/report-context.ts';
import { lastScheduledQuarter, producedCompanyWideEditions } from '../../warehouse/queries/report-archive.ts';
import { produceReport, type ArchiveOptions, type ArchivedReport, type ReportTrigger } from './report-archive.ts';

export interface ReportScheduleOptions extends ArchiveOptions {
  cron: string;
  timeZone: string;
  langs: Lang[];
  onProduced?: (r: ArchivedReport) => void;
  /** After a scheduled round (subscriptions' deliveries follow it). */
  onRound?: () => void;
  onError?: (e: Error) => void;
}

/** The last quarter that has ended on `now`'s date in the zone: on 1 October 2025, 2025-Q3. */
export function quarterJustEnded(now: Date, timeZone: string): string {
  return periodJustEnded('quarter', now, timeZone).key;
}

/** At most this many quarters are made up at once (the most recent ones): two years of a server left off. */
export const maxMissedQuarters = 8;

/**
 * The quarters the schedule owes: from the last quarter it produced (its editions may be incomplete) to the
 * quarter just ended, at most `max` of the latest. With nothing produced yet, the quarter just ended only:
 * a new archive does not start with years of back issues.
 */
export function quartersOwed(lastScheduled: string | undefined, justEnded: string, max = maxMissedQuarters): string[] {
  const last = parseQuarterKey(justEnded).key;
  const earliest = quarterKeysBefore(last, max - 1).at(-1) ?? last;
  if (lastScheduled === undefined) return [last];
  const first = quarterKeysFromTo(lastScheduled, last)[0] ?? last;
  return quarterKeysFromTo(first < earliest ? earliest : first, last);
}

/** Every edition × language of the quarters owed (see quartersOwed) that the archive does not hold yet (company-wide). */
export async function produceMissingReports(
  db: Warehouse,
  o: ReportScheduleOptions,
  trigger: ReportTrigger,
  now = new Date(),
): Promise<ArchivedReport[]> {
  const justEnded = quarterJustEnded(now, o.timeZone);
  // Manual reports may be of any quarter: only the schedule's own runs say how far it got.
  const quarters = quartersOwed(await lastScheduledQuarter(db, justEnded), justEnded);
  const have = new Set((await producedCompanyWideEditions(db, quarters[0])).map((r) => `${r.quarter}|${r.variant}|${r.lang}`));
  const produced: ArchivedReport[] = [];
  for (const quarter of quarters) {
    for (const variant of reportVariants) {
      for (const lang of o.langs) {
        if (have.has(`${quarter}|${variant}|${lang}`)) continue;
        const r = await produceReport(db, o, { quarter, variant, lang }, trigger);
        o.onProduced?.(r);
        produced.push(r);
      }
    }
  }
  return produced;
}

export function scheduleReports(db: Warehouse, o: ReportScheduleOptions): ScheduledTask {
  return cron.schedule(
    o.cron,
    async () => {
      try {
        await produceMissingReports(db, o, 'schedule');
        o.onRound?.();
      } catch (e) {
        // The warehouse closed under a scheduled run (server stopping): nothing to report to.
        o.onError?.(e as Error);
      }
    },
    { name: 'quarterly-reports', timezone: o.timeZone, noOverlap: true },
  );
}
