// Quarterly reports on schedule: on the configured cron (by default 06:00 on the first day of each quarter, in
// the configured zone) every edition of the quarter just ended, in each configured language; when the server
// starts, any of those not yet in the archive (the server was down at the time) are produced then.
import cron, { type ScheduledTask } from 'node-cron';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { quarterKeysBefore } from '../../warehouse/queries/quarters.ts';
import type { Lang } from '../../web/format/format-value.ts';
import { reportVariants } from '../quarterly/report-context.ts';
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
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const [y, m] = day.split('-').map(Number);
  return quarterKeysBefore(`${y}-Q${Math.ceil(m / 3)}`, 1)[0];
}

/** Every edition × language of the quarter just ended that the archive does not hold yet (company-wide). */
export async function produceMissingReports(db: Warehouse, o: ReportScheduleOptions, trigger: ReportTrigger, now = new Date()): Promise<ArchivedReport[]> {
  const quarter = quarterJustEnded(now, o.timeZone);
  const have = new Set(
    (await db.all<{ k: string }>(`select variant || '|' || lang as k from reports where quarter = $1 and region is null and status = 'ok'`, [quarter])).map((r) => r.k),
  );
  const produced: ArchivedReport[] = [];
  for (const variant of reportVariants) {
    for (const lang of o.langs) {
      if (have.has(`${variant}|${lang}`)) continue;
      const r = await produceReport(db, o, { quarter, variant, lang }, trigger);
      o.onProduced?.(r);
      produced.push(r);
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
