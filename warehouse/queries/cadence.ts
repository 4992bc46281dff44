// The service cadence and installation quality lists (issue 19): the dues not done (overdue, most late first,
// with how late as of the last day of the data) and the installation projects with their score components and
// grade; the dues behind a compliance figure (the drill-down). The rules live in marts.cadence_due,
// metrics.cadence_compliance and marts.installation_scores; this module only reads them.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { engineRows } from './engine-rows.ts';
import { filterConditions, type PeriodFilter } from './filter-conditions.ts';
import { dimensions } from './metric-dimensions.ts';
import { pageOfCounted, type TablePage } from './table-page.ts';
import { partRows, type DrillPart } from './part-rows.ts';
import { readRowPage, type RowPage } from './row-page.ts';

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
    const rows = await engineRows(
      db,
      sql<OverdueDue & { total_rows: number }>`
      select due_id, cadence_kind, serial_no, customer_id, region, team, technician_id,
             strftime(installed_on, '%Y-%m-%d') as installed_on, due_month::integer as due_month,
             strftime(due_on, '%Y-%m-%d') as due_on, days_late::integer as days_late, strftime(as_of, '%Y-%m-%d') as as_of,
             count(*) over ()::integer as total_rows
      from marts.cadence_due where is_overdue and ${kind} and ${where}
      order by days_late desc, due_id limit ${q.limit ?? 1000}`,
      ['marts.cadence_due'],
    );
    return Object.freeze(pageOfCounted<OverdueDue>(rows));
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
    const rows = await engineRows(
      db,
      sql<InstallationScore & { total_rows: number }>`
      select installation_id, ticket_id, serial_no, site, strftime(accepted_at, '%Y-%m-%d') as accepted_at, region, team,
             technician_id, technician_ids, hardware_points, software_points, documents_points, quality_points,
             rating, satisfaction_points, round(score, 1) as score, grade,
             count(*) over ()::integer as total_rows
      from marts.installation_scores where ${where}
      order by score, installation_id limit ${q.limit ?? 1000}`,
      ['marts.installation_scores'],
    );
    return Object.freeze(pageOfCounted<InstallationScore>(rows));
  });
}

/** The columns of the dues behind a compliance figure (metrics.cadence_compliance). */
export const cadenceDueColumns = [
  'due_id',
  'cadence_kind',
  'serial_no',
  'customer_id',
  'region',
  'team',
  'technician_id',
  'installed_on',
  'due_on',
  'due_status',
  'visited_on',
  'days_late',
] as const;
export type CadenceDueColumn = (typeof cadenceDueColumns)[number];

export const cadenceMetrics = ['callback_compliance', 'inspection_compliance'] as const;
export type CadenceMetric = (typeof cadenceMetrics)[number];

/** The parts of each compliance figure a drill-down offers, as the column of the metric's view that flags them. */
export const cadenceDrillParts: Record<CadenceMetric, Record<DrillPart, string>> = {
  callback_compliance: { denominator: 'denominator', numerator: 'numerator', missed: 'missed' },
  inspection_compliance: { denominator: 'denominator', numerator: 'numerator', missed: 'missed' },
};

export interface CadenceDueListQuery {
  metric: CadenceMetric;
  part?: DrillPart;
  from?: string;
  to?: string;
  filters?: Partial<Record<(typeof cadenceDimensions)[number], string[]>>;
  sort?: CadenceDueColumn;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/**
 * The dues behind a part of a compliance figure (numerator: done on time; denominator: every due; missed: done
 * late or not done), read from the metric's own view (part-rows.ts) under the figure's period (the due day) and
 * filters, each with how it was met (due_status) and the visit's day; latest due first by default.
 */
export function listCadenceDues(db: Warehouse, q: CadenceDueListQuery): Promise<RowPage> {
  return db.cache.get(`cadence-dues:${JSON.stringify(q)}`, async () =>
    daysAsText(
      await readRowPage(db, {
        table: 'metrics.cadence_compliance',
        columns: cadenceDueColumns,
        where: [
          partRows(
            q.metric,
            cadenceDrillParts[q.metric][q.part ?? 'denominator'],
            { from: q.from, to: q.to, filters: Object.entries(q.filters ?? {}) },
            'due_id',
          ),
        ],
        sort: q.sort ?? 'due_on',
        order: q.order,
        key: 'due_id',
        limit: q.limit,
        offset: q.offset,
      }),
      ['installed_on', 'due_on', 'visited_on'],
    ),
  );
}

/** A page's day columns (DuckDB dates, read as midnight UTC) as 'YYYY-MM-DD', as the other cadence lists give them. */
function daysAsText(page: RowPage, columns: readonly string[]): RowPage {
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);
  return Object.freeze({
    total: page.total,
    rows: Object.freeze(page.rows.map((r) => Object.freeze({ ...r, ...Object.fromEntries(columns.map((c) => [c, day(r[c])])) }))) as Record<
      string,
      unknown
    >[],
  });
}

/** The columns of a technician's installation projects (the installer's part of the scorecard). */
export const installationColumns = [
  'installation_id',
  'accepted_at',
  'site',
  'serial_no',
  'ticket_id',
  'team',
  'technician_ids',
  'hardware_points',
  'software_points',
  'documents_points',
  'satisfaction_points',
  'score',
  'grade',
] as const;

/**
 * The projects behind a technician's installer part for a period (a quarter or month key): those accepted in it
 * that name the technician in their crew (the acceptance's technician_ids, else the ticket's technician), as
 * metrics/technician_score.sql counts them; lowest score first by default.
 */
export function listTechnicianInstallations(
  db: Warehouse,
  technicianId: string,
  period: { from: string; to: string },
  page: { sort?: (typeof installationColumns)[number]; order?: 'asc' | 'desc'; limit: number; offset: number },
): Promise<RowPage> {
  return db.cache.get(`technician-installations:${JSON.stringify([technicianId, period, page])}`, async () =>
    daysAsText(
      await readRowPage(db, {
        table: 'marts.installation_scores',
        columns: installationColumns,
        where: [
          sql`day between ${period.from}::date and ${period.to}::date`,
          sql`list_contains(list_transform(string_split(coalesce(technician_ids, technician_id), ';'), x -> trim(x)), ${technicianId})`,
        ],
        sort: page.sort ?? 'score',
        order: page.order ?? 'asc',
        key: 'installation_id',
        limit: page.limit,
        offset: page.offset,
      }),
      ['accepted_at'],
    ),
  );
}
