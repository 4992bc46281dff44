// The proof of fix per unit in service and per ticket, worked out by hand. The data run from Monday 2025-01-06 to
// Sunday 2025-03-02: eight whole weeks. The fix takes effect on Monday 2025-02-03; proofOfFix beforeDays 28 and
// minAfterDays 21: before = the weeks of 01-06, 01-13, 01-20, 01-27 (01-06 to 02-02), after = 02-03 to 03-02.
//   line A, with units: A-1 and A-2 have 100 units each all along (700 unit-days a week). A-2 has 10 tickets of E0
//     a week, so A-1's exposure is 700 × 10 ÷ 700 = 10 a week, 40 before and 40 after. A-1 has 20 tickets of E7
//     and 20 of E1 a week before, 5 and 5 after: its whole volume fell with the fault.
//     Per unit in service: 80 ÷ 40 = 2 before, 20 ÷ 40 = 0.5 after, ratio 0.25. Given the 100 tickets, 20 after is
//     binomial with p = 40 ÷ 80 = 0.5 under equal rates; the Clopper-Pearson 95 % interval of 20/100 is
//     0.1266556–0.2918427 (R: binom.test(20, 100)), so the ratio's is p ÷ (1 − p) × 40 ÷ 40 = 0.1450–0.4121:
//     effective.
//     Per ticket of the model (as before units were loaded) the fault's share stays 80 ÷ 160 = 20 ÷ 40 = 0.5:
//     ratio 1, not shown effective — the fix is hidden by the volume that fell with it.
//   line B, no units: B-1 the same tickets as A-1: per ticket, ratio 1, not shown effective.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { proofOfFix } from '../../../warehouse/queries/corrective-actions.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

const mondays = ['2025-01-06', '2025-01-13', '2025-01-20', '2025-01-27', '2025-02-03', '2025-02-10', '2025-02-17', '2025-02-24'];

describe('the proof of fix per unit in service, else per ticket', () => {
  let db: Warehouse;
  beforeAll(async () => {
    const tickets = ['ticket_id,opened_at,status,region,product_line,product_model,fault_code'];
    let n = 0;
    const add = (day: string, line: string, model: string, fault: string, k: number) => {
      for (let i = 0; i < k; i++) tickets.push(`P${++n},${day} 10:00,closed,West,${line},${model},${fault}`);
    };
    mondays.forEach((monday, i) => {
      const after = i >= 4;
      // The last week's partner tickets on its Sunday, the data's last day.
      add(i === 7 ? '2025-03-02' : monday, 'A', 'A-2', 'E0', 10);
      for (const [line, model] of [
        ['A', 'A-1'],
        ['B', 'B-1'],
      ]) {
        add(monday, line, model, 'E7', after ? 5 : 20);
        add(monday, line, model, 'E1', after ? 5 : 20);
      }
    });
    const units = ['serial_no,product_model,product_line,region,installed_at,status'];
    for (const model of ['A-1', 'A-2']) for (let i = 0; i < 100; i++) units.push(`${model}-${i},${model},A,West,2024-06-01,in_service`);
    db = await warehouseWithRows({ tickets, units }, { settings: { proofOfFix: { minAfterDays: 21, beforeDays: 28 } } });
  });
  afterAll(async () => {
    await db?.close();
  });

  const action = (product_model: string, effective_date: string | null) => ({
    product_model,
    fault_code: 'E7',
    effective_date,
    came_back_at: null,
  });

  it('a model with units: per unit of the early warning’s exposure, effective', async () => {
    const p = await proofOfFix(db, action('A-1', '2025-02-03'));
    expect(p).toMatchObject({
      outcome: 'effective',
      exposure_basis: 'units',
      before: { from: '2025-01-06', to: '2025-02-02', tickets: 80 },
      after: { from: '2025-02-03', to: '2025-03-02', tickets: 20 },
      pending: null,
    });
    expect(p.before!.exposure).toBeCloseTo(40, 9);
    expect(p.after!.exposure).toBeCloseTo(40, 9);
    expect(p.rate_before).toBeCloseTo(2, 9);
    expect(p.rate_after).toBeCloseTo(0.5, 9);
    expect(p.rate_ratio).toBeCloseTo(0.25, 9);
    const odds = (q: number) => q / (1 - q);
    expect(p.interval![0]).toBeCloseTo(odds(0.1266556), 5);
    expect(p.interval![1]).toBeCloseTo(odds(0.2918427), 5);
    expect(p.p_value!).toBeLessThan(0.001);
  });

  it('a model without units: per ticket of the model, its share unchanged, not shown effective', async () => {
    const p = await proofOfFix(db, action('B-1', '2025-02-03'));
    expect(p).toMatchObject({
      outcome: 'not_shown_effective',
      exposure_basis: 'tickets',
      before: { from: '2025-01-06', to: '2025-02-02', tickets: 80, exposure: 160 },
      after: { from: '2025-02-03', to: '2025-03-02', tickets: 20, exposure: 40 },
    });
    expect(p.rate_before).toBe(0.5);
    expect(p.rate_after).toBe(0.5);
    expect(p.rate_ratio).toBeCloseTo(1, 12);
    expect(p.interval![0]).toBeLessThan(1);
    expect(p.interval![1]).toBeGreaterThan(1);
  });

  it('too early: without an effective date, and before minAfterDays have passed in the data, with the day needed', async () => {
    expect(await proofOfFix(db, action('A-1', null))).toMatchObject({ outcome: 'too_early', pending: 'no_effective_date' });
    expect(await proofOfFix(db, action('A-1', '2025-02-17'))).toMatchObject({
      outcome: 'too_early',
      pending: 'window',
      min_after_days: 21,
      judged_from: '2025-03-10',
    });
  });

  it('came back: the day it was found again', async () => {
    expect(await proofOfFix(db, { ...action('A-1', '2025-02-03'), came_back_at: '2025-02-20T08:00:00Z' })).toMatchObject({
      outcome: 'came_back',
      came_back_on: '2025-02-20',
    });
  });
});
