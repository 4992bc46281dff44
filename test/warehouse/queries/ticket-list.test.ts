// Drill-downs of figures that are not plain ticket counts, on the hand-built service quarter: the backlog of one
// age bucket, and the tickets behind a cost bar (cost lines by type and by who pays); pages and their totals. The
// metrics whose rows are dated by their ticket's opened day (a drill-down of them reads only those tickets).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { listTickets, type TicketListQuery } from '../../../warehouse/queries/ticket-list.ts';
import { serviceQuarterWarehouse } from '../../helpers/fixture-warehouse.ts';
import { generatedWarehouse } from '../../helpers/generated-warehouse.ts';
import { metricCatalog, metricKeys, type MetricDefinition } from '../../../contract/metrics/catalog.ts';

describe('ticket list: backlog buckets and cost bars', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
  });
  afterAll(async () => {
    await db?.close();
  });
  const ids = async (q: Omit<TicketListQuery, 'limit' | 'offset'>) =>
    (await listTickets(db, { ...q, limit: 100, offset: 0 })).rows.map((r) => r.ticket_id).sort();

  it('the backlog of 30 Sep 2025, bucket by bucket', async () => {
    // Ages at the end of 30 Sep: M34 3 h, M36 5.6 d, M30 51.6 d (the same three the aging chart counts).
    expect(await ids({ openOn: '2025-09-30' })).toEqual(['M30', 'M34', 'M36']);
    expect(await ids({ openOn: '2025-09-30', openAge: '0-1d' })).toEqual(['M34']);
    expect(await ids({ openOn: '2025-09-30', openAge: '3-7d' })).toEqual(['M36']);
    expect(await ids({ openOn: '2025-09-30', openAge: '>30d' })).toEqual(['M30']);
    expect(await ids({ openOn: '2025-09-30', openAge: '1-3d' })).toEqual([]);
    await expect(ids({ openAge: '0-1d' })).rejects.toThrow(/open_age needs open_on/);
  });

  it('the tickets behind a cost bar', async () => {
    // Labour on R1 (M01) and R2/R3 (M21); parts P1 on M01 (warranty) and P2 on M31 (paid); paid = M21's
    // labour and travel (out of warranty) and P2.
    expect(await ids({ metric: 'cost', costType: ['labour'] })).toEqual(['M01', 'M21']);
    expect(await ids({ metric: 'cost', costType: ['parts'] })).toEqual(['M01', 'M31']);
    expect(await ids({ metric: 'cost', warranty: 'paid' })).toEqual(['M21', 'M31']);
    expect(await ids({ metric: 'cost', costType: ['parts'], warranty: 'warranty' })).toEqual(['M01']);
    await expect(ids({ costType: ['parts'] })).rejects.toThrow(/metric=failures_by_age or metric=cost/);
  });

  it('pages of a drill-down: in order, the total on every page, a page past the end empty with its total', async () => {
    // July 2025: M01…M20 opened one a day at 09:00, all counted; newest first.
    const q = { metric: 'opened', from: '2025-07-01', to: '2025-07-31', sort: 'opened_at', order: 'desc' } as const;
    const page = (offset: number) => listTickets(db, { ...q, limit: 8, offset });
    const first = await page(0);
    expect(first.total).toBe(20);
    expect(first.rows.map((r) => r.ticket_id)).toEqual(['M20', 'M19', 'M18', 'M17', 'M16', 'M15', 'M14', 'M13']);
    const last = await page(16);
    expect(last.total).toBe(20);
    expect(last.rows.map((r) => r.ticket_id)).toEqual(['M04', 'M03', 'M02', 'M01']);
    expect(Object.keys(last.rows[0])).not.toContain('row_number_in_mart');
    expect(await page(40)).toEqual({ total: 20, rows: [] });
    const oldestFirst = await listTickets(db, { ...q, order: 'asc', limit: 3, offset: 1 });
    expect(oldestFirst.rows.map((r) => r.ticket_id)).toEqual(['M02', 'M03', 'M04']);
  });
});

describe("metrics dated by their ticket's opened day", () => {
  it('every row of each such view is dated the day its ticket was opened, so a drill-down reads only those tickets', async () => {
    const { db } = await generatedWarehouse({ tickets: 3000, seed: 22 });
    try {
      const dated = metricKeys.filter((k) => (metricCatalog[k] as MetricDefinition).openedDay);
      expect(dated.length).toBeGreaterThan(10);
      for (const m of dated) {
        const [r] = await db.all<{ rows: number; other: number }>(
          `select count(*)::integer as rows, (count(*) filter (where m.day is distinct from t.opened_date))::integer as other
           from metrics.${m} m join marts.tickets t using (ticket_id)`,
        );
        expect(r.rows, m).toBeGreaterThan(0);
        expect(r.other, m).toBe(0);
      }
    } finally {
      await db.close();
    }
  }, 120_000);
});
