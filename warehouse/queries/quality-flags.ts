// quality_flags: the problems that occur too often or have major impact (seed 000, art. 11), for one quarter:
// the rule, its thresholds (settings) and each flag's strength live in warehouse/metrics/quality_flags.sql;
// this reads a quarter's flags, strongest first, with the facts their reasons are worded from where they are shown
// (presentation/i18n/quality-flag-words.ts). The 99 % limit is per
// pair: with ~160 (model, fault) pairs a quarter, about 1 % of them cross it by chance, just above the limit; a
// real problem stands far above it (the generator's planted spike: 4× its limit).
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { parseQuarterKey } from '../../contract/period/quarters.ts';
import { builtRollups, rollupSchema } from './metric-rollups.ts';

export interface QualityFlag {
  quarter: string;
  product_line: string | null;
  product_model: string | null;
  fault_code: string | null;
  count: number;
  /** What the baseline's earlier quarters were scaled by: the model's units in service (unit-days) when the
   *  installed base is loaded for it, else the product line's ticket volume. */
  exposure_basis: 'units' | 'tickets';
  baseline: number | null;
  limit: number | null;
  severity1: number;
  /** The quarter's severity-1 tickets ÷ its counted tickets. */
  overall_severity1_share: number | null;
  /** Upper Poisson limit of the pair's tickets × the quarter's severity-1 share (when it has enough severity-1 tickets). */
  severity1_limit: number | null;
  verified_complaints: number;
  repeats: number;
  repeat_rate: number | null;
  overall_repeat_rate: number | null;
  /** Upper Poisson limit of the pair's tickets with a serial number × the quarter's repeat rate (when checked). */
  repeats_limit: number | null;
  too_often: boolean;
  /** Earlier quarters the baseline was formed from (0–4). */
  history_quarters: number;
  /** A too-often flag from fewer than four quarters of history. */
  short_history: boolean;
  /** The largest of its reasons' observed ÷ the line it crossed (≥ 1): one scale for every flag, strongest first. */
  strength: number;
  major_impact: boolean;
  /** The same (model, fault) was flagged in the quarter before too; otherwise it is new. */
  recurring: boolean;
  /** Which major-impact reasons hold. */
  severity1_high: boolean;
  complaints_high: boolean;
  repeat_high: boolean;
  /** The pair's tickets with a serial number (the repeat rate's denominator). */
  with_serial: number;
  /** The Poisson limits' confidence (flagConfidence, 0.99). */
  confidence: number;
}

export async function readQualityFlags(db: Warehouse, quarter: string, filters: { region?: string[] } = {}): Promise<QualityFlag[]> {
  return db.cache.get(`quality-flags:${quarter}:${JSON.stringify(filters)}`, () => readFlags(db, quarter, filters));
}

async function readFlags(db: Warehouse, quarter: string, filters: { region?: string[] }): Promise<QualityFlag[]> {
  const q = parseQuarterKey(quarter);
  const region = filters.region?.length === 1 ? filters.region[0] : filters.region?.length ? undefined : '';
  const order = sql`order by strength desc, count desc, product_model, fault_code`;
  if (region !== undefined && (await storedFlagSets(db)).has(`${q.key}|${region}`))
    return (
      await sql<QualityFlag & { region_key?: string }>`
        select * exclude (region_key) from ${sql.table(storedFlagsTable)} where quarter = ${q.key} and region_key = ${region} ${order}`.execute(
        db.kysely,
      )
    ).rows;
  const regions = filters.region?.length ? sql`[${sql.join(filters.region)}]::varchar[]` : sql`null::varchar[]`;
  return (await sql<QualityFlag>`select * from metrics.quality_flags(${q.key}, ${regions}) ${order}`.execute(db.kysely)).rows;
}

/**
 * The stored flags: the macro's rows for every quarter with tickets, over all regions (region_key '') and over each
 * region alone, made by each refresh (storeFlagsSql): a quality page reads them instead of running the macro (its
 * Poisson limits: 0.15–0.8 CPU-s a quarter at 5 M). Several regions at once run the macro.
 */
export const storedFlagsTable = `${rollupSchema}.quality_flags`;

/** The refresh's statements: the quarters with tickets and the regions, then each set's flags stored. */
export const flagSetsSql = `select q, r from (select distinct year(opened_date)::varchar || '-Q' || quarter(opened_date)::varchar as q from marts.tickets)
  cross join (select '' as r union all select distinct region from marts.tickets where region is not null) order by q, r`;
export function storeFlagsSql(first: boolean): string {
  // $1 the quarter ('2025-Q3'), $2 the regions (null: all), $3 the region's key ('' for all): bound, never written in.
  const flags = `select *, $3::varchar as region_key from metrics.quality_flags($1, $2::varchar[])`;
  return first ? `create table ${storedFlagsTable} as ${flags}` : `insert into ${storedFlagsTable} ${flags}`;
}

/** The (quarter, region_key) sets whose flags are stored; cached till the next refresh. */
function storedFlagSets(db: Warehouse): Promise<ReadonlySet<string>> {
  return db.cache.get('stored-flag-sets', async () => {
    if (!(await builtRollups(db)).has('quality_flags')) return new Set<string>();
    const rows = await db.all<{ k: string }>(`select distinct quarter || '|' || region_key as k from ${storedFlagsTable}`);
    return new Set(rows.map((r) => r.k));
  });
}
