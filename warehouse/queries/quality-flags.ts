// quality_flags: the problems that occur too often or have major impact (seed 000, art. 11), for one quarter:
// the rule, its thresholds (settings) and each flag's strength live in warehouse/metrics/quality_flags.sql;
// this reads a quarter's flags, strongest first, with the facts their reasons are worded from where they are shown
// (presentation/i18n/quality-flag-words.ts). The 99 % limit is per
// pair: with ~160 (model, fault) pairs a quarter, about 1 % of them cross it by chance, just above the limit; a
// real problem stands far above it (the generator's planted spike: 4× its limit).
import { sql } from 'kysely';
import type { SqlRunner, Warehouse } from '../db/open-warehouse.ts';
import { parseQuarterKey } from '../../contract/period/quarters.ts';
import { listValue } from '@duckdb/node-api';
import { periodOf, quarterKeysFromTo } from '../../contract/period/period.ts';
import { rollupSchema, storedKeys } from './metric-rollups.ts';

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
  if (region !== undefined && (await storedKeys(db, flagSetsTable, `quarter || '|' || region_key`)).has(`${q.key}|${region}`))
    return (
      await sql<QualityFlag>`
        select * exclude (region_key) from ${sql.table(`${rollupSchema}.quality_flags`)} where quarter = ${q.key} and region_key = ${region} ${order}`.execute(
        db.kysely,
      )
    ).rows;
  const regions = filters.region?.length ? sql`[${sql.join(filters.region)}]::varchar[]` : sql`null::varchar[]`;
  return (await sql<QualityFlag>`select * from metrics.quality_flags(${q.key}, ${regions}) ${order}`.execute(db.kysely)).rows;
}

/** The stored flags' table and the table of the sets stored (a set may have no flags), in the rollup schema. */
export const storedFlagsTables = ['quality_flags', 'quality_flag_sets'] as const;
const flagSetsTable = storedFlagsTables[1];

/**
 * Stores the macro's rows for every quarter from the first ticket's to the last's, over all regions (region_key '')
 * and over each region alone, and which sets were stored (rollups.quality_flag_sets): a quality page reads them
 * instead of running the macro (its Poisson limits: 0.15–0.8 CPU-s a quarter at 5 M; 48 sets, 9.5 s of the 5 M
 * refresh). Several regions at once run the macro. Run by the refresh, after the macro is made and the last
 * refresh's tables (storedFlagsTables) are dropped.
 */
export async function storeQualityFlags(conn: SqlRunner): Promise<void> {
  const [span] = (await (
    await conn.run(
      `select strftime(min(opened_date), '%Y-%m-%d') as first, strftime(max(opened_date), '%Y-%m-%d') as last from marts.tickets`,
    )
  ).getRowObjectsJS()) as { first: string | null; last: string | null }[];
  if (!span.first || !span.last) return;
  const regions = (
    await (await conn.run(`select distinct region from marts.tickets where region is not null order by 1`)).getRowObjectsJS()
  ).map((r) => String(r.region));
  const quarters = quarterKeysFromTo(periodOf('quarter', span.first).key, periodOf('quarter', span.last).key);
  await conn.run(`create table ${rollupSchema}.${flagSetsTable} (quarter varchar, region_key varchar)`);
  let first = true;
  for (const quarter of quarters)
    for (const region of ['', ...regions]) {
      // The quarter, the regions (null: all) and the set's key are bound, never written into the SQL.
      const flags = `select *, $3::varchar as region_key from metrics.quality_flags($1, $2::varchar[])`;
      await conn.run(
        first ? `create table ${rollupSchema}.quality_flags as ${flags}` : `insert into ${rollupSchema}.quality_flags ${flags}`,
        [quarter, region === '' ? null : listValue([region]), region],
      );
      await conn.run(`insert into ${rollupSchema}.${flagSetsTable} values ($1, $2)`, [quarter, region]);
      first = false;
    }
}
