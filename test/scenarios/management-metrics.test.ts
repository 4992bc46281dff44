// Every management metric on the hand-built fixture (test/fixtures/service-quarter), for 2025-Q3
// (1 July – 30 September 2025). The expected numbers are worked out by hand in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { readMetricSeries, type MetricQuery } from '../../warehouse/queries/metric-series.ts';
import { readBacklogAging } from '../../warehouse/queries/backlog-aging.ts';
import { serviceQuarterWarehouse } from '../helpers/fixture-warehouse.ts';

const Q3 = { from: '2025-07-01', to: '2025-09-30' };

describe('management metrics on the hand-built quarter', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
  });
  afterAll(() => db.close());

  const q3 = async (metric: MetricQuery['metric'], extra: Partial<MetricQuery> = {}) =>
    (await readMetricSeries(db, { metric, grain: 'all', ...Q3, ...extra })).rows;
  const one = async (metric: MetricQuery['metric'], extra: Partial<MetricQuery> = {}) => (await q3(metric, extra))[0];

  it('opened and resolution rate', async () => {
    // Opened in Q3: M01–M36 less the cancelled M32 = 35. Resolved: 20 (A) + 9 (M21–M29) + 4 (M31, M33–M35) = 33.
    expect(await one('opened')).toMatchObject({ numerator: 35, value: 35 });
    expect(await one('resolution_rate')).toMatchObject({ numerator: 33, denominator: 35 });
    expect((await q3('resolution_rate', { by: ['region'] })).map((r) => [r.region, r.numerator, r.denominator])).toEqual([
      ['华东', 20, 20],
      ['华北', 9, 10],
      ['华南', 4, 5],
    ]);
    // The quarter before: M37–M40, all resolved.
    expect(await one('resolution_rate', { from: '2025-04-01', to: '2025-06-30' })).toMatchObject({ numerator: 4, denominator: 4 });
  });

  it('response time: n, median, p90, mean over the tickets of the quarter', async () => {
    // 34 answered: A 0.1…2.0 h, B 10 × 0.25 h, M31 0.5, M34 12 (21:00 → 09:00), M33 25, M35 47 (Sat 10:00 → Mon 09:00).
    // Sorted, index 16 and 17 are 0.6 and 0.7: median 0.65; p90 at 29.7: 1.9 + 0.7 × 0.1 = 1.97;
    // mean (21 + 2.5 + 84.5) / 34 = 108 / 34.
    const r = await one('response_time');
    expect(r.n).toBe(34);
    expect(r.median).toBeCloseTo(0.65, 9);
    expect(r.p90).toBeCloseTo(1.97, 9);
    expect(r.mean).toBeCloseTo(108 / 34, 9);
  });

  it('arrival and resolution time', async () => {
    // Arrival: 5 × 3 h and 5 × 5 h: median 4, p90 at 8.1 -> 5, mean 4.
    expect(await one('arrival_time')).toMatchObject({ n: 10, median: 4, p90: 5, mean: 4 });
    // Resolution (elapsed, less pauses): 20 × 8, M31 24 − 10 = 14, 8 × 22, M34 37, M35 50, M29 72, M33 168.
    // Median (index 16) 8; p90 at 28.8: 22 + 0.8 × 15 = 34; mean 677 / 33.
    const r = await one('resolution_time');
    expect(r.n).toBe(33);
    expect(r.median).toBeCloseTo(8, 9);
    expect(r.p90).toBeCloseTo(34, 9);
    expect(r.mean).toBeCloseTo(677 / 33, 9);
    // In service hours: M34 is 1 + 13.5 + 1.5 = 16 (the holiday is a service day: service every day).
    const m34 = await db.all<{ h: number }>(`select resolution_business_hours as h from marts.tickets where ticket_id = 'M34'`);
    expect(m34[0].h).toBeCloseTo(16, 9);
  });

  it('SLA compliance by target and for level 1', async () => {
    // Response: applies to 35 (every counted ticket answered, or M36 open past 2 h); missed by M35 (26 service
    // hours) and M36 (never answered): 33 / 35. Arrival: 10 visits, 5 on time, and M36, a repair open and never
    // dispatched long past its 24 h target (a breach): 5 / 11. Resolution: 35 apply; missed by M29 (40.5 > 24),
    // M30 and M36 (open past target): 32 / 35.
    const byTarget = (await q3('sla_compliance', { by: ['sla_target'] })).map((r) => [r.sla_target, r.numerator, r.denominator]);
    expect(byTarget).toEqual([
      ['arrival', 5, 11],
      ['resolution', 32, 35],
      ['response', 33, 35],
    ]);
    expect(await one('sla_compliance')).toMatchObject({ numerator: 70, denominator: 81 });
    // Level 1 (M21–M30): response 10/10, arrival 5/10, resolution 8/10.
    expect(await one('sla_compliance', { filters: { severity: ['1'] } })).toMatchObject({ numerator: 23, denominator: 30 });
  });

  it('satisfaction', async () => {
    // Rated: A 20 (M20 by its latest callback, 5), B 6 (M25 by callback, 4), C 2 (M31 3, M33 5) = 28.
    // 4–5: 16 + 5 + 1 = 22. Sum of ratings 84 + 26 + 8 = 118. 1–2: M18, M19, M26.
    expect(await one('csat')).toMatchObject({ numerator: 22, denominator: 28 });
    expect((await one('satisfaction_score')).value).toBeCloseTo(118 / 28, 9);
    expect(await one('dissatisfied_rate')).toMatchObject({ numerator: 3, denominator: 28 });
    // Rated among the 33 resolved: 28 (M30 and M36, unresolved, have no rating).
    expect(await one('rating_response_rate')).toMatchObject({ numerator: 28, denominator: 33 });
    expect((await q3('satisfaction_distribution', { by: ['score'] })).map((r) => [r.score, r.numerator])).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 3],
      ['4', 6],
      ['5', 16],
    ]);
    // M01 keeps its own rating (5) although its callback said 1.
    expect(await db.all(`select rating from marts.tickets where ticket_id in ('M01', 'M20', 'M25') order by ticket_id`)).toEqual([
      { rating: 5 },
      { rating: 5 },
      { rating: 4 },
    ]);
  });

  it('complaints', async () => {
    // C1 (July), C2 (August), C3 (September, no ticket): 3 complaints over 35 counted tickets.
    expect(await one('complaints')).toMatchObject({ numerator: 3 });
    expect((await q3('complaints', { by: ['verified'] })).map((r) => [r.verified, r.numerator])).toEqual([
      ['no', 2],
      ['yes', 1],
    ]);
    expect((await one('complaint_rate')).value).toBeCloseTo((100 * 3) / 35, 9);
    // Answered within 24 h: C1 (10 h); C2 took 48 h; C3 is past due unanswered.
    expect(await one('complaint_answer_on_time')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(await one('complaint_escalated_rate')).toMatchObject({ numerator: 1, denominator: 3 });
    // Resolved: C1 in 48 h, C2 in 72 h.
    expect(await one('complaint_resolution_time')).toMatchObject({ n: 2, median: 60, mean: 60 });
  });

  it('cost by type and by who pays', async () => {
    // R1 (M01, in warranty) labour 100 + travel 50; R2 + R3 (M21, out of warranty) labour 280, travel 20;
    // P1 2 × 30 = 60 (warranty); P2 500 (paid). Total 1,010.
    expect(await one('cost')).toMatchObject({ numerator: 1010 });
    expect((await q3('cost', { by: ['cost_type'] })).map((r) => [r.cost_type, r.numerator])).toEqual([
      ['labour', 380],
      ['parts', 560],
      ['travel', 70],
    ]);
    expect((await q3('cost', { by: ['warranty'] })).map((r) => [r.warranty, r.numerator])).toEqual([
      ['paid', 800],
      ['warranty', 210],
    ]);
  });

  it('backlog at the end of each month, and aged on 30 September', async () => {
    // July: all resolved the same day: 0. August: M30 open (M29 resolved on the 12th): 1. September: M30, M36
    // and M34 (opened 30 Sep 21:00, resolved 2 Oct): 3.
    const monthly = await readMetricSeries(db, { metric: 'backlog', grain: 'month', ...Q3 });
    expect(monthly.rows.map((r) => [r.period, r.value])).toEqual([
      ['2025-07', 0],
      ['2025-08', 1],
      ['2025-09', 3],
    ]);
    // Ages at the end of 30 Sep: M34 3 h (0–1 d), M36 5.6 d (3–7 d), M30 51.6 d (> 30 d).
    const aging = await readBacklogAging(db, '2025-09-30');
    expect(aging.rows.map((r) => [r.bucket, r.tickets])).toEqual([
      ['0-1d', 1],
      ['1-3d', 0],
      ['3-7d', 1],
      ['7-30d', 0],
      ['>30d', 1],
    ]);
  });
});
