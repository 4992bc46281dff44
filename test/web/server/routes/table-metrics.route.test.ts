// The table metrics and the quality engineer's lists over HTTP, on the hand-built quarter: answers, CSV, and
// a clear 400 for a filter a table does not have, a bad or missing quarter, an unknown parameter.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { serviceQuarterWarehouse } from '../../../helpers/fixture-warehouse.ts';

describe('table metrics API', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    app = await buildApp({ db, auth: false });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  it('parts_usage by part, with parts per repair ticket', async () => {
    const r = await get('/api/metrics/parts_usage');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    // P2: 1 × 500 paid; P1: 2 × 30 warranty.
    expect(body.rows.map((x: any) => [x.part_no, x.quantity, x.cost, x.warranty_share])).toEqual([
      ['WM-P003', 1, 500, 0],
      ['AC-P001', 2, 60, 1],
    ]);
    expect(body.overall).toMatchObject({ quantity: 3, cost: 560, warranty_share: 60 / 560 });
    expect(body).toMatchObject({ total: 2, truncated: false });
  });

  it('the overdue defective part, as JSON and CSV; its on-time rate as a series', async () => {
    // P1 issued Tue 1 July 2025 under warranty, never returned: due on the 15th working day, 22 July.
    const r = await get('/api/parts/overdue');
    expect(r.json().rows.map((x: any) => [x.part_line_id, x.due_day])).toEqual([['P1', '2025-07-22']]);
    const csv = await get('/api/parts/overdue?format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect([csv.headers['x-total-count'], csv.headers['x-truncated']]).toEqual(['1', 'false']);
    expect(r.json()).toMatchObject({ total: 1, truncated: false });
    expect(csv.body.split('\r\n')[1]).toMatch(/^P1,M01,SN-M01,AC-P001,压缩机电容,/);
    const s = await get('/api/metrics/parts_return_on_time?grain=all');
    expect(s.json().rows).toMatchObject([{ numerator: 0, denominator: 1, value: 0 }]);
  });

  it('quality_flags needs a valid quarter; chronic units, solutions and ages answer', async () => {
    expect((await get('/api/metrics/quality_flags')).json().error).toMatch(/needs a quarter/);
    expect((await get('/api/metrics/quality_flags?quarter=2025Q5')).statusCode).toBe(400);
    const flags = await get('/api/metrics/quality_flags?quarter=2025Q3');
    expect(flags.statusCode).toBe(200);
    expect(flags.json()).toMatchObject({ metric: 'quality_flags', quarter: '2025Q3' });
    expect((await get('/api/metrics/quality_flags?quarter=2025Q3&product_model=X')).json().error).toMatch(/region only/);
    for (const name of ['chronic_units', 'fault_solutions', 'failures_by_age']) {
      const r = await get(`/api/metrics/${name}?from=2025-07-01&to=2025-09-30`);
      expect(r.statusCode, name).toBe(200);
      expect(r.json().metric).toBe(name);
    }
  });

  it('a filter the table does not have, or an unknown parameter, is a 400 naming it', async () => {
    const r = await get('/api/metrics/chronic_units?part_no=A');
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatch(/chronic_units has no dimension "part_no"/);
    expect((await get('/api/metrics/parts_usage?by=colour')).json().error).toMatch(/parts_usage has no dimension "colour"/);
    expect((await get('/api/metrics/fault_solutions?colour=red')).statusCode).toBe(400);
  });

  it("a unit's history, or 404 for a unit with no tickets", async () => {
    const r = await get('/api/units/SN-M01');
    expect(r.statusCode).toBe(200);
    expect(r.json().tickets[0]).toMatchObject({ ticket_id: 'M01', parts: [{ part_line_id: 'P1', quantity: 2 }] });
    expect((await get('/api/units/nope')).statusCode).toBe(404);
  });

  it('the OpenAPI document lists the table metrics', async () => {
    const paths = Object.keys((await get('/api/openapi.json')).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/metrics/quality_flags', '/api/metrics/parts_usage', '/api/units/{serial_no}', '/api/parts/overdue']),
    );
  });
});
