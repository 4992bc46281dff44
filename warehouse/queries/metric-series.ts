// Reads any metric for any filter and grain. Ratios are Σnumerator / Σdenominator over the days of each period
// (never an average of smaller periods); durations are n, mean, median and p90 over the tickets of each period;
// the backlog is the running total of opened − resolved up to each period's end. Used by the API, the CLI and
// the PDF alike, so they all show the same number.
import { sql, type RawBuilder } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { metricCatalog, type MetricDefinition, type MetricKey } from '../../contract/metrics/catalog.ts';
import { dimensionsOf, type Dimension, type Grain } from './metric-dimensions.ts';
import { FilterError } from '../../contract/period/filter-error.ts';
import { filterConditions } from './filter-conditions.ts';
import { readJudgedAt } from './judged-at.ts';
import { periodQuantilesTable, rollupTable, storedQuantileGrains, valueRollupTable } from './metric-rollups.ts';
import { alignedTo, exactPeriodKind, wholeMonthsWithin } from '../../contract/period/period.ts';
import { engineRows, readsFromEngine } from './engine-rows.ts';

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
  /** durations that can be floored (catalog flooredAtZero): tickets whose duration was floored at 0 */
  floored?: number;
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
  /** Metrics judged at refresh (catalog judgedAtRefresh): the refresh's time, 'YYYY-MM-DD HH:MM' local. */
  as_of?: string | null;
  rows: MetricRow[];
  /** Added by the API for the SLA metrics: the configured targets in hours by severity level, for goal lines. */
  sla_targets?: Record<string, { response: number; arrival: number; resolution: number }>;
}

// Rows are grouped by the date their period starts on (cheap to compute and to hash) and only each group's key is
// written as text ('2025-07', '2025-Q3'): formatting every row's day first cost most of a series' time.
const periodStart: Record<Grain, RawBuilder<unknown>> = {
  day: sql`day`,
  month: sql`date_trunc('month', day)`,
  quarter: sql`date_trunc('quarter', day)`,
  year: sql`date_trunc('year', day)`,
  all: sql`null::date`,
};

/** The period key of a period's first day (column `period_start`). */
const periodText: Record<Grain, RawBuilder<string>> = {
  day: sql`strftime(period_start, '%Y-%m-%d')`,
  month: sql`strftime(period_start, '%Y-%m')`,
  quarter: sql`year(period_start)::varchar || '-Q' || quarter(period_start)::varchar`,
  year: sql`year(period_start)::varchar`,
  all: sql`'all'`,
};

/** The answer is shared with later readers through the cache: it is frozen, copy it to change it. */
export function readMetricSeries(db: Warehouse, q: MetricQuery): Promise<MetricSeries> {
  return db.cache.get(`metric-series:${JSON.stringify(q)}`, () => computeMetricSeries(db, q));
}

/** The same series read from the per-ticket metric view, never from a rollup, nor the cache (for the tests). */
export function readMetricSeriesFromTickets(db: Warehouse, q: MetricQuery): Promise<MetricSeries> {
  return computeMetricSeries(db, q, false);
}

