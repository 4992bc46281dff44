// warranty_forecast from the units' rows: the months forecast and compared, each unit's age and warranty end
// as the calendar gives them (worked by hand below), the arrivals counted month by month, and the row of all
// models. The arithmetic of one window is warranty-forecast-math.test.ts's.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../web/server/app.ts';
import { nistTickets, nistUnits } from '../../helpers/nist-units.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';
import {
  allModels,
  type ForecastUnit,
  forecastModel,
  forecastMonths,
  forecastFromUnits,
  readWarrantyForecast,
} from '../../../warehouse/queries/warranty-forecast.ts';
import { fitWeibullCensored, type LifeObservation } from '../../../warehouse/queries/weibull.ts';

describe('forecastMonths', () => {
  it('forecasts the 12 months after as_of’s month and compares the last 12 whole months', () => {
    const m = forecastMonths('2025-09-30');
    expect(m.ahead.map((p) => p.key)).toEqual([
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
    ]);
    expect(m.back[0].key).toBe('2024-10');
    expect(m.back[11].key).toBe('2025-09');
    expect(m.cutoff).toBe('2024-09-30');
    // A last data day inside a month: that month is not whole yet.
    const mid = forecastMonths('2025-09-17');
    expect(mid.ahead[0].key).toBe('2025-10');
    expect(mid.back.map((p) => p.key).at(-1)).toBe('2025-08');
    expect(mid.cutoff).toBe('2024-08-31');
  });
});

// Model M, warranty 1,095 days, data to 2025-09-30:
//  8 units installed 2023-01-01 failed on days 50 … 560 (all before the cutoff 2024-09-30, day 638);
//  20 units installed 2023-06-01 still working: 852 days on 2025-09-30, 487 on the cutoff;
//  3 units installed 2024-01-01 (273 days on the cutoff) failed on days 288 (2024-10-15), 336 (2024-12-02),
//    425 (2025-03-01);
//  1 unit installed 2022-01-01 (1,003 days on the cutoff) failed on day 1,044 (2024-11-10), in warranty.
const w = 1095;
const unit = (installed_at: string, failed: boolean, time_days: number): ForecastUnit => ({
  product_model: 'M',
  installed_at,
  failed,
  time_days,
  warranty_days: w,
});
const early = [50, 120, 200, 260, 330, 400, 480, 560];
const units: ForecastUnit[] = [
  ...early.map((t) => unit('2023-01-01', true, t)),
  ...Array.from({ length: 20 }, () => unit('2023-06-01', false, 852)),
  unit('2024-01-01', true, 288),
  unit('2024-01-01', true, 336),
  unit('2024-01-01', true, 425),
  unit('2022-01-01', true, 1044),
];
// P(fail in (a + x0, min(a + x1, w)] | survived to a)
const p = (shape: number, scale: number, a: number, x0: number, x1: number) => {
  const h = (t: number) => (t / scale) ** shape;
  const end = Math.min(a + x1, w);
  return end <= a + x0 ? 0 : Math.exp(-(h(a + x0) - h(a))) - Math.exp(-(h(end) - h(a)));
};

// The same units with the 20 alike (installed the same day, still working) given once with their count.
const grouped: ForecastUnit[] = [
  ...early.map((t) => unit('2023-01-01', true, t)),
  { ...unit('2023-06-01', false, 852), count: 20 },
  ...units.slice(early.length + 20),
];

