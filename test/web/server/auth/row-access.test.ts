// A region-limited account and one unit's history, on the service quarter (SN-M01 is a 华东 unit): the 华东
// manager sees it, the 华北 manager gets the answer an unknown unit gets; with a ticket in each, each sees their own.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { createUser } from '../../../../web/server/auth/accounts.ts';
import { serviceQuarterWarehouse } from '../../../helpers/fixture-warehouse.ts';
import { loadRows } from '../../../helpers/warehouse-with-rows.ts';

describe('a unit is seen only from its regions', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  const cookie: Record<string, string> = {};
  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    app = await buildApp({ db, reports: { dir: '/nonexistent-never-written', companyName: 'x' } });
    for (const [username, regions] of [
      ['east', ['华东']],
      ['north', ['华北']],
      ['all', undefined],
    ] as const) {
      await createUser(db, { username, role: 'manager', regions: regions ? [...regions] : undefined, password: 'long enough pw' });
      const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username, password: 'long enough pw' } });
      cookie[username] = String(r.headers['set-cookie']).split(';')[0];
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('east and the unlimited manager see SN-M01; north gets 404 as for an unknown unit', async () => {
    const get = (who: string, serial: string) => app.inject({ url: `/api/units/${serial}`, headers: { cookie: cookie[who] } });
    expect((await get('east', 'SN-M01')).json().tickets.map((t: { ticket_id: string }) => t.ticket_id)).toEqual(['M01']);
    expect((await get('all', 'SN-M01')).statusCode).toBe(200);
    const hidden = await get('north', 'SN-M01');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error).toBe((await get('north', 'SN-NONE')).json().error.replace('SN-NONE', 'SN-M01'));
  });

  it("once the unit has a ticket in each region, each manager sees only their region's ticket", async () => {
    await loadRows(
      db,
      { tickets: 'ticket_id,opened_at,status,region,serial_no,product_model\nX01,2025-08-01 09:00,open,华北,SN-M01,KFR-35GW\n' },
      { loadedBy: 'test' },
    );
    const ids = async (who: string) =>
      (await app.inject({ url: '/api/units/SN-M01', headers: { cookie: cookie[who] } }))
        .json()
        .tickets.map((t: { ticket_id: string }) => t.ticket_id);
    expect(await ids('east')).toEqual(['M01']);
    expect(await ids('north')).toEqual(['X01']);
    expect(await ids('all')).toEqual(['M01', 'X01']);
  });
});
