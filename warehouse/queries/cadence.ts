// The service cadence and installation quality lists (issue 19): the dues not done (overdue, most late first,
// with how late as of the last day of the data) and the installation projects with their score components and
// grade. The rules live in marts.cadence_due and marts.installation_scores; this module only reads them.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { filterConditions, type PeriodFilter } from './filter-conditions.ts';
import { dimensions } from './metric-dimensions.ts';
import { pageOfCounted, type TablePage } from './table-page.ts';

export const cadenceKinds = ['callback', 'inspection'] as const;
export type CadenceKind = (typeof cadenceKinds)[number];
export const cadenceDimensions = [...dimensions, 'team'] as const;

export interface OverdueDue {
  due_id: string;
  cadence_kind: CadenceKind;
  serial_no: string;
  customer_id: string | null;
  region: string | null;
  team: string | null;
  technician_id: string | null;
  installed_on: string;
  due_month: number;
  due_on: string;
  days_late: number;
  as_of: string;
}

/** The dues with no visit yet (the period is the due day), most late first; the first `limit` (default 1000). */
export function readOverdueCadence(
  db: Warehouse,
  q: PeriodFilter & { kind?: CadenceKind; limit?: number },
): Promise<TablePage<OverdueDue>> {
  return db.cache.get(`overdue-cadence:${JSON.stringify(q)}`, async () => {
    const where = filterConditions(q, cadenceDimensions, 'the overdue callbacks and inspections');
    const kind = q.kind ? sql`cadence_kind = ${q.kind}` : sql`true`;
    const rows = await sql<OverdueDue & { total_rows: number }>`
      select due_id, cadence_kind, serial_no, customer_id, region, team, technician_id,
             strftime(installed_on, '%Y-%m-%d') as installed_on, due_month::integer as due_month,
             strftime(due_on, '%Y-%m-%d') as due_on, days_late::integer as days_late, strftime(as_of, '%Y-%m-%d') as as_of,
             count(*) over ()::integer as total_rows
      from marts.cadence_due where is_overdue and ${kind} and ${where}
      order by days_late desc, due_id limit ${q.limit ?? 1000}`.execute(db.kysely);
    return Object.freeze(pageOfCounted<OverdueDue>(rows.rows));
  });
}

export interface InstallationScore {
  installation_id: string;
  ticket_id: string | null;
  serial_no: string | null;
  site: string | null;
  accepted_at: string;
  region: string | null;
  team: string | null;
  technician_id: string | null;
  technician_ids: string | null;
  hardware_points: number;
  software_points: number;
  documents_points: number;
  quality_points: number;
  rating: number | null;
  satisfaction_points: number | null;
  score: number;
  grade: string;
}

/** The projects accepted in the period (the acceptance day), lowest score first; the first `limit` (default 1000). */
export function readInstallationScores(db: Warehouse, q: PeriodFilter & { limit?: number }): Promise<TablePage<InstallationScore>> {
  return db.cache.get(`installation-scores:${JSON.stringify(q)}`, async () => {
    const where = filterConditions(q, cadenceDimensions, 'installation_score');
    const rows = await sql<InstallationScore & { total_rows: number }>`
      select installation_id, ticket_id, serial_no, site, strftime(accepted_at, '%Y-%m-%d') as accepted_at, region, team,
             technician_id, technician_ids, hardware_points, software_points, documents_points, quality_points,
             rating, satisfaction_points, round(score, 1) as score, grade,
             count(*) over ()::integer as total_rows
      from marts.installation_scores where ${where}
      order by score, installation_id limit ${q.limit ?? 1000}`.execute(db.kysely);
    return Object.freeze(pageOfCounted<InstallationScore>(rows.rows));
  });
}
