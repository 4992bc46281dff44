// The complaints behind a complaint figure (complaints by category, answered on time, escalated, time to
// resolve): the same filters as the metrics, by the day received, paginated and sortable; every value bound.
// A metric's part is read from its own view (part-rows.ts), so the list holds exactly the complaints it counts.
import { sql, type RawBuilder } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { dimensions, type Dimension } from './metric-dimensions.ts';
import { FilterError } from '../../contract/period/filter-error.ts';
import { readRowPage, type RowPage } from './row-page.ts';
import { partRows, type DrillPart } from './part-rows.ts';

export const complaintColumns = [
  'complaint_id',
  'received_at',
  'category',
  'is_verified',
  'is_escalated',
  'responded_at',
  'resolved_at',
  'answer_hours',
  'resolve_hours',
  'ticket_id',
  'technician_id',
  'region',
  'product_line',
  'product_model',
  'severity',
  'channel',
  'service_type',
] as const;
export type ComplaintColumn = (typeof complaintColumns)[number];

export const complaintMetrics = [
  'complaints',
  'complaint_answer_on_time',
  'complaint_escalated_rate',
  'complaint_resolution_time',
] as const;
export type ComplaintMetric = (typeof complaintMetrics)[number];

/**
 * The parts of each complaint metric a drill-down offers, as the column of the metric's view that flags them (a
 * complaint is behind the part when its row has the column > 0). The count's figure is Σnumerator; its part is
 * called denominator (the default: every complaint counted); a duration's n is its rows flagged denominator.
 */
export const complaintDrillParts: Record<ComplaintMetric, Partial<Record<DrillPart, string>>> = {
  complaints: { denominator: 'numerator' },
  complaint_answer_on_time: { denominator: 'denominator', numerator: 'numerator', missed: 'missed' },
  complaint_escalated_rate: { denominator: 'denominator', numerator: 'numerator' },
  complaint_resolution_time: { denominator: 'denominator' },
};

export interface ComplaintListQuery {
  from?: string;
  to?: string;
  filters?: Partial<Record<Dimension, string[]>>;
  category?: string[];
  verified?: 'yes' | 'no';
  metric?: ComplaintMetric;
  part?: DrillPart;
  sort?: ComplaintColumn;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

function conditionsOf(q: ComplaintListQuery): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [];
  for (const dim of Object.keys(q.filters ?? {})) {
    if (!(dimensions as readonly string[]).includes(dim)) throw new FilterError(`complaints cannot be filtered by "${dim}"`);
  }
  const filters = Object.entries(q.filters ?? {}) as [string, unknown][];
  if (q.metric) {
    // The period and the dimensions select the metric's rows, as they do for the figure.
    const column = complaintDrillParts[q.metric][q.part ?? 'denominator'];
    if (!column) throw new FilterError(`${q.metric} has no part "${q.part}"`);
    c.push(partRows(q.metric, column, { from: q.from, to: q.to, filters }, 'complaint_id'));
  } else {
    if (q.from) c.push(sql`received_date >= ${q.from}::date`);
    if (q.to) c.push(sql`received_date <= ${q.to}::date`);
    for (const [dim, values] of filters)
      if ((values as string[] | undefined)?.length) c.push(sql`${sql.ref(dim)} in (${sql.join(values as string[])})`);
  }
  if (q.category?.length) c.push(sql`category in (${sql.join(q.category)})`);
  if (q.verified) c.push(q.verified === 'yes' ? sql`is_verified` : sql`not is_verified`);
  return c;
}

/** A page of complaints and the total; cached until the next refresh. */
export function listComplaints(db: Warehouse, q: ComplaintListQuery): Promise<RowPage> {
  return db.cache.get(`complaint-list:${JSON.stringify(q)}`, () =>
    readRowPage(db, {
      table: 'marts.complaints',
      columns: complaintColumns,
      where: conditionsOf(q),
      sort: q.sort ?? 'received_at',
      order: q.order,
      key: 'complaint_id',
      limit: q.limit,
      offset: q.offset,
    }),
  );
}
