// Daily rollups of the additive metrics (ratio, per100, mean, count, sum): per day and per combination of the
// dimensions users filter and split by most (region, product line, model, severity and the metric's own extra
// dimensions), the Σnumerator and Σdenominator of the metric's rows. A period's Σ over the rollup's rows is the Σ
// over the metric's rows, so a series read from a rollup is the same as one read from the per-ticket view; it
// reads a few hundred thousand rows instead of millions. Built by each refresh (rollups.<metric>, ordered by day,
// so a period only reads its own row groups); a series that filters or splits by another dimension (channel,
// service type, technician) reads the per-ticket view. Durations, pareto and backlog are not rolled up: their
// quantiles and rankings need the tickets themselves.
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

/**
 * The schema and the statements a refresh runs (after the metric views) to build the rollups. The sums are stored
 * as doubles, which hold every whole number a sum of counts reaches exactly (DuckDB's own HUGEINT sums were ten
 * times slower to scan).
 */
export const rollupSchema = 'rollups';
export function rollupStatements(): { name: string; sql: string }[] {
  return rolledUpMetrics.map((m) => {
    const dims = rollupDimensions(m).join(', ');
    return {
      name: m,
      sql: `create or replace table ${rollupSchema}.${m} as
        select day, ${dims}, sum(numerator)::double as numerator, sum(denominator)::double as denominator
        from metrics.${m} group by all order by day`,
    };
  });
}

/**
 * Whether a series can be read from its metric's rollup: an additive metric whose split and filters use only
 * the rollup's dimensions, on a warehouse whose last refresh built the rollup.
 */
export async function canReadRollup(db: Warehouse, metric: MetricKey, used: readonly string[]): Promise<boolean> {
  if (!rolledUpMetrics.includes(metric)) return false;
  const dims: readonly string[] = rollupDimensions(metric);
  if (!used.every((d) => dims.includes(d))) return false;
  return (await builtRollups(db)).has(metric);
}

/** The rollups the last refresh built (a warehouse refreshed before rollups existed has none); cached till the next. */
function builtRollups(db: Warehouse): Promise<ReadonlySet<string>> {
  return db.cache.get('built-rollups', async () => {
    const rows = await db.all<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = $1`, [
      rollupSchema,
    ]);
    return new Set(rows.map((r) => r.name));
  });
}
