import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readMetricSeries } from '../../../warehouse/queries/metric-series.ts';
import { fixtureWarehouse } from '../../helpers/fixture-warehouse.ts';
import { runRefresh } from '../../../warehouse/refresh/run-refresh.ts';

// Expected figures are worked out by hand in test/fixtures/README.md.
describe('resolution_rate on the hand-checked fixture', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await fixtureWarehouse();
  });
  afterAll(() => db.close());

  const pick = (rows: Record<string, unknown>[]) =>
    rows.map(({ period, region, numerator, denominator }) => ({ period, region, numerator, denominator }));

  it('by quarter and region', async () => {
    const s = await readMetricSeries(db, { metric: 'resolution_rate', grain: 'quarter', by: ['region'] });
    expect(pick(s.rows)).toEqual([
      { period: '2025-Q3', region: '华东', numerator: 2, denominator: 3 },
      { period: '2025-Q3', region: '华北', numerator: 2, denominator: 3 },
      { period: '2025-Q4', region: '华南', numerator: 1, denominator: 2 },
    ]);
    expect(s.rows[0].value).toBeCloseTo(2 / 3, 12);
  });

  it('a quarter is the sum of its months, not an average of monthly rates', async () => {
    const months = await readMetricSeries(db, { metric: 'resolution_rate', grain: 'month' });
    expect(months.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2025-07', 2, 2],
      ['2025-08', 0, 1],
      ['2025-09', 2, 3],
      ['2025-10', 1, 2],
    ]);
    const q3 = await readMetricSeries(db, { metric: 'resolution_rate', grain: 'quarter', to: '2025-09-30' });
    expect(q3.rows).toEqual([{ period: '2025-Q3', numerator: 4, denominator: 6, value: 4 / 6 }]);
    // The mean of the monthly rates would be (1 + 0 + 2/3) / 3 = 0.556, not 0.667.
  });

  it('periods follow the configured time zone: 00:30 on 1 October Beijing time is Q4', async () => {
    const s = await readMetricSeries(db, { metric: 'resolution_rate', grain: 'day', from: '2025-09-30', to: '2025-10-01' });
    expect(s.rows.map((r) => [r.period, r.denominator])).toEqual([
      ['2025-09-30', 2],
      ['2025-10-01', 1],
    ]);
  });

  it('grain all gives one row for the range; filters narrow it', async () => {
    const all = await readMetricSeries(db, { metric: 'resolution_rate', grain: 'all' });
    expect(all.rows).toEqual([{ period: 'all', numerator: 5, denominator: 8, value: 5 / 8 }]);
    const sev3 = await readMetricSeries(db, { metric: 'resolution_rate', grain: 'all', filters: { severity: ['3'] } });
    expect([sev3.rows[0].numerator, sev3.rows[0].denominator]).toEqual([2, 4]);
    const north = await readMetricSeries(db, { metric: 'resolution_rate', grain: 'year', filters: { region: ['华北', '华南'] } });
    expect(north.rows).toEqual([{ period: '2025', numerator: 3, denominator: 5, value: 3 / 5 }]);
  });

  it('cancelled tickets are not counted, in opened either', async () => {
    const s = await readMetricSeries(db, { metric: 'opened', grain: 'month', from: '2025-08-01', to: '2025-08-31' });
    expect(s.rows).toEqual([{ period: '2025-08', numerator: 1, denominator: null, value: 1 }]);
  });
});

describe('metric answers are cached until the next refresh', () => {
  it('a second read is served from the cache; a refresh shows new data', async () => {
    const db = await fixtureWarehouse();
    try {
      const q = { metric: 'resolution_rate' as const, grain: 'all' as const };
      expect((await readMetricSeries(db, q)).rows[0]).toMatchObject({ numerator: 5, denominator: 8 });
      // The answer, and the list of rollups the last refresh built (read once per refresh).
      expect(db.cache.size).toBe(2);
      await db.run(`update raw.tickets set resolved_at = opened_at + interval 1 hour, status = 'resolved' where ticket_id = 'T3'`);
      // Not refreshed yet: the marts, and so the figure, are unchanged.
      expect((await readMetricSeries(db, q)).rows[0]).toMatchObject({ numerator: 5, denominator: 8 });
      await runRefresh(db, 'test');
      expect(db.cache.size).toBe(0);
      expect((await readMetricSeries(db, q)).rows[0]).toMatchObject({ numerator: 6, denominator: 8 });
    } finally {
      await db.close();
    }
  });
});
