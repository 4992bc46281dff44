// The aged backlog (backlog-aging.ts) reads the last 30 days' tickets and marts.long_open_tickets: on a generated
// data set it counts what the definition counts over every ticket (counted, opened by the end of the day, not
// resolved by then, aged in seconds), on many days and with filters; so does an alert's count of tickets open
// longer than N days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { countOpenOlderThan, readBacklogAging } from '../../../warehouse/queries/backlog-aging.ts';
import { generatedWarehouse } from '../../helpers/generated-warehouse.ts';
import { runRefresh } from '../../../warehouse/refresh/run-refresh.ts';

/** The definition over every ticket, written out: bucket → tickets. */
async function defined(db: Warehouse, day: string, region?: string): Promise<Record<string, number>> {
  const rows = await db.all<{ bucket: string; n: number }>(
    `with t as (
       select date_diff('second', opened_at, ($1::date + 1)::timestamptz) as age from marts.tickets
       where is_counted and opened_at < ($1::date + 1)::timestamptz
         and (resolved_at is null or resolved_at >= ($1::date + 1)::timestamptz) and ($2::varchar is null or region = $2)
     )
     select case when age <= 86400 then '0-1d' when age <= 259200 then '1-3d' when age <= 604800 then '3-7d'
                 when age <= 2592000 then '7-30d' else '>30d' end as bucket, count(*)::integer as n
     from t group by 1`,
    [day, region ?? null],
  );
  return Object.fromEntries(rows.map((r) => [r.bucket, r.n]));
}

describe('backlog aging', () => {
  let db: Warehouse;
  let days: string[];
  let region: string;
  beforeAll(async () => {
    ({ db } = await generatedWarehouse({ tickets: 3000, seed: 22 }));
    // Generated tickets are resolved within days: 40 of them resolved 30 days less a second, 30 days, 30 days and a
    // second, 35 and 45 days after they were opened, and the days around those ends added to the days asked.
    await db.run(
      `update raw.tickets r set resolved_at = r.opened_at + to_seconds(c.s), closed_at = r.opened_at + to_seconds(c.s + 3600)
       from (select ticket_id, [2591999, 2592000, 2592001, 3024000, 3888000][(row_number() over (order by hash(ticket_id)) - 1) % 5 + 1] as s
             from raw.tickets where resolved_at is not null order by hash(ticket_id) limit 40) c
       where r.ticket_id = c.ticket_id`,
    );
    expect((await runRefresh(db, 'test')).status).toBe('ok');
    const ends = await db.all<{ d: string }>(
      `select distinct strftime(opened_at::date + k, '%Y-%m-%d') as d from marts.long_open_tickets, unnest([29, 30, 31, 34, 35, 36, 44, 45, 46]) as u(k)
       where resolved_at is not null`,
    );
    expect(ends.length).toBeGreaterThan(50);
    days = (
      await db.all<{ d: string }>(
        `select strftime(d, '%Y-%m-%d') as d from (select unnest(generate_series(min(opened_date) - 1, max(opened_date) + 40, interval 9 day))::date as d from marts.tickets)`,
      )
    )
      .map((r) => r.d)
      .concat(ends.map((r) => r.d));
    [{ region }] = await db.all<{ region: string }>(`select region from marts.tickets group by 1 order by count(*) desc limit 1`);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it('counts what the definition counts over every ticket, on every ninth day, after the last and around 30 days open, all regions and one', async () => {
    let older = 0;
    for (const day of days)
      for (const r of [undefined, region]) {
        const want = await defined(db, day, r);
        const got = await readBacklogAging(db, day, r ? { region: [r] } : {});
        for (const row of got.rows) expect(row.tickets, `${day} ${r ?? ''} ${row.bucket}`).toBe(want[row.bucket] ?? 0);
        older += got.rows.find((x) => x.bucket === '>30d')!.tickets;
      }
    // Tickets open for more than 30 days were counted: the long-open list was read.
    expect(older).toBeGreaterThan(0);
  });

  it("an alert's open tickets older than N days: the definition's count at noon of those days, 3 and 30 days", async () => {
    for (const day of days)
      for (const n of [3, 30]) {
        const at = new Date(`${day}T04:00:00Z`);
        const [{ want }] = await db.all<{ want: number }>(
          `select count(*)::integer as want from marts.tickets
           where is_counted and opened_at < $1::timestamptz and (resolved_at is null or resolved_at >= $1::timestamptz)
             and date_diff('second', opened_at, $1::timestamptz) > $2`,
          [at.toISOString(), n * 86400],
        );
        expect(await countOpenOlderThan(db, at, n), `${day} ${n}`).toBe(want);
      }
  });
});
