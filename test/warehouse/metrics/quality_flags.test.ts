// The "too often" baseline scaled by the installed base (issue 21, metrics.md: "scaled by installed base when
// known"), on a hand-made set. The data run from 2024-07-01 (the first ticket) to 2025-09-30 (the last): five
// whole quarters, 2024-Q3 (92 days), Q4 (92), 2025-Q1 (90), Q2 (91), Q3 (92). Each line has 100 tickets a quarter,
// so the ticket-volume scaling is 1 throughout.
//   line A, every model with units: A-1 10 units in service throughout and 10 more from 2025-07-01 (its installed
//   base doubled), A-2 80 units, A-3 10 units.
//     tickets a quarter, then in 2025-Q3:  A-1/E7 10 → 20,  A-2/E0 80 → 56,  A-3/E5 10 → 24.
//     A model's exposure = its unit-days × the tickets per unit-day of the other models with units on its line.
//     In an earlier quarter of d days A-1's others have 90 tickets over 90 × d unit-days: A-1's exposure
//     is 10 × d × 90 ÷ (90 × d) = 10, and A-3's (others A-1, A-2) 10 too. In 2025-Q3 (92 days) A-1 has 20 × 92 =
//     1,840 unit-days, its others 56 + 24 = 80 tickets over 90 × 92 = 8,280: exposure 1,840 × 80 ÷ 8,280 = 17.78;
//     A-3 has 920, its others 20 + 56 = 76 tickets over 100 × 92 = 9,200: exposure 920 × 76 ÷ 9,200 = 7.6.
//     baseline 10 × 17.78 ÷ 10 = 17.78, 99 % Poisson limit 28 (P(X <= 27) = 0.9850, P(X <= 28) = 0.9912):
//          its 20 (doubled with its units) is not too often. By ticket volume the baseline is 10 and its limit 18
//          (P(X <= 17) = 0.9857, P(X <= 18) = 0.9928): 20 would be.
//     baseline 10 × 7.6 ÷ 10 = 7.6, limit 15 (P(X <= 14) = 0.9886, P(X <= 15) = 0.9948): 24 is too often, a
//          real rise, strength 24 ÷ 15.
//   line B, no units: B-1/E7 10 → 20, B-2/E0 90 → 80: by ticket volume, baseline 10, limit 18: flagged.
import { flagReasons } from '../../../presentation/i18n/quality-flag-words.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readQualityFlags } from '../../../warehouse/queries/quality-flags.ts';
import { poissonUpperLimit } from '../../../warehouse/queries/poisson.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

describe('quality flags scaled by the installed base', () => {
  let db: Warehouse;
  let withoutUnits: Warehouse;
  beforeAll(async () => {
    const tickets = ['ticket_id,opened_at,status,region,product_line,product_model,fault_code,severity'];
    let n = 0;
    const add = (day: string, line: string, model: string, fault: string, k: number) => {
      for (let i = 0; i < k; i++) tickets.push(`Q${++n},${day} 10:00,closed,West,${line},${model},${fault},3`);
    };
    for (const day of ['2024-07-01', '2024-10-01', '2025-01-01', '2025-04-01']) {
      add(day, 'A', 'A-1', 'E7', 10);
      add(day, 'A', 'A-2', 'E0', 80);
      add(day, 'A', 'A-3', 'E5', 10);
      add(day, 'B', 'B-1', 'E7', 10);
      add(day, 'B', 'B-2', 'E0', 90);
    }
    add('2025-09-30', 'A', 'A-1', 'E7', 20);
    add('2025-09-30', 'A', 'A-2', 'E0', 56);
    add('2025-09-30', 'A', 'A-3', 'E5', 24);
    add('2025-09-30', 'B', 'B-1', 'E7', 20);
    add('2025-09-30', 'B', 'B-2', 'E0', 80);
    const units = ['serial_no,product_model,product_line,region,installed_at,status'];
    for (let i = 1; i <= 10; i++) units.push(`A1-${i},A-1,A,West,2024-01-15,in_service`);
    for (let i = 11; i <= 20; i++) units.push(`A1-${i},A-1,A,West,2025-07-01,in_service`);
    for (let i = 1; i <= 80; i++) units.push(`A2-${i},A-2,A,West,2024-01-15,in_service`);
    for (let i = 1; i <= 10; i++) units.push(`A3-${i},A-3,A,West,2024-01-15,in_service`);
    db = await warehouseWithRows({ tickets, units });
    withoutUnits = await warehouseWithRows({ tickets });
  });
  afterAll(async () => {
    await db.close();
    await withoutUnits.close();
  });

  it('the hand-computed limits', () => {
    expect(poissonUpperLimit((1840 * 80) / 8280)).toBe(28);
    expect(poissonUpperLimit(10)).toBe(18);
    expect(poissonUpperLimit((920 * 76) / 9200)).toBe(15);
  });

  it('counts the units in service and their days per quarter', async () => {
    const rows = await db.all<{ period_start: string; units: number; unit_days: number }>(
      `select strftime(period_start, '%Y-%m-%d') as period_start, units, unit_days::integer as unit_days
       from marts.units_in_service where grain = 'quarter' and product_model = 'A-1' order by period_start`,
    );
    expect(rows).toEqual([
      { period_start: '2024-07-01', units: 10, unit_days: 920 },
      { period_start: '2024-10-01', units: 10, unit_days: 920 },
      { period_start: '2025-01-01', units: 10, unit_days: 900 },
      { period_start: '2025-04-01', units: 10, unit_days: 910 },
      { period_start: '2025-07-01', units: 20, unit_days: 1840 },
    ]);
  });

  it('a count that doubled with the installed base is not too often; a real rise is; a model without units keeps the ticket volume', async () => {
    const flags = await readQualityFlags(db, '2025Q3');
    expect(flags.map((f) => [f.product_model, f.exposure_basis, f.count, f.limit])).toEqual([
      ['A-3', 'units', 24, 15],
      ['B-1', 'tickets', 20, 18],
    ]);
    expect(flags[0].baseline).toBeCloseTo(7.6, 9);
    expect(flags[0].strength).toBeCloseTo(24 / 15, 12);
    expect(flagReasons(flags[0], 'en')[0]).toBe(
      "Occurs too often: 24 this quarter against a mean of 7.6 over the previous 4 quarter(s), scaled by the model's units in service; 99 % Poisson limit 15",
    );
    expect(flagReasons(flags[0], 'zh')[0]).toContain('按该机型在用台数折算');
    expect(flags[1].baseline).toBe(10);
    expect(flagReasons(flags[1], 'en')[0]).toContain("scaled by the product line's volume");
    expect(flagReasons(flags[1], 'zh')[0]).toContain('按产品线工单量折算');
  });

  it('without the installed base every model is read by ticket volume: the doubled count of A-1 is then too often', async () => {
    const flags = await readQualityFlags(withoutUnits, '2025Q3');
    expect(flags.map((f) => [f.product_model, f.exposure_basis, f.count, f.baseline, f.limit])).toEqual([
      ['A-3', 'tickets', 24, 10, 18],
      ['A-1', 'tickets', 20, 10, 18],
      ['B-1', 'tickets', 20, 10, 18],
    ]);
  });

  it('reads the units of the regions asked for', async () => {
    // Every ticket and unit is in West: asking for West judges as above.
    expect((await readQualityFlags(db, '2025Q3', { region: ['West'] })).map((f) => [f.product_model, f.exposure_basis])).toEqual([
      ['A-3', 'units'],
      ['B-1', 'tickets'],
    ]);
  });
});