describe.each([
  ['every unit listed', units],
  ['units alike given once with their count', grouped],
])('forecastModel, %s', (_, given) => {
  const f = forecastModel('M', given, '2025-09-30', 800);

  it('fits every unit as of the last data day and forecasts the 20 units still working', () => {
    const obs: LifeObservation[] = [
      ...[...early, 288, 336, 425, 1044].map((time) => ({ time, failed: true })),
      { time: 852, failed: false, count: 20 },
    ];
    const fit = fitWeibullCensored(obs)!;
    expect(f.shape).toBeCloseTo(fit.shape, 12);
    expect([f.units, f.failures, f.units_at_risk]).toEqual([32, 12, 20]);
    // Days after 2025-09-30 to each month's end: Oct 31, Nov 61, Dec 92, Jan 123, Feb 151, Mar 182, Apr 212,
    // May 243 (= 1,095 − 852: the warranty ends that day), Jun 273, Jul 304, Aug 335, Sep 365.
    const ends = [0, 31, 61, 92, 123, 151, 182, 212, 243, 273, 304, 335, 365];
    f.months.forEach((m, i) => {
      expect(m.expected).toBeCloseTo(20 * p(fit.shape, fit.scale, 852, ends[i], ends[i + 1]), 10);
      expect(m.cost).toBeCloseTo(m.expected * 800, 8);
      expect(m.cost_high).toBe(m.high * 800);
    });
    expect(f.months.slice(8).map((m) => m.expected)).toEqual([0, 0, 0, 0]);
    expect(f.total!.expected).toBeCloseTo(20 * p(fit.shape, fit.scale, 852, 0, 243), 10);
    expect(f.total!.month).toBe('2025-10..2026-09');
  });

  it('compares the forecast made at the cutoff with the first failures that arrived each month', () => {
    const c = f.comparison!;
    expect(c.cutoff).toBe('2024-09-30');
    expect(c.months.map((m) => m.actual)).toEqual([1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(c.total.actual).toBe(4);
    // The fit as of the cutoff: the 8 early failures; 20 units suspended at 487 days, 3 at 273, 1 at 1,003.
    const then = fitWeibullCensored([
      ...early.map((time) => ({ time, failed: true })),
      { time: 487, failed: false, count: 20 },
      { time: 273, failed: false, count: 3 },
      { time: 1003, failed: false },
    ])!;
    // October 2024 = days (0, 31] after the cutoff; the 12 months = (0, 365].
    const oct =
      20 * p(then.shape, then.scale, 487, 0, 31) + 3 * p(then.shape, then.scale, 273, 0, 31) + p(then.shape, then.scale, 1003, 0, 31);
    expect(c.months[0].expected).toBeCloseTo(oct, 10);
    const year =
      20 * p(then.shape, then.scale, 487, 0, 365) + 3 * p(then.shape, then.scale, 273, 0, 365) + p(then.shape, then.scale, 1003, 0, 365);
    expect(c.total.expected).toBeCloseTo(year, 10);
    expect(c.total.low).toBeLessThanOrEqual(c.total.expected);
    expect(c.total.high).toBeGreaterThanOrEqual(c.total.expected);
  });
});

describe('forecastModel', () => {
  it('takes the median warranty length over the units, each counted', () => {
    // 365 × 3 and 730 → 365; 365 × 2 and 730 × 2 → (365 + 730) / 2.
    const lengths = (a: number, b: number) =>
      forecastModel(
        'M',
        [
          { ...unit('2023-01-01', false, 100), warranty_days: 365, count: a },
          { ...unit('2023-01-01', false, 100), warranty_days: 730, count: b },
        ],
        '2025-09-30',
        null,
      ).warranty_days;
    expect(lengths(3, 1)).toBe(365);
    expect(lengths(2, 2)).toBe(547.5);
  });

  it('does not fit fewer than 5 failures, nor count a failure after the warranty', () => {
    const few = forecastModel('M', units.slice(4), '2025-09-30', null);
    expect(few.shape).not.toBeNull();
    expect(forecastModel('M', units.slice(0, 4), '2025-09-30', null).total).toBeNull();
    const short = forecastModel(
      'M',
      units.map((u) => ({ ...u, warranty_days: 1000 })),
      '2025-09-30',
      null,
    );
    // With 1,000 days of warranty the unit failing on day 1,044 is no warranty claim (nor at risk at the cutoff).
    expect(short.comparison!.total.actual).toBe(3);
    expect(short.units_at_risk).toBe(20);
    expect(short.months[0].cost).toBeNull();
  });
});

describe('all models together', () => {
  it('adds the models’ expected claims and variances, and the actual arrivals', () => {
    const other = units.map((u) => ({ ...u, product_model: 'N' }));
    const { models, months } = forecastFromUnits(
      [...units, ...other],
      '2025-09-30',
      new Map([
        ['M', 800],
        ['N', 500],
      ]),
    );
    expect(months[0]).toBe('2025-10');
    expect(models.map((m) => m.product_model)).toEqual(['M', 'N', null]);
    const [m, n, all] = models;
    expect(all.months[0].expected).toBeCloseTo(m.months[0].expected + n.months[0].expected, 12);
    expect(all.months[0].variance).toBeCloseTo(m.months[0].variance + n.months[0].variance, 12);
    expect(all.months[0].cost).toBeCloseTo(m.months[0].expected * 800 + n.months[0].expected * 500, 8);
    const half = 1.959963984540054 * Math.sqrt(all.total!.variance);
    expect(all.total!.low).toBe(Math.max(0, Math.floor(all.total!.expected - half)));
    expect(all.total!.high).toBe(Math.ceil(all.total!.expected + half));
    expect(all.comparison!.total.actual).toBe(8);
    expect(all.units).toBe(64);
    expect(allModels([m]).total!.expected).toBeCloseTo(m.total!.expected, 12);
  });
});

describe('readWarrantyForecast and GET /api/metrics/warranty_forecast (the NIST units)', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await warehouseWithRows({ tickets: nistTickets, units: nistUnits });
    app = await buildApp({ db, auth: false });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('forecasts the 10 units still working, 500 days old, over June 2025 to May 2026', async () => {
    const r = await readWarrantyForecast(db, {});
    expect([r.basis, r.as_of, r.months[0], r.months[11]]).toEqual(['units', '2025-05-15', '2025-06', '2026-05']);
    expect(r.models).toHaveLength(1);
    const [m] = r.models;
    expect([m.product_model, m.units, m.failures, m.units_at_risk, m.warranty_days]).toEqual(['P-100', 20, 10, 10, 1096]);
    expect(m.shape!.toFixed(4)).toBe('1.7208');
    // June 2025 = days (16, 46] after 2025-05-15 (May has 16 days left): 10 units aged 500 days.
    expect(m.months[0].expected).toBeCloseTo(10 * p(m.shape!, m.scale!, 500, 16, 46), 10);
    // The 12 months end on 2026-05-31, 381 days after as_of, before the warranties end (day 1,096).
    expect(m.total!.expected).toBeCloseTo(10 * p(m.shape!, m.scale!, 500, 16, 381), 10);
    // No warranty cost on these tickets: no cost; by the cutoff 2024-04-30 only one unit had failed: nothing compared.
    expect([m.mean_cost_per_claim, m.total!.cost, m.comparison]).toEqual([null, null, null]);
  });

  it('answers over HTTP; a region without units has no models but the same data day', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/metrics/warranty_forecast' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ metric: 'warranty_forecast', basis: 'units', total: 1, truncated: false });
    expect(body.models[0].months).toHaveLength(12);
    expect(body.models[0].months[0]).toHaveProperty('cost_high', null);
    expect(body.interval_method).toBe('Poisson-binomial + delta method, normal, 95 %');
    const north = (await app.inject({ method: 'GET', url: `/api/metrics/warranty_forecast?region=${encodeURIComponent('华北')}` })).json();
    expect([north.basis, north.as_of, north.models]).toEqual(['units', '2025-05-15', []]);
    const none = await warehouseWithRows({ tickets: nistTickets });
    try {
      expect((await readWarrantyForecast(none, {})).basis).toBe('no_units');
    } finally {
      await none.close();
    }
  });
});
