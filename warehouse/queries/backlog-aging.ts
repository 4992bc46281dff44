// The backlog on a day, aged: counted tickets opened by the end of that day and not resolved by then, in age
// buckets 0–1 d, 1–3 d, 3–7 d, 7–30 d, > 30 d (metrics.md, Volume and backlog). The chart reads the last month's
// tickets and those open longer (marts.long_open_tickets); the drill-down of a bucket reads them all.
import { sql, type RawBuilder } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { dimensions, type Dimension } from './metric-dimensions.ts';
import { FilterError } from '../../contract/period/filter-error.ts';

export const ageBuckets = ['0-1d', '1-3d', '3-7d', '7-30d', '>30d'] as const;
export type AgeBucket = (typeof ageBuckets)[number];

/** The end of a day (the backlog is counted then), as a bound timestamp. */
export const endOfDay = (day: string): RawBuilder<unknown> => sql`(${day}::date + 1)::timestamptz`;

/** The age bucket of a ticket still open at `end`; the ticket list uses the same expression for a bucket's tickets. */
export const ageBucketAt = (end: RawBuilder<unknown>): RawBuilder<AgeBucket> => sql<AgeBucket>`
  case when date_diff('second', opened_at, ${end}) <= 86400 then '0-1d'
       when date_diff('second', opened_at, ${end}) <= 3 * 86400 then '1-3d'
       when date_diff('second', opened_at, ${end}) <= 7 * 86400 then '3-7d'
       when date_diff('second', opened_at, ${end}) <= 30 * 86400 then '7-30d'
       else '>30d' end`;

/** Counted tickets opened by `end` and not resolved by then. */
export const openAt = (end: RawBuilder<unknown>): RawBuilder<boolean> =>
  sql<boolean>`is_counted and opened_at < ${end} and (resolved_at is null or resolved_at >= ${end})`;

export interface BacklogAgingRow {
  bucket: (typeof ageBuckets)[number];
  tickets: number;
}

export async function readBacklogAging(
  db: Warehouse,
  asOf: string,
  filters: Partial<Record<Dimension, string[]>> = {},
): Promise<{ asOf: string; rows: BacklogAgingRow[] }> {
  const end = endOfDay(asOf);
  const conditions: RawBuilder<unknown>[] = [];
  for (const [dim, values] of Object.entries(filters)) {
    if (!(dimensions as readonly string[]).includes(dim)) throw new FilterError(`the backlog cannot be filtered by "${dim}"`);
    if (values?.length) conditions.push(sql`${sql.ref(dim)} in (${sql.join(values)})`);
  }
  const result = await sql<{ bucket: string; tickets: number }>`
    select ${ageBucketAt(end)} as bucket, count(*)::integer as tickets
    from (${openTicketsAt(end, conditions)}) group by 1`.execute(db.kysely);
  const counts = new Map(result.rows.map((r) => [r.bucket, r.tickets]));
  return { asOf, rows: ageBuckets.map((bucket) => ({ bucket, tickets: counts.get(bucket) ?? 0 })) };
}

/**
 * The opened_at of the counted tickets open at `end` that meet the conditions: those opened in the 30 days before
 * (the mart's row groups of that month only), and those opened earlier, which were open for 30 days or more and so
 * are among marts.long_open_tickets (its 30 days are 2,592,000 s too).
 */
function openTicketsAt(end: RawBuilder<unknown>, conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  const filtered = sql.join([sql`true`, ...conditions], sql` and `);
  const monthBefore = sql`${end} - to_seconds(2592000)`;
  return sql`
    select opened_at from marts.tickets where ${openAt(end)} and opened_at >= ${monthBefore} and ${filtered}
    union all
    select opened_at from marts.long_open_tickets
    where opened_at < ${monthBefore} and (resolved_at is null or resolved_at >= ${end}) and ${filtered}`;
}

/** Counted tickets still open at `at` and opened more than `days` days before it (an alert's backlog condition). */
export async function countOpenOlderThan(db: Warehouse, at: Date, days: number, filters: { region?: string[] } = {}): Promise<number> {
  const end = sql`${at.toISOString()}::timestamptz`;
  const region = filters.region?.length ? [sql`region in (${sql.join(filters.region)})`] : [];
  const r = await sql<{ n: number }>`
    select count(*)::integer as n from (${openTicketsAt(end, region)})
    where date_diff('second', opened_at, ${end}) > ${days * 86400}`.execute(db.kysely);
  return r.rows[0]?.n ?? 0;
}
