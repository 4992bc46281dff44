// Daily rollups of the additive metrics (ratio, per100, mean, count, sum): per day and per combination of the
// dimensions users filter and split by most (region, product line, model, severity and the metric's own extra
// dimensions), the Σnumerator and Σdenominator of the metric's rows. A period's Σ over the rollup's rows is the Σ
// over the metric's rows, so a series read from a rollup is the same as one read from the per-ticket view; it
// reads a few hundred thousand rows instead of millions. Built by each refresh (rollups.<metric>, ordered by day,
// so a period only reads its own row groups); a series that filters or splits by another dimension (channel,
// service type, technician) reads the per-ticket view. Each has a smaller rollup beside it, summed from it, per
// day, region, severity and the metric's own dimensions (rollups.<metric>__by_region): what the overview asks
// for, a few thousand rows a year where the first keeps every product model.
// Durations are rolled up by month instead (rollups.<metric>__values_by_region): per month, region, severity,
// clock (elapsed or service hours) and value, how many tickets took exactly that long. Their values repeat within
// a month but hardly within a day (at 5 M tickets a day's rollup of response times was 83% as long as the
// tickets, a month's 2%; resolution times, which run to days, 33%); every quantile, the mean and n of whole months
// come from it exactly, and the days of months a period cuts in two are read from the tickets. Pareto and backlog
// are not rolled up: their rankings and running totals read the tickets, which are stored in opened order so that a
// period reads its own row groups only.
import { metricCatalog, metricKeys, type MetricDefinition, type MetricKey } from '../../contract/metrics/catalog.ts';
import type { Warehouse } from '../db/open-warehouse.ts';
import type { Dimension } from './metric-dimensions.ts';

const additiveKinds: ReadonlySet<string> = new Set(['ratio', 'per100', 'mean', 'count', 'sum']);
/** The dimensions of every metric a rollup keeps (the extra dimensions of each metric are kept too). */
const rolledUpDimensions: readonly Dimension[] = ['region', 'product_line', 'product_model', 'severity'];

/** The metrics with a rollup. */
export const rolledUpMetrics: readonly MetricKey[] = metricKeys.filter((k) => additiveKinds.has(metricCatalog[k].kind));

/** The dimensions a metric's rollup keeps. */
export function rollupDimensions(metric: MetricKey): Dimension[] {
  return [...rolledUpDimensions, ...(((metricCatalog[metric] as MetricDefinition).extraDimensions ?? []) as Dimension[])];
}

/** The dimensions of every metric the smaller rollup keeps (and the metric's own). */
const regionDimensions: readonly Dimension[] = ['region', 'severity'];

/** The smaller rollup's dimensions. */
export function regionRollupDimensions(metric: MetricKey): Dimension[] {
  return [...regionDimensions, ...(((metricCatalog[metric] as MetricDefinition).extraDimensions ?? []) as Dimension[])];
}

/** The smaller rollup's table name (in the rollup schema). */
export const regionRollup = (metric: MetricKey) => `${metric}__by_region`;

/**
 * The schema and the statements a refresh runs (after the metric views) to build the rollups: each metric's, from
 * its view, then the smaller one, from it. The sums are stored as doubles, which hold every whole number a sum of
 * counts reaches exactly (DuckDB's own HUGEINT sums were ten times slower to scan).
 */
export const rollupSchema = 'rollups';
export function rollupStatements(): { name: string; metric: MetricKey; sql: string }[] {
  return [
    ...additiveRollupStatements(),
    ...valueRolledUpMetrics.map(valueRollupStatement),
    ...valueRolledUpMetrics.map(periodQuantilesStatement),
  ];
}

function additiveRollupStatements(): { name: string; metric: MetricKey; sql: string }[] {
  return rolledUpMetrics.flatMap((m) => {
    const dims = rollupDimensions(m).join(', ');
    const small = regionRollupDimensions(m).join(', ');
    return [
      {
        name: m,
        metric: m,
        sql: `create or replace table ${rollupSchema}.${m} as
        select day, ${dims}, sum(numerator)::double as numerator, sum(denominator)::double as denominator
        from metrics.${m} group by all order by day`,
      },
      {
        name: regionRollup(m),
        metric: m,
        sql: `create or replace table ${rollupSchema}.${regionRollup(m)} as
        select day, ${small}, sum(numerator) as numerator, sum(denominator) as denominator
        from ${rollupSchema}.${m} group by all order by day`,
      },
    ];
  });
}

