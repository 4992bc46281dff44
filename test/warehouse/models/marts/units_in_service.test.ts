// The units in service per period, worked out by hand on the fixture of test/helpers/units-warehouse.ts: the data
// run from 2024-01-01 (the first ticket) to 2024-12-31; the units with a lifetime are U1, U2 (KF-1, 华东, installed
// 02-01), U3 (KF-1, 华东, installed 03-01, scrapped 05-01), U4, U5 (KF-1, 华北, installed 06-01), U9 (KF-1, 华北,
// installed 03-01, scrapped 04-01) and U6 (KF-2, 华南, installed 2023-07-01, before the data: counted from
// 2024-01-01); U7 and U8 have none. A unit is in service from its installation day to its scrapping day, both
// included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { unitsWarehouse } from '../../../helpers/units-warehouse.ts';

describe('marts.units_in_service', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await unitsWarehouse();
  });
  afterAll(() => db.close());

  const read = (grain: string) =>
    db.all<{ period_start: string; product_model: string; region: string; units: number; unit_days: number }>(
      `select strftime(period_start, '%Y-%m-%d') as period_start, product_model, region, units, unit_days::integer as unit_days
       from marts.units_in_service where grain = $1 order by product_model, region, period_start`,
      [grain],
    );

  it('quarters: units in service on any day, and their days inside the quarter and the data', async () => {
    expect((await read('quarter')).map((r) => [r.product_model, r.region, r.period_start, r.units, r.unit_days])).toEqual([
      // U1, U2: Feb + Mar = 29 + 31 = 60 days each; U3: March, 31. Q2: U1, U2 91 each; U3 04-01 to 05-01, 31.
      ['KF-1', '华东', '2024-01-01', 3, 151],
      ['KF-1', '华东', '2024-04-01', 3, 213],
      ['KF-1', '华东', '2024-07-01', 2, 184],
      ['KF-1', '华东', '2024-10-01', 2, 184],
      // U9: March (31), and 04-01, the day it was scrapped (1); U4, U5 from 06-01: 30 each.
      ['KF-1', '华北', '2024-01-01', 1, 31],
      ['KF-1', '华北', '2024-04-01', 3, 61],
      ['KF-1', '华北', '2024-07-01', 2, 184],
      ['KF-1', '华北', '2024-10-01', 2, 184],
      // U6 from the data's first day: 91, 91, 92, 92.
      ['KF-2', '华南', '2024-01-01', 1, 91],
      ['KF-2', '华南', '2024-04-01', 1, 91],
      ['KF-2', '华南', '2024-07-01', 1, 92],
      ['KF-2', '华南', '2024-10-01', 1, 92],
    ]);
  });

  it('months and weeks (from Monday)', async () => {
    const months = await read('month');
    const m = (model: string, region: string, start: string) =>
      months.find((r) => r.product_model === model && r.region === region && r.period_start === start);
    // March: U1, U2, U3 all month (93); May: U1, U2 31 each and U3 its last day, 05-01 (63).
    expect(m('KF-1', '华东', '2024-03-01')).toMatchObject({ units: 3, unit_days: 93 });
    expect(m('KF-1', '华东', '2024-05-01')).toMatchObject({ units: 3, unit_days: 63 });
    expect(m('KF-1', '华东', '2024-06-01')).toMatchObject({ units: 2, unit_days: 60 });
    // January: nothing of KF-1 in service yet.
    expect(m('KF-1', '华东', '2024-01-01')).toBeUndefined();
    const weeks = await read('week');
    // The week of Monday 2024-01-29: U1 and U2 from Thursday 02-01, 4 days each.
    expect(weeks.find((r) => r.product_model === 'KF-1' && r.region === '华东' && r.period_start === '2024-01-29')).toMatchObject({
      units: 2,
      unit_days: 8,
    });
    // 2024-01-01 is a Monday: U6 the whole week.
    expect(weeks.find((r) => r.product_model === 'KF-2' && r.period_start === '2024-01-01')).toMatchObject({ units: 1, unit_days: 7 });
    // The last week, Monday 2024-12-30, has two days in the data: U6 2 days.
    expect(weeks.find((r) => r.product_model === 'KF-2' && r.period_start === '2024-12-30')).toMatchObject({ units: 1, unit_days: 2 });
  });
});
