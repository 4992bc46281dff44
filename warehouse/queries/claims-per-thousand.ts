// claims_per_thousand: the MIS ("Nevada") table — per production month or batch (the cohort) and month in
// service, the units at risk, the claims and claims per 1,000 units at risk, read from the metric's own view
// (marts/claim_cells.sql holds the rules) for any region, product line or model.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { engineRows } from './engine-rows.ts';
import { filterConditions, type PeriodFilter } from './filter-conditions.ts';
import { FilterError } from '../../contract/period/filter-error.ts';

export const claimsPerThousandDimensions = ['region', 'product_line', 'product_model'] as const;
export const misCohorts = ['production_month', 'production_batch'] as const;
export type MisCohort = (typeof misCohorts)[number];
/** Months in service shown unless asked otherwise, and the most that may be asked. */
export const defaultMisMonths = 24;
export const maxMisMonths = 120;

export interface MisCell {
  /** The production month ('YYYY-MM') or batch; null when the units do not say. */
  cohort: string | null;
  months_in_service: number;
  units_at_risk: number;
  claims: number;
  /** 1,000 × claims ÷ units at risk. */
  claims_per_thousand: number;
}

export interface ClaimsPerThousand {
  by: MisCohort;
  /** The months in service read (1 … months). */
  months: number;
  /** Units in the installed base (loaded), and those with a lifetime (installed, consistent): 0 = nothing to read. */
  units_loaded: number;
  units_installed: number;
  rows: MisCell[];
}

export function readClaimsPerThousand(db: Warehouse, q: PeriodFilter & { by?: string; months?: number }): Promise<ClaimsPerThousand> {
  return db.cache.get(`claims-per-thousand:${JSON.stringify(q)}`, async () => {
    const by = (q.by ?? 'production_month') as MisCohort;
    if (!misCohorts.includes(by)) throw new FilterError(`claims_per_thousand is by ${misCohorts.join(' or ')}, not "${q.by}"`);
    const months = q.months ?? defaultMisMonths;
    if (!Number.isInteger(months) || months < 1 || months > maxMisMonths)
      throw new FilterError(`claims_per_thousand reads 1 to ${maxMisMonths} months in service, not ${months}`);
    const where = filterConditions(q, claimsPerThousandDimensions, 'claims_per_thousand');
    const cohort = by === 'production_month' ? sql`strftime(production_month, '%Y-%m')` : sql`production_batch`;
    const [rows, counts] = await Promise.all([
      engineRows(
        db,
        sql<MisCell>`
        select ${cohort} as cohort, months_in_service, sum(denominator)::integer as units_at_risk, sum(numerator)::integer as claims,
               -- As a double: Trino divides a decimal (1000.0) as a decimal, rounded to its scale.
               1000 * sum(numerator)::double / sum(denominator) as claims_per_thousand
        from metrics.claims_per_thousand
        where ${where} and months_in_service <= ${months}
        group by all having sum(denominator) > 0
        order by cohort nulls last, months_in_service`,
        ['metrics.claims_per_thousand'],
      ),
      engineRows(
        db,
        sql<{ loaded: number; installed: number }>`
        select (select count(*) from staging.stg_units)::integer as loaded,
               (select count(*) from marts.unit_lifetimes)::integer as installed`,
        ['staging.stg_units', 'marts.unit_lifetimes'],
      ),
    ]);
    return Object.freeze({ by, months, units_loaded: counts[0].loaded, units_installed: counts[0].installed, rows });
  });
}

/** The models with the most units in the installed base (with a lifetime), most first, in the given regions. */
export async function readTopUnitModels(db: Warehouse, o: { regions?: readonly string[]; limit: number }): Promise<string[]> {
  const region = o.regions?.length ? sql`region in (${sql.join([...o.regions])})` : sql`true`;
  const r = await sql<{ product_model: string }>`
    select product_model from marts.unit_lifetimes
    where product_model is not null and ${region}
    group by product_model order by count(*) desc, product_model limit ${o.limit}`.execute(db.kysely);
  return r.rows.map((x) => x.product_model);
}
