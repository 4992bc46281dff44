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
      // Ages of 0 days (failed on the day of installation) count as half a day: the fit needs t > 0.
      engineRows(
        db,
        sql<{ product_model: string | null; ages: number[] }>`
        select product_model, list(greatest(age_days, 0.5)::double order by age_days) as ages
        from metrics.failures_by_age where is_first_failure and ${where}
        group by product_model order by product_model nulls last`,
        ['metrics.failures_by_age'],
      ),
    ]);
    const models = firsts.map((m) => ({
      product_model: m.product_model,
      units: m.ages.length,
      median_days: median(m.ages),
      fit: m.ages.length >= minUnitsForFit ? fitWeibull(m.ages) : null,
    }));
    return Object.freeze({ rows, models });
  });
}

function median(sorted: number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
