// The backlog on a day, aged: counted tickets opened by the end of that day and not resolved by then, in age
// buckets 0–1 d, 1–3 d, 3–7 d, 7–30 d, > 30 d (metrics.md, Volume and backlog).
import { sql, type RawBuilder } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { dimensions, type Dimension } from './metric-dimensions.ts';

export const ageBuckets = ['0-1d', '1-3d', '3-7d', '7-30d', '>30d'] as const;

export interface BacklogAgingRow {
  bucket: (typeof ageBuckets)[number];
  tickets: number;
}

export async function readBacklogAging(db: Warehouse, asOf: string, filters: Partial<Record<Dimension, string[]>> = {}): Promise<{ asOf: string; rows: BacklogAgingRow[] }> {
  const end = sql`(${asOf}::date + 1)::timestamptz`;
  const conditions: RawBuilder<unknown>[] = [sql`is_counted`, sql`opened_at < ${end}`, sql`(resolved_at is null or resolved_at >= ${end})`];
  for (const [dim, values] of Object.entries(filters)) {
    if (!(dimensions as readonly string[]).includes(dim)) throw new Error(`the backlog cannot be filtered by "${dim}"`);
    if (values?.length) conditions.push(sql`${sql.ref(dim)} in (${sql.join(values)})`);
  }
  const result = await sql<{ bucket: string; tickets: number }>`
    with open as (
      select date_diff('second', opened_at, ${end}) / 86400.0 as age_days from marts.tickets where ${sql.join(conditions, sql` and `)}
    )
    select case when age_days <= 1 then '0-1d' when age_days <= 3 then '1-3d' when age_days <= 7 then '3-7d'
                when age_days <= 30 then '7-30d' else '>30d' end as bucket,
           count(*)::integer as tickets
    from open group by 1`.execute(db.kysely);
  const counts = new Map(result.rows.map((r) => [r.bucket, r.tickets]));
  return { asOf, rows: ageBuckets.map((bucket) => ({ bucket, tickets: counts.get(bucket) ?? 0 })) };
}
