// Reads any metric for any filter and grain as Σnumerator / Σdenominator over the days of each period, so a
// quarter is never an average of monthly ratios. Used by the API, the CLI and the PDF alike.
import { sql, type RawBuilder } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { metricCatalog, type MetricKey } from '../metrics/catalog.ts';
import type { Dimension, Grain } from './metric-dimensions.ts';

export interface MetricQuery {
  metric: MetricKey;
  grain: Grain;
  by?: Dimension[];
  /** First and last day of opened_at, inclusive, 'YYYY-MM-DD'. */
  from?: string;
  to?: string;
  filters?: Partial<Record<Dimension, string[]>>;
}

export interface MetricRow {
  period: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  [dimension: string]: string | number | null;
}

export interface MetricSeries {
  metric: MetricKey;
  grain: Grain;
  by: Dimension[];
  from: string | null;
  to: string | null;
  rows: MetricRow[];
}

const periodOf: Record<Grain, RawBuilder<string>> = {
  day: sql`strftime(day, '%Y-%m-%d')`,
  month: sql`strftime(day, '%Y-%m')`,
  quarter: sql`year(day)::varchar || '-Q' || quarter(day)::varchar`,
  year: sql`year(day)::varchar`,
  all: sql`'all'`,
};

export async function readMetricSeries(db: Warehouse, q: MetricQuery): Promise<MetricSeries> {
  const def = metricCatalog[q.metric];
  const by = q.by ?? [];
  let query = db.kysely
    .selectFrom(`metrics.${q.metric}`)
    .select(periodOf[q.grain].as('period'))
    .select(by.map((d) => sql.ref(d).as(d)))
    .select([sql<number>`sum(numerator)::double`.as('numerator'), sql<number | null>`sum(denominator)::double`.as('denominator')]);
  if (q.from) query = query.where('day', '>=', sql`${q.from}::date`);
  if (q.to) query = query.where('day', '<=', sql`${q.to}::date`);
  for (const [dim, values] of Object.entries(q.filters ?? {})) {
    if (values && values.length > 0) query = query.where(sql.ref(dim), 'in', values);
  }
  const groups = [sql.ref('period'), ...by.map((d) => sql.ref(d))];
  query = query.groupBy(groups);
  for (const g of groups) query = query.orderBy(g);
  const result = await query.execute();
  const rows = result.map((r: any) => ({
    ...r,
    value: def.kind === 'count' ? r.numerator : r.denominator ? r.numerator / r.denominator : null,
  }));
  return { metric: q.metric, grain: q.grain, by, from: q.from ?? null, to: q.to ?? null, rows };
}
