// The backlog read as a series (metric-series.ts): at the end of every period, split by any dimension, the
// groups add up to the total, including groups that were quiet in a period and periods without any activity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readMetricSeries, type MetricRow } from '../../../warehouse/queries/metric-series.ts';
import { dimensions } from '../../../warehouse/queries/metric-dimensions.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

// Q2 2025 (April–June) is quiet: nothing opened, nothing resolved; B1 stays open through it.
const tickets = [
  'ticket_id,opened_at,status,channel,service_type,region,product_line,product_model,severity,technician_id,resolved_at',
  'B1,2025-01-10 09:00,open,phone,repair,华东,空调,X1,1,E1,',
  'B2,2025-01-20 09:00,resolved,web,repair,华北,冰箱,Y1,2,E2,2025-03-05 10:00',
  'B3,2025-02-03 09:00,closed,phone,install,华东,空调,X1,3,E2,2025-02-04 10:00',
  'B4,2025-07-15 09:00,in_progress,wechat,repair,华南,冰箱,Y1,3,E1,',
  'B5,2025-07-16 09:00,cancelled,phone,repair,华南,冰箱,Y1,1,E1,',
  // Unclassified, no technician, no channel: the empty group must carry its ticket too.
  'B6,2025-07-20 09:00,resolved,,,华南,冰箱,Y1,,,2025-08-01 10:00',
];

/** The split's sum in each of the total's periods (a group with nothing open is absent: 0), and no other period. */
const sumOver = (total: readonly MetricRow[], split: readonly MetricRow[]) => {
  const m = new Map<string, number>(total.map((r) => [r.period, 0]));
  for (const r of split) m.set(r.period, (m.get(r.period) ?? Number.NaN) + (r.value as number));
  return [...m.entries()];
};
const pairs = (rows: readonly MetricRow[]) => rows.map((r) => [r.period, r.value]);

describe('backlog series', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await warehouseWithRows({ tickets });
  });
  afterAll(async () => {
    await db.close();
  });

  it('is written for every period, including periods with no activity', async () => {
    // End of Jan: B1, B2. Feb: B1, B2 (B3 came and went). Mar: B1 (B2 resolved 5 Mar). Apr–Jun: B1, nothing
    // happening. Jul: B1, B4, B6 (B5 cancelled, not counted). Aug (to the last day with a ticket, 1 Aug): B1, B4.
    const months = await readMetricSeries(db, { metric: 'backlog', grain: 'month' });
    expect(months.rows.map((r) => [r.period, r.value])).toEqual([
      ['2025-01', 2],
      ['2025-02', 2],
      ['2025-03', 1],
      ['2025-04', 1],
      ['2025-05', 1],
      ['2025-06', 1],
      ['2025-07', 3],
      ['2025-08', 2],
    ]);
    const quarters = await readMetricSeries(db, { metric: 'backlog', grain: 'quarter' });
    expect(quarters.rows.map((r) => [r.period, r.value])).toEqual([
      ['2025-Q1', 1],
      ['2025-Q2', 1],
      ['2025-Q3', 2],
    ]);
    // Every day from the first ticket (10 Jan) to the last change (1 Aug): 22 + 28 + 31 + 30 + 31 + 30 + 31 + 1.
    const days = await readMetricSeries(db, { metric: 'backlog', grain: 'day' });
    expect(days.rows.length).toBe(204);
    expect(days.rows.find((r) => r.period === '2025-05-17')?.value).toBe(1);
  });

  it('by severity, the quiet quarter keeps the severity-1 ticket carried over', async () => {
    const s = await readMetricSeries(db, { metric: 'backlog', grain: 'quarter', by: ['severity'] });
    // Levels with nothing open at the quarter's end are absent (0).
    expect(s.rows.map((r) => [r.period, r.severity, r.value])).toEqual([
      ['2025-Q1', 1, 1],
      ['2025-Q2', 1, 1],
      // B1 (level 1) and B4 (level 3); B6 (unclassified) resolved on 1 Aug.
      ['2025-Q3', 1, 1],
      ['2025-Q3', 3, 1],
    ]);
  });

  it('Backlog by every dimension adds up to the total backlog in every period, including periods with no activity', async () => {
    for (const grain of ['day', 'month', 'quarter'] as const) {
      const total = (await readMetricSeries(db, { metric: 'backlog', grain })).rows;
      for (const d of dimensions) {
        const split = await readMetricSeries(db, { metric: 'backlog', grain, by: [d] });
        expect(sumOver(total, split.rows), `${grain} by ${d}`).toEqual(pairs(total));
      }
      // Two dimensions at once, and a window that starts inside the quiet quarter.
      const within = { from: '2025-05-01', to: '2025-07-31' };
      const windowTotal = (await readMetricSeries(db, { metric: 'backlog', grain, ...within })).rows;
      const pair = await readMetricSeries(db, { metric: 'backlog', grain, by: ['region', 'technician_id'], ...within });
      expect(sumOver(windowTotal, pair.rows), `${grain} by region and technician`).toEqual(pairs(windowTotal));
    }
    const window = await readMetricSeries(db, { metric: 'backlog', grain: 'month', from: '2025-05-01', to: '2025-07-31' });
    expect(window.rows.map((r) => [r.period, r.value])).toEqual([
      ['2025-05', 1],
      ['2025-06', 1],
      ['2025-07', 3],
    ]);
  });
});
