// The complaints behind a complaint figure (complaints by category, answered on time, escalated, time to
// resolve): the same filters as the metrics, by the day received, paginated and sortable; every value bound.
import { sql, type RawBuilder } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { dimensions, type Dimension } from './metric-dimensions.ts';
import { FilterError } from '../../contract/period/filter-error.ts';
import { readRowPage, type RowPage } from './row-page.ts';

export const complaintColumns = [
  'complaint_id', 'received_at', 'category', 'is_verified', 'is_escalated', 'responded_at', 'resolved_at', 'answer_hours', 'resolve_hours',
  'ticket_id', 'technician_id', 'region', 'product_line', 'product_model', 'severity', 'channel', 'service_type',
] as const;
export type ComplaintColumn = (typeof complaintColumns)[number];

export const complaintMetrics = ['complaints', 'complaint_answer_on_time', 'complaint_escalated_rate', 'complaint_resolution_time'] as const;
export type ComplaintMetric = (typeof complaintMetrics)[number];

/** Which complaints make up each part of a metric (marts.complaints columns), as the metric's SQL file counts them. */
const parts: Record<ComplaintMetric, { denominator: string; numerator?: string; missed?: string }> = {
  complaints: { denominator: 'true' },
  complaint_answer_on_time: { denominator: 'answer_applies', numerator: 'answer_applies and answered_on_time', missed: 'answer_applies and not answered_on_time' },
  complaint_escalated_rate: { denominator: 'true', numerator: 'is_escalated' },
  complaint_resolution_time: { denominator: 'resolve_hours is not null' },
};

export interface ComplaintListQuery {
  from?: string;
  to?: string;
  filters?: Partial<Record<Dimension, string[]>>;
  category?: string[];
  verified?: 'yes' | 'no';
  metric?: ComplaintMetric;
  part?: 'numerator' | 'denominator' | 'missed';
  sort?: ComplaintColumn;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

function conditionsOf(q: ComplaintListQuery): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [];
  if (q.from) c.push(sql`received_date >= ${q.from}::date`);
  if (q.to) c.push(sql`received_date <= ${q.to}::date`);
  for (const [dim, values] of Object.entries(q.filters ?? {})) {
    if (!(dimensions as readonly string[]).includes(dim)) throw new FilterError(`complaints cannot be filtered by "${dim}"`);
    if (values?.length) c.push(sql`${sql.ref(dim)} in (${sql.join(values)})`);
  }
  if (q.category?.length) c.push(sql`category in (${sql.join(q.category)})`);
  if (q.verified) c.push(q.verified === 'yes' ? sql`is_verified` : sql`not is_verified`);
  if (q.metric) {
    const cond = parts[q.metric][q.part ?? 'denominator'];
    if (!cond) throw new FilterError(`${q.metric} has no part "${q.part}"`);
    c.push(sql.raw(cond));
  }
  return c;
}

/** A page of complaints and the total; cached until the next refresh. */
export function listComplaints(db: Warehouse, q: ComplaintListQuery): Promise<RowPage> {
  return db.cache.get(`complaint-list:${JSON.stringify(q)}`, () =>
    readRowPage(db, { table: 'marts.complaints', columns: complaintColumns, where: conditionsOf(q), sort: q.sort ?? 'received_at', order: q.order, key: 'complaint_id', limit: q.limit, offset: q.offset }),
  );
}
