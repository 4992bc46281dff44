// The service cadence lists over HTTP on the hand-worked fixture (test/helpers/cadence-warehouse.ts): the
// overdue callbacks and inspections most late first, as JSON and CSV; the compliance metrics as series.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { cadenceWarehouse } from '../../../helpers/cadence-warehouse.ts';

describe('cadence API', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await cadenceWarehouse();
    app = await buildApp({ db, auth: false });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  it('the overdue inspections of team 东一组, most late first, as of the last day', async () => {
    const r = await get('/api/cadence/overdue?kind=inspection&team=东一组');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    // U1: months 4–11 (2025-03-15 … 10-15) and 16–24 (2026-03-15 … 11-15) never visited: 8 + 5 = 13.
    expect(body).toMatchObject({ total: 13, truncated: false });
    expect(body.rows[0]).toMatchObject({
      cadence_kind: 'inspection',
      serial_no: 'U1',
      due_on: '2025-03-15',
      days_late: 716,
      as_of: '2027-03-01',
      team: '东一组',
    });
    expect(body.rows.at(-1)).toMatchObject({ due_on: '2026-11-15', days_late: 106 });
    const csv = await get('/api/cadence/overdue?kind=inspection&team=东一组&format=csv');
    expect(csv.headers['x-total-count']).toBe('13');
    expect(csv.body.split('\r\n')[1]).toBe('inspection,U1,C1,华东,东一组,E1,2024-11-15,4,2025-03-15,716,2027-03-01');
  });

  it('the compliance metrics by team', async () => {
    const r = await get('/api/metrics/inspection_compliance?grain=all&by=team');
    expect(r.statusCode).toBe(200);
    expect(
      r
        .json()
        .rows.map((x: any) => [x.team, x.numerator, x.denominator])
        .sort(),
    ).toEqual([
      ['东一组', 3, 19],
      ['东二组', 0, 22],
    ]);
    expect((await get('/api/metrics/callback_compliance?grain=all')).json().rows).toMatchObject([{ numerator: 2, denominator: 23 }]);
  });

  it('refuses a dimension the list does not have', async () => {
    expect((await get('/api/cadence/overdue?part_no=X')).statusCode).toBe(400);
  });
});
