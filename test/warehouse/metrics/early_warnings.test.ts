// The early warning's exposure from the installed base (issue 21), monthly, on a hand-made series. The data run
// from 2025-01-01 to 2025-06-30; the in-control rate is estimated from the first 3 months (baselineMonths 3), the
// rise to detect is 2× (k = expected × 1 ÷ ln 2 = 1.4427 × expected). Every unit is in service all month.
//   line A: A-2 has 100 units and 10 tickets of E0 a month (0.1 a unit); A-1 has 100 units in January–March, 200
//     from 1 April, 300 from 1 May, 400 from 1 June, and its fault E7 grows with them: 10, 10, 10, 20, 30, 40.
//     A-1's exposure = its unit-days × A-2's tickets per unit-day: in a month of d days 100·d × 10 ÷ (100·d) = 10,
//     then 200·d × 10 ÷ (100·d) = 20, 30, 40. In-control rate (30 + 0.5) ÷ 30 = 1.01667; expected in April–June
//     20.33, 30.5, 40.67 against 20, 30, 40: every step x − 1.4427 × expected is below 0, the sum stays 0: no signal.
//   line B: B-1 and B-2 have 100 units each all along; B-2 has 10 tickets of E0 a month, B-1's E7 is 10 a month
//     and 30 from April (a real rise). B-1's exposure is 100·d × 10 ÷ (100·d) = 10 every month, expected 10.1667;
//     April's step is 30 − 1.4427 × 10.1667 = 15.33, far above the decision interval for a mean of 10.17 a
//     month: a signal in April, over a run of April alone (30 tickets against 10.17 expected); the sum restarts
//     and May and June signal the same way.
// By the model's tickets (no units) A-1's E7 is every one of its tickets, the same share all along: no signal either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readSeriesResults } from '../../../warehouse/queries/early-warnings.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];

describe('early warnings counted against the units in service', () => {
  let db: Warehouse;
  beforeAll(async () => {
    const tickets = ['ticket_id,opened_at,status,product_line,product_model,fault_code'];
    let n = 0;
    const add = (day: string, line: string, model: string, fault: string, k: number) => {
      for (let i = 0; i < k; i++) tickets.push(`W${++n},${day} 10:00,closed,${line},${model},${fault}`);
    };
    const a1 = [10, 10, 10, 20, 30, 40];
    const b1 = [10, 10, 10, 30, 30, 30];
    months.forEach((m, i) => {
      // The first month's tickets on its first day, the last month's on its last: the data's first and last day.
      const day = i === 5 ? `${m}-30` : `${m}-01`;
      add(day, 'A', 'A-1', 'E7', a1[i]);
      add(day, 'A', 'A-2', 'E0', 10);
      add(day, 'B', 'B-1', 'E7', b1[i]);
      add(day, 'B', 'B-2', 'E0', 10);
    });
    const units = ['serial_no,product_model,product_line,installed_at'];
    const install = (model: string, line: string, day: string, k: number) => {
      for (let i = 0; i < k; i++) units.push(`${model}-${day}-${i},${model},${line},${day}`);
    };
    install('A-1', 'A', '2024-06-01', 100);
    install('A-1', 'A', '2025-04-01', 100);
    install('A-1', 'A', '2025-05-01', 100);
    install('A-1', 'A', '2025-06-01', 100);
    install('A-2', 'A', '2024-06-01', 100);
    install('B-1', 'B', '2024-06-01', 100);
    install('B-2', 'B', '2024-06-01', 100);
    db = await warehouseWithRows(
      { tickets, units },
      { settings: { earlyWarning: { shiftRatio: 2, weekArl0: 1040, monthArl0: 240, baselineWeeks: 4, baselineMonths: 3 } } },
    );
  });
  afterAll(async () => {
    await db?.close();
  });

  it("gives each month the model's units in service times its line's other models' tickets per unit-day", async () => {
    const rows = await db.all<{ product_model: string; period_start: string; tickets: number; exposure: number; exposure_basis: string }>(
      `select product_model, strftime(period_start, '%Y-%m') as period_start, tickets, exposure, exposure_basis
       from metrics.early_warnings where grain = 'month' and product_model in ('A-1', 'B-1') order by product_model, period_start`,
    );
    expect(rows.map((r) => [r.product_model, r.period_start, r.tickets, r.exposure_basis])).toEqual([
      ...months.map((m, i) => ['A-1', m, [10, 10, 10, 20, 30, 40][i], 'units']),
      ...months.map((m, i) => ['B-1', m, [10, 10, 10, 30, 30, 30][i], 'units']),
    ]);
    const exposures = rows.map((r) => r.exposure);
    [10, 10, 10, 20, 30, 40, 10, 10, 10, 10, 10, 10].forEach((e, i) => {
      expect(exposures[i]).toBeCloseTo(e, 9);
    });
  });

  it('a fault growing with the installed base does not warn; a real rise does, with its hand-computed expected count', async () => {
    const month = (await readSeriesResults(db, 'month')).filter((r) => r.fault_code === 'E7');
    const a1 = month.find((r) => r.product_model === 'A-1')!;
    const b1 = month.find((r) => r.product_model === 'B-1')!;
    expect(a1.exposure_basis).toBe('units');
    expect(a1.baselineRate).toBeCloseTo(30.5 / 30, 12);
    expect(a1.signals).toEqual([]);
    expect(b1.baselineRate).toBeCloseTo(30.5 / 30, 12);
    expect(b1.signals.map((s) => [s.period, s.since, s.count])).toEqual([
      ['2025-04-01', '2025-04-01', 30],
      ['2025-05-01', '2025-05-01', 30],
      ['2025-06-01', '2025-06-01', 30],
    ]);
    for (const s of b1.signals) {
      expect(s.expected).toBeCloseTo((30.5 / 30) * 10, 9);
      expect(s.cusum).toBeCloseTo(30 - ((30.5 / 30) * 10) / Math.LN2, 9);
    }
  });
});
