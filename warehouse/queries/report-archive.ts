// The rows of the report archive (`reports`): one per report asked for, recorded as failed until its PDF is
// written. The files and the rules (what is owed, names in the folder) are in reports/archive/; this module only
// reads and writes the table.
import { type Selectable, sql } from 'kysely';
import type { ReportsTable } from '../db/database.ts';
import type { Warehouse } from '../db/open-warehouse.ts';

/** A row of `reports` as read: created_at in minutes, in the warehouse's zone (2025-10-08 10:00). */
export type ReportRow = Omit<Selectable<ReportsTable>, 'created_at'> & { created_at: string };

export type NewReport = Pick<ReportRow, 'quarter' | 'variant' | 'lang' | 'region' | 'trigger'>;

/** Which edition of which quarter a row holds. */
export interface ReportEdition {
  quarter: string;
  variant: string;
  lang: string;
}

const reportColumns = [
  'report_id',
  'quarter',
  'variant',
  'lang',
  'region',
  'trigger',
  'status',
  'error',
  'file',
  'bytes',
  'pages',
  'duration_ms',
  sql<string>`strftime(created_at, '%Y-%m-%d %H:%M')`.as('created_at'),
] as const;

const selectReports = (db: Warehouse) => db.kysely.selectFrom('reports').select(reportColumns);

/** Records a report asked for, as failed until finishReport says otherwise; returns its id. */
export async function insertReport(db: Warehouse, r: NewReport): Promise<number> {
  const row = await db.kysely
    .insertInto('reports')
    .values({ ...r, status: 'failed', created_at: sql<Date>`now()` })
    .returning('report_id')
    .executeTakeFirstOrThrow();
  return Number(row.report_id);
}

/** The report's PDF was written. */
export async function finishReport(
  db: Warehouse,
  id: number,
  f: { file: string; bytes: number; pages: number; duration_ms: number },
): Promise<void> {
  await db.kysely
    .updateTable('reports')
    .set({ status: 'ok', ...f })
    .where('report_id', '=', id)
    .execute();
}

/** The report failed (its status stays failed). */
export async function failReport(db: Warehouse, id: number, f: { error: string; duration_ms: number }): Promise<void> {
  await db.kysely.updateTable('reports').set(f).where('report_id', '=', id).execute();
}

export async function findReport(db: Warehouse, id: number, status?: 'ok' | 'failed'): Promise<ReportRow | undefined> {
  let q = selectReports(db).where('report_id', '=', id);
  if (status) q = q.where('status', '=', status);
  return q.executeTakeFirst();
}

/** The newest produced report of an edition; region null: the company-wide one. */
export function newestProducedReport(db: Warehouse, e: ReportEdition & { region: string | null }): Promise<ReportRow | undefined> {
  return selectReports(db)
    .where('quarter', '=', e.quarter)
    .where('variant', '=', e.variant)
    .where('lang', '=', e.lang)
    .where('region', 'is not distinct from', e.region)
    .where('status', '=', 'ok')
    .orderBy('report_id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest reports first. */
export function listReportRows(db: Warehouse, limit: number): Promise<ReportRow[]> {
  return selectReports(db).orderBy('report_id', 'desc').limit(limit).execute();
}

/** The latest quarter up to `upTo` the schedule (or a start-up) reported on company-wide, produced or failed. */
export async function lastScheduledQuarter(db: Warehouse, upTo: string): Promise<string | undefined> {
  const r = await db.kysely
    .selectFrom('reports')
    .select((e) => e.fn.max('quarter').as('last'))
    .where('region', 'is', null)
    .where('trigger', 'in', ['schedule', 'startup'])
    .where('quarter', '<=', upTo)
    .executeTakeFirst();
  return r?.last ?? undefined;
}

/** The company-wide editions produced of the quarters from `from` on. */
export function producedCompanyWideEditions(db: Warehouse, from: string): Promise<ReportEdition[]> {
  return db.kysely
    .selectFrom('reports')
    .select(['quarter', 'variant', 'lang'])
    .where('quarter', '>=', from)
    .where('region', 'is', null)
    .where('status', '=', 'ok')
    .execute();
}