/** The duration metrics with a monthly rollup of their values. */
export const valueRolledUpMetrics: readonly MetricKey[] = metricKeys.filter((k) => metricCatalog[k].kind === 'duration');

/** The monthly value rollup's table name (in the rollup schema). */
export const valueRollup = (metric: MetricKey) => `${metric}__values_by_region`;

/**
 * The statement of a duration's value rollup: day (the month's first day), region, severity, clock ('elapsed' or
 * 'business'), value (hours), floored (the ticket's duration was floored at 0; false for a duration that cannot
 * be) and n (tickets). The values are the view's own doubles, grouped exactly as they are. Stored by clock, then
 * month, so that a series reads the row groups of its clock and months only. Region and severity only: with the
 * product model too it was as long as the tickets.
 */
function valueRollupStatement(m: MetricKey): { name: string; metric: MetricKey; sql: string } {
  const dims = regionRollupDimensions(m).join(', ');
  const floors = (metricCatalog[m] as MetricDefinition).flooredAtZero;
  const clock = (name: string, col: string, floored: string) =>
    `select date_trunc('month', day)::date as day, ${dims}, '${name}' as clock, ${col} as value, ${floors ? floored : 'false'} as floored
     from metrics.${m} where ${col} is not null`;
  return {
    name: valueRollup(m),
    metric: m,
    sql: `create or replace table ${rollupSchema}.${valueRollup(m)} as
      select day, ${dims}, clock, value, floored, count(*)::double as n
      from (${clock('elapsed', 'hours', 'floored')} union all ${clock('business', 'business_hours', 'business_floored')})
      group by all order by clock, day`,
  };
}

/** The calendar periods whose quantiles are stored (periodQuantiles), as series grains. */
export const storedQuantileGrains = ['month', 'quarter', 'year'] as const;

/** The stored quantiles' table name (in the rollup schema). */
export const periodQuantiles = (metric: MetricKey) => `${metric}__period_quantiles`;

/**
 * The statement of a duration's stored figures: for every calendar month, quarter and year (grain, period_start),
 * clock, and region and severity each kept or summed over (all_regions, all_severities; a null region kept is the
 * tickets without one), what a series reads from the per-ticket view: n, floored, mean and quantile_cont's median
 * and p90, in one pass over the tickets (DuckDB's quantile selects within each group: 6 s for resolution times at
 * 5 M, where ranking the value rollup's counts was 14 s). What the overview asks for most, one month, quarter or
 * year, a region or all, split by severity or not, is then one row to read where the value rollup's months were a
 * year of values to group and rank (resolution time at 5 M: 945,000 rows).
 */
function periodQuantilesStatement(m: MetricKey): { name: string; metric: MetricKey; sql: string } {
  const floors = (metricCatalog[m] as MetricDefinition).flooredAtZero;
  const level = (grain: string) =>
    `select '${grain}' as grain, date_trunc('${grain}', day)::date as period_start, region, severity, hours, business_hours,
            ${floors ? 'floored, business_floored' : 'false as floored, false as business_floored'}
     from metrics.${m}`;
  // One clock's figures, as the per-ticket series computes them over the tickets with a value on that clock.
  const figures = (c: string, col: string, floored: string) =>
    `count(${col})::double as n_${c}, (count(*) filter (where ${floored} and ${col} is not null))::double as floored_${c},
     avg(${col}) as mean_${c}, quantile_cont(${col}, [0.5, 0.9]) as q_${c}`;
  const rows = (c: string, name: string) =>
    `select grain, period_start, '${name}' as clock, all_regions, region, all_severities, severity,
            n_${c} as n, floored_${c} as floored, mean_${c} as mean, q_${c}[1] as median, q_${c}[2] as p90
     from sets where n_${c} > 0`;
  return {
    name: periodQuantiles(m),
    metric: m,
    sql: `create or replace table ${rollupSchema}.${periodQuantiles(m)} as
      with sets as (
        select grain, period_start, grouping(region) = 1 as all_regions, region, grouping(severity) = 1 as all_severities, severity,
               ${figures('e', 'hours', 'floored')}, ${figures('b', 'business_hours', 'business_floored')}
        from (${storedQuantileGrains.map(level).join(' union all ')})
        group by grouping sets (
          (grain, period_start, region, severity), (grain, period_start, region), (grain, period_start, severity), (grain, period_start)
        )
      )
      ${rows('e', 'elapsed')} union all ${rows('b', 'business')}
      order by grain, period_start, clock, all_regions, region, all_severities, severity`,
  };
}

