// The rows behind one part of a figure, read from the metric's own view: the tickets (or complaints) behind part
// P of metric M are `select ticket_id from metrics.M where P > 0` under the figure's period and filters, so a
// drill-down lists exactly what its figure counts. The ticket, complaint and cadence-due lists share it.
import { sql, type RawBuilder } from 'kysely';
import { metricCatalog, type MetricDefinition, type MetricKey } from '../../contract/metrics/catalog.ts';

/** The parts of a figure a drill-down can list. */
export type DrillPart = 'numerator' | 'denominator' | 'missed';

/**
 * `key in (select key from metrics.<metric> where <column> > 0 and …)`. The metric and the column are ours (from a
 * fixed list, never the user's); the period is on the view's `day`, each filter a column of the view (a list is any
 * of its values; undefined or empty is no condition) and every value is bound. A default filter of the metric
 * (the strict repeat mode) applies as it does to the figure.
 */
export function partRows(
  metric: MetricKey,
  column: string,
  o: { from?: string; to?: string; filters: [string, unknown][] },
  key: 'ticket_id' | 'complaint_id' | 'due_id',
): RawBuilder<unknown> {
  const c: RawBuilder<unknown>[] = [sql`${sql.ref(column)} > 0`];
  if (o.from) c.push(sql`day >= ${o.from}::date`);
  if (o.to) c.push(sql`day <= ${o.to}::date`);
  const defaults = Object.entries((metricCatalog[metric] as MetricDefinition).defaultFilters ?? {}).filter(
    ([d]) => !o.filters.some(([f, v]) => f === d && v !== undefined),
  );
  for (const [col, v] of [...defaults, ...o.filters] as [string, unknown][]) {
    if (v === undefined || (Array.isArray(v) && !v.length)) continue;
    c.push(Array.isArray(v) ? sql`${sql.ref(col)} in (${sql.join(v)})` : sql`${sql.ref(col)} = ${v}`);
  }
  return sql`${sql.ref(key)} in (select ${sql.ref(key)} from ${sql.table(`metrics.${metric}`)} where ${sql.join(c, sql` and `)})`;
}
