// Lifetimes of the installed base worked out by hand on the fixture of test/helpers/units-warehouse.ts (the data
// end, as_of, is 2024-12-31; times of day in Asia/Shanghai).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { unitsWarehouse } from '../../../helpers/units-warehouse.ts';
import { warehouseWithRows } from '../../../helpers/warehouse-with-rows.ts';

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

  it('gives each unit its entry age: days from installation to the first day of the data (2024-01-01), else 0', async () => {
    const rows = await db.all<{ serial_no: string; entry_days: number }>(
      'select serial_no, entry_days from marts.unit_lifetimes order by serial_no',
    );
    // U6 was installed 2023-07-01: July–December 2023 = 31 + 31 + 30 + 31 + 30 + 31 = 184 days before the data begin.
    expect(rows).toEqual([
      { serial_no: 'U1', entry_days: 0 },
      { serial_no: 'U2', entry_days: 0 },
      { serial_no: 'U3', entry_days: 0 },
      { serial_no: 'U4', entry_days: 0 },
      { serial_no: 'U5', entry_days: 0 },
      { serial_no: 'U6', entry_days: 184 },
      { serial_no: 'U9', entry_days: 0 },
    ]);
  });

  it('leaves out a unit not observed after its entry (scrapped before the data begin)', async () => {
    const w = await warehouseWithRows({
      tickets: [
        'ticket_id,opened_at,status,service_type,region,product_line,product_model,serial_no,installed_at',
        'Z0,2024-01-01 00:00,closed,install,华北,空调,KF-1,X1,',
        'T1,2024-03-01 10:00,closed,repair,华北,空调,KF-1,A1,2023-01-01',
        'Z9,2024-12-31 09:00,closed,repair,华北,空调,KF-1,X1,',
      ],
      units: [
        'serial_no,product_model,product_line,region,production_batch,installed_at,warranty_end,status,scrapped_at',
        // Seen from 2024-01-01 (entry 365 days), failed on 2024-03-01 10:00: 425 days 10 hours.
        'A1,KF-1,空调,华北,B,2023-01-01,2026-01-01,in_service,',
        // Scrapped 2023-06-01, before the data begin: never observed, left out.
        'A2,KF-1,空调,华北,B,2023-01-01,2026-01-01,scrapped,2023-06-01',
        // Scrapped on the first day itself: its censoring is not after its entry, left out.
        'A3,KF-1,空调,华北,B,2023-01-01,2026-01-01,scrapped,2024-01-01',
        // Installed within the data: entry 0, suspended at 2024-12-31 (214 days).
        'A4,KF-1,空调,华北,B,2024-06-01,2026-06-01,in_service,',
      ],
    });
    try {
      const rows = await w.all(
        'select serial_no, failed, round(time_days, 4) as time_days, entry_days from marts.unit_lifetimes order by serial_no',
      );
      expect(rows).toEqual([
        { serial_no: 'A1', failed: true, time_days: 425.4167, entry_days: 365 },
        { serial_no: 'A4', failed: false, time_days: 213, entry_days: 0 },
      ]);
    } finally {
      await w.close();
    }
  });
});