async function computeMetricSeries(db: Warehouse, q: MetricQuery, rollups = true): Promise<MetricSeries> {
  const def = metricCatalog[q.metric];
  if (def.kind === 'table') throw new FilterError(`${q.metric} is a table, not a series: read it with readTableMetric`);
  const by = q.by ?? [];
  const allowed = dimensionsOf(q.metric);
  for (const d of by) if (!allowed.includes(d)) throw new FilterError(`${q.metric} has no dimension "${d}"; it has: ${allowed.join(', ')}`);
  const dims = by.map((d) => sql.ref(d));
  // A default filter (e.g. the strict repeat mode) applies unless the reader filters or splits by its dimension.
  const defaults = Object.entries((def as MetricDefinition).defaultFilters ?? {}).filter(
    ([d]) => !q.filters?.[d as Dimension]?.length && !by.includes(d as Dimension),
  );
  // Additive metrics split and filtered by the rollup's dimensions are summed from its daily rows.
  const used = [...by, ...defaults.map(([d]) => d), ...Object.entries(q.filters ?? {}).flatMap(([d, v]) => (v?.length ? [d] : []))];
  // On Trino (engine "trino") the metric's view is read (its settings tables are always there): rollups are DuckDB's.
  const models = [`metrics.${q.metric}`];
  const onEngine = readsFromEngine(db, models);
  const rollup = rollups && !onEngine ? await rollupTable(db, q.metric, used) : undefined;
  const table = sql.table(rollup ?? `metrics.${q.metric}`);
  // `from` is left out here: the backlog's running total must start at the first day ever.
  const where = filterConditions({ to: q.to, filters: { ...Object.fromEntries(defaults), ...q.filters } }, allowed, q.metric);
  const fromCondition = q.from ? sql`day >= ${q.from}::date` : sql`true`;
  const groupCols = sql.join([sql`period_start`, ...dims]);
  const dimSelect = dims.length ? sql`, ${sql.join(dims)}` : sql``;
  // Grouped by the period's first day, then each group's key written as text, in the order of the periods.
  const periods = (grouped: RawBuilder<unknown>, columns: RawBuilder<unknown>) =>
    sql<Record<string, unknown>>`select ${periodText[q.grain]} as period${dimSelect}, ${columns} from (${grouped}) order by ${groupCols}`;

  // Durations over whole calendar periods read their stored figures; over other whole months their monthly value
  // rollup, and the tickets only for the days of cut months.
  const storedLevel = def.kind === 'duration' ? storedQuantileLevel(q) : undefined;
  const stored = rollups && !onEngine && storedLevel ? await periodQuantilesTable(db, q.metric, used, q.filters ?? {}) : undefined;
  const valueRollup =
    rollups && !onEngine && !stored && def.kind === 'duration' && q.grain !== 'day'
      ? await valueRollupTable(db, q.metric, used)
      : undefined;
  const months = valueRollup ? wholeMonthsWithin(q.from, q.to) : undefined;

  let query: RawBuilder<Record<string, unknown>>;
  if (stored && storedLevel) {
    const periodRange =
      q.grain === 'all'
        ? [sql`period_start = ${q.from}::date`]
        : [...(q.from ? [sql`period_start >= ${q.from}::date`] : []), ...(q.to ? [sql`period_start <= ${q.to}::date`] : [])];
    const conditions = sql.join(
      [
        sql`grain = ${storedLevel}`,
        sql`clock = ${q.clock === 'business' ? 'business' : 'elapsed'}`,
        sql`all_regions = ${!used.includes('region')}`,
        sql`all_severities = ${!used.includes('severity')}`,
        filterConditions({ filters: q.filters }, allowed, q.metric),
        ...periodRange,
      ],
      sql` and `,
    );
    query = sql`
      select ${periodText[q.grain]} as period${dimSelect}, n${(def as MetricDefinition).flooredAtZero ? sql`, floored` : sql``}, mean, median, p90
      from ${sql.table(stored)} where ${conditions} order by ${groupCols}`;
  } else if (def.kind === 'duration' && valueRollup && months) {
    const clock = q.clock === 'business' ? 'business' : 'elapsed';
    const col = sql.ref(clock === 'business' ? 'business_hours' : 'hours');
    const flooredCol = (def as MetricDefinition).flooredAtZero
      ? sql.ref(clock === 'business' ? 'business_floored' : 'floored')
      : sql`false`;
    const monthFilters = filterConditions({ filters: { ...Object.fromEntries(defaults), ...q.filters } }, allowed, q.metric);
    const inMonths = sql.join(
      [
        sql`clock = ${clock}`,
        ...(months.first ? [sql`day >= ${months.first}::date`] : []),
        ...(months.last ? [sql`day <= ${months.last}::date`] : []),
      ],
      sql` and `,
    );
    const outsideMonths = sql.join(
      [...(months.first ? [sql`day < ${months.first}::date`] : []), ...(months.last ? [sql`day > ${months.last}::date`] : [])],
      sql` or `,
    );
    const dimCols = dims.length ? sql`${sql.join(dims)}, ` : sql``;
    const partition = sql.join([sql`period_start`, ...dims]);
    // Whole months only (the period is months): the tickets are not read at all.
    const cutDays =
      months.first !== q.from || months.last !== q.to
        ? sql`
          union all
          select day, ${dimCols}${col} as value, ${flooredCol} as floored, 1::double as n from ${table}
          where ${where} and ${fromCondition} and ${col} is not null and (${outsideMonths})`
        : sql``;
    query = periods(
      sql`
        with src as (
          select day, ${dimCols}value, floored, n from ${sql.table(valueRollup)} where ${monthFilters} and ${inMonths}${cutDays}
        ),
        vals as (
          select ${periodStart[q.grain]} as period_start${dimSelect}, value, sum(n) as n, sum(n) filter (where floored) as floored
          from src group by all
        ),
        -- Each value's cumulative count: the value at 0-based rank r is the smallest whose count passes r, and
        -- quantile_cont's position is (n − 1)·q, between the values at its floor and its ceiling.
        ranked as (
          select *, sum(n) over (partition by ${partition} order by value rows between unbounded preceding and current row) as upto,
                 sum(n) over (partition by ${partition}) as total
          from vals
        ),
        positions as (select *, (total - 1) * 0.5 as h50, (total - 1) * 0.9 as h90 from ranked)
        select period_start${dimSelect}, any_value(total) as n, coalesce(sum(floored), 0)::double as floored,
               sum(value * n) / any_value(total) as mean,
               min(value) filter (where upto > floor(h50)) as lo50, min(value) filter (where upto > ceil(h50)) as hi50,
               any_value(h50 - floor(h50)) as d50,
               min(value) filter (where upto > floor(h90)) as lo90, min(value) filter (where upto > ceil(h90)) as hi90,
               any_value(h90 - floor(h90)) as d90
        from positions group by ${groupCols}`,
      sql`n${(def as MetricDefinition).flooredAtZero ? sql`, floored` : sql``}, mean, lo50 + (hi50 - lo50) * d50 as median, lo90 + (hi90 - lo90) * d90 as p90`,
    );
  } else if (def.kind === 'duration') {
    const col = q.clock === 'business' ? sql.ref('business_hours') : sql.ref('hours');
    const floored = (def as MetricDefinition).flooredAtZero
      ? sql`, count(*) filter (where ${sql.ref(q.clock === 'business' ? 'business_floored' : 'floored')})::double as floored`
      : sql``;
    query = periods(
      sql`
        select ${periodStart[q.grain]} as period_start${dimSelect},
               count(${col})::double as n${floored}, avg(${col}) as mean,
               quantile_cont(${col}, [0.5, 0.9]) as quantiles
        from ${table} where ${where} and ${fromCondition} and ${col} is not null
        group by ${groupCols}`,
      // Both quantiles from one sort of each period's tickets (two quantile_cont sorted them twice).
      sql`n${(def as MetricDefinition).flooredAtZero ? sql`, floored` : sql``}, mean, quantiles[1] as median, quantiles[2] as p90`,
    );
  } else if (def.kind === 'pareto') {
    // Ranked within each period by the fault dimension asked for (fault_code unless fault_category is).
    const key = sql.ref(by.includes('fault_category') ? 'fault_category' : 'fault_code');
    const keyName = by.includes('fault_category') ? 'fault_category' : 'fault_code';
    query = sql`
      with counts as (
        select ${periodText[q.grain]} as period, fault, n
        from (select ${periodStart[q.grain]} as period_start, ${key} as fault, count(*)::double as n
              from ${table} where ${where} and ${fromCondition} group by all)
      ),
      ranked as (
        select *, sum(n) over (partition by period) as total,
               sum(n) over (partition by period order by n desc, fault nulls last rows between unbounded preceding and current row) as cumulative
        from counts
      )
      select period, fault as ${sql.ref(keyName)}, n as numerator, total as denominator,
             cumulative / total as cumulative_share, (cumulative - n) / total < (select pareto_vital_share from main.settings) as vital
      from ranked order by period, n desc, fault nulls last`;
  } else if (def.kind === 'backlog') {
    query = backlogQuery(q, table, where, dims);
  } else {
    // Summed per day first (a day is cheap to group by), then the days into periods.
    query = periods(
      sql`
        select ${periodStart[q.grain]} as period_start${dimSelect},
               sum(numerator)::double as numerator, sum(denominator)::double as denominator
        from (
          select day${dimSelect}, sum(numerator) as numerator, sum(denominator) as denominator
          from ${table} where ${where} and ${fromCondition}
          group by ${sql.join([sql`day`, ...dims])}
        )
        group by ${groupCols}`,
      sql`numerator, denominator`,
    );
  }
  const [result, asOf] = await Promise.all([engineRows(db, query, models), def.judgedAtRefresh ? readJudgedAt(db) : undefined]);
  const rows = result.map((r) => Object.freeze({ ...r, value: periodValue(def.kind, r) }) as MetricRow);
  const asOfField = asOf === undefined ? {} : { as_of: asOf };
  return Object.freeze({
    metric: q.metric,
    grain: q.grain,
    by,
    from: q.from ?? null,
    to: q.to ?? null,
    ...asOfField,
    rows: Object.freeze(rows) as MetricRow[],
  });
}

