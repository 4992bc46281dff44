// reliability_fits from the units' lifetimes: per model and per model and batch, the counts, the fit of a model
// whose units are a published example (NIST/SEMATECH e-Handbook §8.4.1.3: 10 failures, 10 units suspended at
// 500 h; printed β = 1.7208, η = 606.5280, log-likelihood −75.135), batches below the minimum counted but not
// fitted, and the probability-plot points.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readFailuresByAge } from '../../../warehouse/queries/failures-by-age.ts';
import {
  fitsFromLifetimes,
  minFailuresForFit,
  readReliabilityFits,
  type UnitLifetime,
} from '../../../warehouse/queries/reliability-fits.ts';
import { buildApp } from '../../../web/server/app.ts';
import { nistFailures, nistTickets, nistUnits } from '../../helpers/nist-units.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

// Model P-100: the NIST units, failures 1–6 and 5 suspensions in batch B1, failures 7–10 and 5 in batch B2.
const p100: UnitLifetime[] = [
  ...nistFailures.map((t, i) => ({ product_model: 'P-100', production_batch: i < 6 ? 'B1' : 'B2', failed: true, time_days: t })),
  ...Array.from({ length: 10 }, (_, i) => ({
    product_model: 'P-100',
    production_batch: i < 5 ? 'B1' : 'B2',
    failed: false,
    time_days: 500,
  })),
];
// Model A-7: three units, one failure on the day of installation (0 days, counted as half a day), no batch.
const a7: UnitLifetime[] = [
  { product_model: 'A-7', production_batch: null, failed: true, time_days: 0 },
  { product_model: 'A-7', production_batch: null, failed: false, time_days: 90 },
  { product_model: 'A-7', production_batch: null, failed: false, time_days: 120 },
];

describe('fitsFromLifetimes', () => {
  const { rows, plots } = fitsFromLifetimes([...p100, ...a7]);

  it('has a row per model over all its batches, then one per batch (none when no unit names one), in order', () => {
    expect(rows.map((r) => [r.scope, r.product_model, r.production_batch, r.units, r.failures, r.suspensions])).toEqual([
      ['model', 'A-7', null, 3, 1, 2],
      ['model', 'P-100', null, 20, 10, 10],
      ['batch', 'P-100', 'B1', 11, 6, 5],
      ['batch', 'P-100', 'B2', 9, 4, 5],
    ]);
  });

  it('fits the model over all its batches as the published example', () => {
    const fit = rows[1].fit!;
    expect(fit.shape.toFixed(4)).toBe('1.7208');
    expect(Math.abs(fit.scale / 606.528 - 1)).toBeLessThan(1e-6);
    expect(fit.log_likelihood!.toFixed(3)).toBe('-75.135');
    expect(fit.bounds!.shape[0]).toBeLessThan(1.7208);
    expect(fit.bounds!.shape[1]).toBeGreaterThan(1.7208);
    // B10 = η (−ln 0.9)^(1/β) = 606.528 × 0.1053605^(0.58112) ≈ 164.0
    expect(fit.b10.toFixed(1)).toBe('164.0');
  });

  it(`counts but does not fit fewer than ${minFailuresForFit} failures`, () => {
    expect(minFailuresForFit).toBe(5);
    expect(rows[2].fit).not.toBeNull(); // B1: 6 failures
    expect(rows[3].fit).toBeNull(); // B2: 4 failures
    expect(rows[0].fit).toBeNull();
  });

  it('plots each model’s failures at their mean ranks with the suspensions counted', () => {
    const p = plots.find((x) => x.product_model === 'P-100')!;
    // Failures come before every suspension: at risk 20, 19, …: F = 1 − Π r/(r + 1) = i/(20 + 1).
    expect(p.points.map((x) => x.time)).toEqual(nistFailures);
    expect(p.points[0].probability).toBeCloseTo(1 / 21, 12);
    expect(p.points[9].probability).toBeCloseTo(10 / 21, 12);
    const a = plots.find((x) => x.product_model === 'A-7')!;
    // 3 units, the failure first: 1 − 3/4.
    expect(a.points).toEqual([{ time: 0.5, probability: expect.closeTo(0.25, 12) }]);
  });
});

describe('readReliabilityFits and GET /api/metrics/reliability_fits', () => {
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

  it('fits the installed base with its suspensions: the NIST figures for the model, per batch below', async () => {
    const r = await readReliabilityFits(db, {});
    expect([r.basis, r.method, r.bounds_method, r.as_of]).toEqual([
      'units',
      'maximum likelihood with suspensions',
      'Fisher matrix, 95 %, two-sided',
      '2025-05-15',
    ]);
    expect(r.rows.map((x) => [x.scope, x.production_batch, x.units, x.failures, x.suspensions, x.fit !== null])).toEqual([
      ['model', null, 20, 10, 10, true],
      ['batch', 'B1', 11, 6, 5, true],
      ['batch', 'B2', 9, 4, 5, false],
    ]);
    const fit = r.rows[0].fit!;
    expect(fit.shape.toFixed(4)).toBe('1.7208');
    expect(Math.abs(fit.scale / 606.528 - 1)).toBeLessThan(1e-6);
    expect(fit.log_likelihood!.toFixed(3)).toBe('-75.135');
    expect(r.plots[0].points.map((p) => p.time)).toEqual(nistFailures);
  });

  it('answers over HTTP with every field, and a region without units is still the installed base', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/metrics/reliability_fits' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ metric: 'reliability_fits', basis: 'units', total: 3, truncated: false, min_failures: 5 });
    expect(body.rows[0].fit.bounds.b10).toHaveLength(2);
    expect(body.rows[0].fit.bounds.b10[0]).toBeLessThan(body.rows[0].fit.b10);
    expect(body.plots[0].points).toHaveLength(10);
    const north = (await app.inject({ method: 'GET', url: `/api/metrics/reliability_fits?region=${encodeURIComponent('华北')}` })).json();
    expect([north.basis, north.rows, north.as_of]).toEqual(['units', [], '2025-05-15']);
    const bad = await app.inject({ method: 'GET', url: '/api/metrics/reliability_fits?severity=1' });
    expect(bad.statusCode).toBe(400);
  });

  it('without units loaded keeps the failures-only fit of failures_by_age, labelled so', async () => {
    const only = await warehouseWithRows({ tickets: nistTickets });
    try {
      const r = await readReliabilityFits(only, {});
      const ages = await readFailuresByAge(only, {});
      expect([r.basis, r.method, r.bounds_method, r.min_failures]).toEqual([
        'failures_only',
        'maximum likelihood (complete data)',
        null,
        10,
      ]);
      expect(r.rows).toHaveLength(1);
      expect(r.rows[0]).toMatchObject({ scope: 'model', product_model: 'P-100', units: 10, failures: 10, suspensions: 0 });
      expect(r.rows[0].fit!.shape).toBe(ages.models[0].fit!.shape);
      expect(r.rows[0].fit!.scale).toBe(ages.models[0].fit!.scale);
      expect(r.rows[0].fit!.bounds).toBeNull();
    } finally {
      await only.close();
    }
  });
});