/**
 * The value rollup a duration series can be read from ('rollups.<table>'): when it keeps the dimensions its split
 * and filters use, on a warehouse whose last refresh built it; undefined: it cannot.
 */
export async function valueRollupTable(db: Warehouse, metric: MetricKey, used: readonly string[]): Promise<string | undefined> {
  if (!valueRolledUpMetrics.includes(metric)) return undefined;
  const keeps = used.every((d) => regionRollupDimensions(metric).includes(d as Dimension));
  return keeps && (await builtRollups(db)).has(valueRollup(metric)) ? `${rollupSchema}.${valueRollup(metric)}` : undefined;
}

/**
 * The stored quantiles a duration series can be read from ('rollups.<table>'): when its split and filters use region
 * and severity at most, one value each, on a warehouse whose last refresh stored them; undefined: it cannot.
 */
export async function periodQuantilesTable(
  db: Warehouse,
  metric: MetricKey,
  used: readonly string[],
  filters: Partial<Record<string, readonly string[]>>,
): Promise<string | undefined> {
  if (!valueRolledUpMetrics.includes(metric)) return undefined;
  const keeps = used.every((d) => d === 'region' || d === 'severity') && Object.values(filters).every((v) => (v?.length ?? 0) <= 1);
  return keeps && (await builtRollups(db)).has(periodQuantiles(metric)) ? `${rollupSchema}.${periodQuantiles(metric)}` : undefined;
}

/**
 * The rollup a series can be read from ('rollups.<table>'): the smallest that keeps the dimensions its split and
 * filters use, of an additive metric, on a warehouse whose last refresh built it; undefined: none can.
 */
export async function rollupTable(db: Warehouse, metric: MetricKey, used: readonly string[]): Promise<string | undefined> {
  if (!rolledUpMetrics.includes(metric)) return undefined;
  const built = await builtRollups(db);
  const keeps = (dims: readonly string[]) => used.every((d) => dims.includes(d));
  if (keeps(regionRollupDimensions(metric)) && built.has(regionRollup(metric))) return `${rollupSchema}.${regionRollup(metric)}`;
  if (keeps(rollupDimensions(metric)) && built.has(metric)) return `${rollupSchema}.${metric}`;
  return undefined;
}

/** Whether a series can be read from a rollup of its metric (rollupTable). */
export async function canReadRollup(db: Warehouse, metric: MetricKey, used: readonly string[]): Promise<boolean> {
  return (await rollupTable(db, metric, used)) !== undefined;
}

/**
 * The distinct values of `key` (a SQL expression) in a stored table of the rollup schema, as text; none when the
 * last refresh did not build it. Cached till the next refresh: which periods or sets a reader finds stored.
 */
export function storedKeys(db: Warehouse, table: string, key: string): Promise<ReadonlySet<string>> {
  return db.cache.get(`stored-keys:${table}:${key}`, async () => {
    if (!(await builtRollups(db)).has(table)) return new Set<string>();
    const rows = await db.all<{ k: string }>(`select distinct (${key})::varchar as k from ${rollupSchema}.${table}`);
    return new Set(rows.map((r) => r.k));
  });
}

/** The rollups the last refresh built (a warehouse refreshed before rollups existed has none); cached till the next. */
export function builtRollups(db: Warehouse): Promise<ReadonlySet<string>> {
  return db.cache.get('built-rollups', async () => {
    const rows = await db.all<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = $1`, [
      rollupSchema,
    ]);
    return new Set(rows.map((r) => r.name));
  });
}