/**
 * The calendar periods a duration series' rows are stored for (periodQuantiles): its own grain's, over whole periods
 * of it; for 'all', the one month, quarter or year the range is exactly. Undefined: none.
 */
function storedQuantileLevel(q: MetricQuery): (typeof storedQuantileGrains)[number] | undefined {
  if (q.grain === 'all') return q.from && q.to ? exactPeriodKind(q.from, q.to, storedQuantileGrains) : undefined;
  const grain = storedQuantileGrains.find((g) => g === q.grain);
  return grain && alignedTo(grain, q.from, q.to) ? grain : undefined;
}

/**
 * The backlog at the end of each period (its last day, or `to`): the running Σ(opened − resolved) from the first
 * day ever, whatever `from` says, since the backlog carries over. Each group's running total holds from one day
 * with a change to the next; every period end of a spine of days is matched to the stretch it falls in, so a
 * group quiet in a period, and a period without any activity, still carry their open tickets, and the groups
 * always add up to the total. Without a split every period is written, 0 included; split, a group is written
 * for the periods it has tickets open at the end of (a group with none open adds 0 by being absent).
 */
function backlogQuery(
  q: MetricQuery,
  table: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
  dims: RawBuilder<unknown>[],
): RawBuilder<Record<string, unknown>> {
  const dimSelect = dims.length ? sql`, ${sql.join(dims)}` : sql``;
  const partition = dims.length ? sql`partition by ${sql.join(dims)}` : sql``;
  // The spine runs from the first day with a ticket (or `from`) to `to` (at most today, or the last day with a
  // ticket if that is later), else to the last day with a ticket.
  const lo = q.from ? sql`greatest(${q.from}::date, min(day))` : sql`min(day)`;
  const hi = q.to ? sql`least(${q.to}::date, greatest(max(day), current_date))` : sql`max(day)`;
  return sql`
    with daily as (
      select day${dimSelect}, sum(opened - resolved)::double as net from ${table} where ${where} group by all
    ),
    running as (
      select *, sum(net) over (${partition} order by day rows between unbounded preceding and current row) as backlog,
             coalesce(lead(day) over (${partition} order by day), date '9999-12-31') as until
      from daily
    ),
    bounds as (select ${lo} as lo, ${hi} as hi from daily),
    days as (
      select generate_series::date as day from bounds, generate_series(bounds.lo::timestamp, bounds.hi::timestamp, interval 1 day)
    ),
    period_ends as (select ${periodText[q.grain]} as period, period_end from (select ${periodStart[q.grain]} as period_start, max(day) as period_end from days group by 1))
    select e.period${dims.length ? sql`, ${sql.join(dims.map((d) => sql`r.${d}`))}` : sql``}, r.backlog as numerator, null::double as denominator
    from period_ends e
    join running r on e.period_end >= r.day and e.period_end < r.until
    ${dims.length ? sql`where r.backlog <> 0` : sql``}
    order by e.period${dimSelect}`;
}

function periodValue(kind: string, r: Record<string, unknown>): number | null {
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
