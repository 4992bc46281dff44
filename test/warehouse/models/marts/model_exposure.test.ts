// A model's exposure from the installed base, worked out by hand. The data run from 2025-01-01 (the first ticket)
// to 2025-03-31 (the last): one quarter of 90 days; every unit was installed before, so it is in service all along.
//   line A: A-1 has 10 units in West and 20 in East, A-2 30 in West; all their tickets on 2025-01-15: A-1 6, A-2 27.
//     Quarter: A-1 2,700 unit-days (West 900, East 1,800), A-2 2,700; the line 5,400 unit-days and 33 tickets.
//     A-1's others (A-2) have 27 tickets over 2,700 unit-days, 0.01 a unit-day: West 900 × 0.01 = 9, East 18.
//     A-2's others (A-1) 6 over 2,700: 2,700 × 6 ÷ 2,700 = 6.
//     January (31 days): A-1 West 310, East 620, A-2 930 unit-days; A-1 West 310 × 27 ÷ 930 = 9, East 18; A-2
//     930 × 6 ÷ 930 = 6. February: no tickets on the line: every exposure 0.
//   line B: B-1 alone (5 units in West; 2 tickets on 01-01, 1 on 03-31): its unit-quarters 450 ÷ 91.3125, its
//     unit-months in January 155 ÷ 30.4375, its unit-weeks in the week of Monday 2025-01-06: 35 ÷ 7 = 5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { warehouseWithRows } from '../../../helpers/warehouse-with-rows.ts';

interface Row {
  product_model: string;
  region: string;
  unit_days: number;
  model_unit_days: number;
  model_tickets: number;
  line_unit_days: number;
  line_tickets: number;
  alone: boolean;
  exposure: number;
}

describe('marts.model_exposure', () => {
  let db: Warehouse;
  beforeAll(async () => {
    const tickets = ['ticket_id,opened_at,status,region,product_line,product_model,fault_code'];
    let n = 0;
    const add = (day: string, region: string, line: string, model: string, k: number) => {
      for (let i = 0; i < k; i++) tickets.push(`X${++n},${day} 10:00,closed,${region},${line},${model},E1`);
    };
    add('2025-01-01', 'West', 'B', 'B-1', 2);
    add('2025-01-15', 'West', 'A', 'A-1', 2);
    add('2025-01-15', 'East', 'A', 'A-1', 4);
    add('2025-01-15', 'West', 'A', 'A-2', 27);
    add('2025-03-31', 'West', 'B', 'B-1', 1);
    const units = ['serial_no,product_model,product_line,region,installed_at,status'];
    const install = (model: string, line: string, region: string, k: number) => {
      for (let i = 0; i < k; i++) units.push(`${model}-${region}-${i},${model},${line},${region},2024-06-01,in_service`);
    };
    install('A-1', 'A', 'West', 10);
    install('A-1', 'A', 'East', 20);
    install('A-2', 'A', 'West', 30);
    install('B-1', 'B', 'West', 5);
    db = await warehouseWithRows({ tickets, units });
  });
  afterAll(async () => {
    await db?.close();
  });

  const read = (grain: string, start: string) =>
    db.all<Row>(
      `select product_model, region, unit_days, model_unit_days, model_tickets::integer as model_tickets, line_unit_days,
              line_tickets::integer as line_tickets, alone, exposure
       from marts.model_exposure where grain = $1 and period_start = $2::date order by product_model, region`,
      [grain, start],
    );

  it("a quarter: each region's unit-days × the other models' tickets per unit-day on the line; alone, unit-quarters", async () => {
    const rows = await read('quarter', '2025-01-01');
    expect(
      rows.map((r) => [
        r.product_model,
        r.region,
        r.unit_days,
        r.model_unit_days,
        r.model_tickets,
        r.line_unit_days,
        r.line_tickets,
        r.alone,
      ]),
    ).toEqual([
      ['A-1', 'East', 1800, 2700, 6, 5400, 33, false],
      ['A-1', 'West', 900, 2700, 6, 5400, 33, false],
      ['A-2', 'West', 2700, 2700, 27, 5400, 33, false],
      ['B-1', 'West', 450, 450, 3, 450, 3, true],
    ]);
    [18, 9, 6, 450 / 91.3125].forEach((e, i) => {
      expect(rows[i].exposure).toBeCloseTo(e, 9);
    });
  });

  it('months: the same in January; 0 in a month without tickets on the line', async () => {
    const jan = await read('month', '2025-01-01');
    [18, 9, 6, 155 / 30.4375].forEach((e, i) => {
      expect(jan[i].exposure).toBeCloseTo(e, 9);
    });
    const feb = await read('month', '2025-02-01');
    expect(feb.map((r) => [r.product_model, r.region, r.unit_days, r.exposure])).toEqual([
      ['A-1', 'East', 560, 0],
      ['A-1', 'West', 280, 0],
      ['A-2', 'West', 840, 0],
      ['B-1', 'West', 140, 140 / 30.4375],
    ]);
  });

  it('weeks from Monday: a model alone on its line counts its unit-weeks', async () => {
    const b1 = (await read('week', '2025-01-06')).find((r) => r.product_model === 'B-1')!;
    expect(b1.unit_days).toBe(35);
    expect(b1.exposure).toBeCloseTo(5, 12);
  });
});
