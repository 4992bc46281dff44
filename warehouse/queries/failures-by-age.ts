// failures_by_age: repair tickets by months in service per model, in vs out of warranty, and per model a
// Weibull fit on each unit's days in service at its first failure, where at least `minUnitsForFit` units allow.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { engineRows } from './engine-rows.ts';
import { filterConditions, type PeriodFilter } from './filter-conditions.ts';
import { dimensions } from './metric-dimensions.ts';
import { fitWeibull, type WeibullFit } from './weibull.ts';

export interface FailuresByAge {
  /** One row per model, month in service and warranty status. */
  rows: { product_model: string | null; months_in_service: number; warranty: 'warranty' | 'paid'; tickets: number }[];
  /** Per model; fit is null below minUnitsForFit first failures. */
  models: { product_model: string | null; units: number; median_days: number | null; fit: WeibullFit | null }[];
}

export const failuresByAgeDimensions = [...dimensions, 'fault_code', 'warranty'] as const;
export const minUnitsForFit = 10;

export function readFailuresByAge(db: Warehouse, q: PeriodFilter): Promise<FailuresByAge> {
  return db.cache.get(`failures-by-age:${JSON.stringify(q)}`, async () => {
    const where = filterConditions(q, failuresByAgeDimensions, 'failures_by_age');
    const [rows, firsts] = await Promise.all([
      engineRows(
        db,
        sql<FailuresByAge['rows'][number]>`
        select product_model, months_in_service, warranty, count(*)::integer as tickets
        from metrics.failures_by_age where ${where}
        group by all order by product_model nulls last, months_in_service, warranty`,
        ['metrics.failures_by_age'],
      ),
      // Ages of 0 days (failed on the day of installation) count as half a day: the fit needs t > 0. Units that
      // failed at the same age are one age and its count (whole days: a tenth of the units at 5 M tickets).
      engineRows(
        db,
        sql<{ product_model: string | null; ages: number[]; counts: number[] }>`
        select product_model, list(age order by age) as ages, list(units order by age) as counts
        from (
          select product_model, greatest(age_days, 0.5)::double as age, count(*)::integer as units
          from metrics.failures_by_age where is_first_failure and ${where}
          group by all
        )
        group by product_model order by product_model nulls last`,
        ['metrics.failures_by_age'],
      ),
    ]);
    const models = firsts.map((m) => {
      const units = m.counts.reduce((a, b) => a + b, 0);
      return {
        product_model: m.product_model,
        units,
        median_days: weightedMedian(m.ages, m.counts, units),
        fit: units >= minUnitsForFit ? fitWeibull(m.ages, m.counts) : null,
      };
    });
    return Object.freeze({ rows, models });
  });
}

/** The median of `total` units, `counts[i]` of them at `sorted[i]` (ascending). */
function weightedMedian(sorted: readonly number[], counts: readonly number[], total: number): number | null {
  if (total === 0) return null;
  // The values at the middle positions (one or two) of the units in order.
  const at = (position: number): number => {
    let seen = 0;
    for (let i = 0; i < sorted.length; i++) {
      seen += counts[i];
      if (position < seen) return sorted[i];
    }
    return sorted[sorted.length - 1];
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}
