// Reads any metric for any filter and grain. Ratios are Σnumerator / Σdenominator over the days of each period
// (never an average of smaller periods); durations are n, mean, median and p90 over the tickets of each period;
// the backlog is the running total of opened − resolved up to each period's end. Used by the API, the CLI and
// the PDF alike, so they all show the same number.
import { sql, type RawBuilder } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { metricCatalog, type MetricDefinition, type MetricKey } from '../metrics/catalog.ts';
import { dimensionsOf, type Dimension, type Grain } from './metric-dimensions.ts';
import { FilterError } from './filter-error.ts';
import { filterConditions } from './filter-conditions.ts';

export interface MetricQuery {
  metric: MetricKey;
  grain: Grain;
  by?: Dimension[];
  /** First and last day of the period attribution (opened day for tickets), inclusive, 'YYYY-MM-DD'. */
  from?: string;
  to?: string;
  filters?: Partial<Record<Dimension, string[]>>;
  /** Durations: elapsed hours (default) or hours inside service hours. */
  clock?: 'elapsed' | 'business';
}

export interface MetricRow {
  period: string;
  /** ratio, count, … metrics */
  numerator?: number;
  denominator?: number | null;
  /** duration metrics */
  n?: number;
  mean?: number | null;
  median?: number | null;
  p90?: number | null;
  /** pareto metrics */
  cumulative_share?: number;
  vital?: boolean;
  /** The figure to show: the ratio, the count, or for durations the median. */
  value: number | null;
  [dimension: string]: string | number | boolean | null | undefined;
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

/** The answer is shared with later readers through the cache: it is frozen, copy it to change it. */
export function readMetricSeries(db: Warehouse, q: MetricQuery): Promise<MetricSeries> {
  return db.cache.get(`metric-series:${JSON.stringify(q)}`, () => computeMetricSeries(db, q));
}

async function computeMetricSeries(db: Warehouse, q: MetricQuery): Promise<MetricSeries> {
  const def = metricCatalog[q.metric];
  if (def.kind === 'table') throw new FilterError(`${q.metric} is a table, not a series: read it with readTableMetric`);
  const by = q.by ?? [];
  const allowed = dimensionsOf(q.metric);
  for (const d of by) if (!allowed.includes(d)) throw new FilterError(`${q.metric} has no dimension "${d}"; it has: ${allowed.join(', ')}`);
  const table = sql.table(`metrics.${q.metric}`);
  const dims = by.map((d) => sql.ref(d));
  // A default filter (e.g. the strict repeat mode) applies unless the reader filters or splits by its dimension.
  const defaults = Object.entries((def as MetricDefinition).defaultFilters ?? {}).filter(([d]) => !q.filters?.[d as Dimension]?.length && !by.includes(d as Dimension));
  // `from` is left out here: the backlog's running total must start at the first day ever.
  const where = filterConditions({ to: q.to, filters: { ...Object.fromEntries(defaults), ...q.filters } }, allowed, q.metric);
  const fromCondition = q.from ? sql`day >= ${q.from}::date` : sql`true`;
  const groupCols = sql.join([sql`period`, ...dims]);
  const dimSelect = dims.length ? sql`, ${sql.join(dims)}` : sql``;

  let query: RawBuilder<Record<string, unknown>>;
  if (def.kind === 'duration') {
    const col = q.clock === 'business' ? sql.ref('business_hours') : sql.ref('hours');
    query = sql`
      select ${periodOf[q.grain]} as period${dimSelect},
             count(${col})::double as n, avg(${col}) as mean,
             quantile_cont(${col}, 0.5) as median, quantile_cont(${col}, 0.9) as p90
      from ${table} where ${where} and ${fromCondition} and ${col} is not null
      group by ${groupCols} order by ${groupCols}`;
  } else if (def.kind === 'pareto') {
    // Ranked within each period by the fault dimension asked for (fault_code unless fault_category is).
    const key = sql.ref(by.includes('fault_category') ? 'fault_category' : 'fault_code');
    const keyName = by.includes('fault_category') ? 'fault_category' : 'fault_code';
    query = sql`
      with counts as (
        select ${periodOf[q.grain]} as period, ${key} as fault, count(*)::double as n
        from ${table} where ${where} and ${fromCondition} group by all
      ),
      ranked as (
        select *, sum(n) over (partition by period) as total,
               sum(n) over (partition by period order by n desc, fault nulls last rows between unbounded preceding and current row) as cumulative
        from counts
      )
      select period, fault as ${sql.ref(keyName)}, n as numerator, total as denominator,
             cumulative / total as cumulative_share, (cumulative - n) / total < 0.8 as vital
      from ranked order by period, n desc, fault nulls last`;
  } else if (def.kind === 'backlog') {
    // Running totals start at the first day ever, whatever `from` says: the backlog carries over.
    const partition = dims.length ? sql`partition by ${sql.join(dims)}` : sql``;
    query = sql`
      with daily as (
        select day${dimSelect}, sum(opened - resolved) as net from ${table} where ${where} group by all
      ),
      running as (
        select *, sum(net) over (${partition} order by day rows between unbounded preceding and current row) as backlog from daily
      )
      select ${periodOf[q.grain]} as period${dimSelect}, arg_max(backlog, day)::double as numerator, null::double as denominator
      from running where ${fromCondition}
      group by ${groupCols} order by ${groupCols}`;
  } else {
    query = sql`
      select ${periodOf[q.grain]} as period${dimSelect},
             sum(numerator)::double as numerator, sum(denominator)::double as denominator
      from ${table} where ${where} and ${fromCondition}
      group by ${groupCols} order by ${groupCols}`;
  }
  const result = await query.execute(db.kysely);
  const rows = result.rows.map((r) => Object.freeze({ ...r, value: valueOf(def.kind, r) }) as MetricRow);
  return Object.freeze({ metric: q.metric, grain: q.grain, by, from: q.from ?? null, to: q.to ?? null, rows: Object.freeze(rows) as MetricRow[] });
}

function valueOf(kind: string, r: Record<string, unknown>): number | null {
  const n = r.numerator as number;
  const d = r.denominator as number | null;
  switch (kind) {
    case 'duration':
      return (r.median as number | null) ?? null;
    case 'count':
    case 'sum':
    case 'backlog':
      return n;
    case 'pareto':
      return d ? n / d : null;
    case 'per100':
      return d ? (100 * n) / d : null;
    default:
      return d ? n / d : null;
  }
}
