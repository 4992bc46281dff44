// Lifetimes of the installed base worked out by hand on the fixture of test/helpers/units-warehouse.ts (the data
// end, as_of, is 2024-12-31; times of day in Asia/Shanghai).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { unitsWarehouse } from '../../../helpers/units-warehouse.ts';

describe('marts.unit_lifetimes', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await unitsWarehouse();
  });
  afterAll(() => db.close());

  it('has one row per unit with its first failure or its censoring, by hand', async () => {
    const rows = await db.all(
      `select serial_no, product_model, product_line, region, production_batch, strftime(production_month, '%Y-%m-%d') as production_month,
              strftime(installed_at, '%Y-%m-%d') as installed_at, failed, round(time_days, 4) as time_days, strftime(as_of, '%Y-%m-%d') as as_of
       from marts.unit_lifetimes order by serial_no`,
    );
    const row = (
      serial_no: string,
      model: string,
      line: string,
      region: string,
      batch: string,
      month: string,
      installed: string,
      failed: boolean,
      days: number,
    ) => ({
      serial_no,
      product_model: model,
      product_line: line,
      region,
      production_batch: batch,
      production_month: month,
      installed_at: installed,
      failed,
      time_days: days,
      as_of: '2024-12-31',
    });
    expect(rows).toEqual([
      // First failure T1 on 02-11 10:00: 10 days and 10 hours after 02-01 00:00 (T2 is not the first).
      row('U1', 'KF-1', '空调', '华东', 'A', '2024-01-01', '2024-02-01', true, 10.4167),
      // Never failed: 02-01 to the data end 12-31 = 334 days (2024 is a leap year).
      row('U2', 'KF-1', '空调', '华东', 'A', '2024-01-01', '2024-02-01', false, 334),
      // Failed on 03-05 09:00, before it was scrapped: 4 days 9 hours.
      row('U3', 'KF-1', '空调', '华东', 'A', '2024-01-01', '2024-03-01', true, 4.375),
      // Never failed: 06-01 to 12-31 = 213 days.
      row('U4', 'KF-1', '空调', '华北', 'B', '2024-02-01', '2024-06-01', false, 213),
      // The maintenance visit on 06-05 is no failure; the repair of 07-10 09:00 (service type empty) is: 39 days 9 hours.
      row('U5', 'KF-1', '空调', '华北', 'B', '2024-02-01', '2024-06-01', true, 39.375),
      // Installed 2023-07-01, first failure 2024-02-20 18:00: 234 days 18 hours.
      row('U6', 'KF-2', '热水器', '华南', 'C', '2023-06-01', '2023-07-01', true, 234.75),
      // U7 (failure before installation) and U8 (no installation day) are left out.
      // Scrapped 04-01, its repair of 05-01 came after: censored at 31 days.
      row('U9', 'KF-1', '空调', '华北', 'B', '2024-02-01', '2024-03-01', false, 31),
    ]);
  });
});
