// The MIS table over HTTP on the installed-base fixture (test/helpers/units-warehouse.ts; the cells are worked out
// in test/warehouse/queries/claims-per-thousand.test.ts): JSON, the CSV headed in the asker's language, and a
// clear 400 for what the table does not have.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { unitsWarehouse } from '../../../helpers/units-warehouse.ts';

describe('GET /api/metrics/claims_per_thousand', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await unitsWarehouse();
    app = await buildApp({ db, auth: false });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  it('answers the cells per batch for a model', async () => {
    const r = await get('/api/metrics/claims_per_thousand?by=production_batch&product_model=KF-1&months=3');
    expect(r.statusCode).toBe(200);
    // Batch A: MIS 1 3 units 2 claims, MIS 2 3 and 0, MIS 3 2 and 1; batch B: 3 and 0, 2 and 1, 2 and 0.
    expect(r.json()).toMatchObject({
      metric: 'claims_per_thousand',
      by: 'production_batch',
      months: 3,
      units_loaded: 9,
      total: 6,
      truncated: false,
    });
    expect(r.json().rows.map((c: any) => [c.cohort, c.months_in_service, c.units_at_risk, c.claims])).toEqual([
      ['A', 1, 3, 2],
      ['A', 2, 3, 0],
      ['A', 3, 2, 1],
      ['B', 1, 3, 0],
      ['B', 2, 2, 1],
      ['B', 3, 2, 0],
    ]);
  });

  it('downloads the table as CSV headed in Chinese or English', async () => {
    const zh = await get('/api/metrics/claims_per_thousand?product_line=空调&months=1&format=csv');
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-type']).toMatch(/text\/csv/);
    expect(zh.body.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      '生产月份,在用月数,在役台数,索赔数,千台索赔率',
      `2024-01,1,3,2,${1000 * (2 / 3)}`,
      '2024-02,1,3,0,0',
      '',
    ]);
    const en = await get('/api/metrics/claims_per_thousand?by=production_batch&months=1&format=csv&lang=en');
    expect(en.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'Production batch,Months in service,Units at risk,Claims,"Claims per 1,000 units"',
    );
  });

  it('refuses a cohort or a dimension it does not have', async () => {
    expect((await get('/api/metrics/claims_per_thousand?by=region')).statusCode).toBe(400);
    expect((await get('/api/metrics/claims_per_thousand?technician_id=E1')).json().error).toMatch(/no dimension "technician_id"/);
    expect((await get('/api/metrics/claims_per_thousand?months=121')).statusCode).toBe(400);
  });
});
