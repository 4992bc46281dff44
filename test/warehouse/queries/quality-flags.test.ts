// The quarterly flag rule on a crafted series. Two product lines with 100 tickets a quarter each. Previous
// four quarters: 4 tickets of the watched (model, fault) each, so the baseline is 4 and the upper 99 % Poisson
// limit 9 (P(X <= 8) = 0.9786, P(X <= 9) = 0.9919). In 2025-Q3 line A has 9 (at the limit: no flag) and line B
// 10 (above it: a flag).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readQualityFlags } from '../../../warehouse/queries/quality-flags.ts';
import { poissonUpperLimit } from '../../../warehouse/queries/poisson.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

describe('quality flags', () => {
  let db: Warehouse;
  beforeAll(async () => {
    const lines = ['ticket_id,opened_at,status,product_line,product_model,fault_code,severity'];
    let n = 0;
    const add = (day: string, line: string, model: string, fault: string, k: number, severity = 3) => {
      for (let i = 0; i < k; i++) lines.push(`F${++n},${day} 10:00,closed,${line},${model},${fault},${severity}`);
    };
    for (const day of ['2024-08-01', '2024-11-01', '2025-02-01', '2025-05-01']) {
      for (const line of ['A', 'B']) {
        add(day, line, `${line}-1`, 'E7', 4);
        add(day, line, `${line}-2`, 'E0', 96);
      }
    }
    add('2025-08-01', 'A', 'A-1', 'E7', 9);
    add('2025-08-01', 'A', 'A-2', 'E0', 91);
    add('2025-08-01', 'B', 'B-1', 'E7', 10);
    add('2025-08-01', 'B', 'B-2', 'E0', 89);
    // One severity-1 ticket: a major impact whatever the count.
    add('2025-08-02', 'B', 'B-3', 'E9', 1, 1);
    db = await warehouseWithRows({ tickets: lines });
  });
  afterAll(async () => {
    await db.close();
  });

  it('the Poisson limit', () => {
    expect(poissonUpperLimit(4)).toBe(9);
    expect(poissonUpperLimit(0)).toBe(0);
    // Mean 100: the 99 % quantile is 124 (normal approximation 100 + 2.326 × 10 = 123.3).
    expect(poissonUpperLimit(100)).toBe(124);
  });

  it('no flag at the limit, a flag above it, with its reason in numbers; severity 1 is a major impact', async () => {
    const flags = await readQualityFlags(db, '2025Q3');
    expect(flags.map((f) => [f.product_model, f.fault_code, f.too_often, f.major_impact])).toEqual([
      ['B-1', 'E7', true, false],
      ['B-3', 'E9', false, true],
    ]);
    const b = flags[0];
    // Line B has 100 tickets in Q3 (10 + 89 + 1) as in every earlier quarter: the baseline stays 4.
    expect(b).toMatchObject({ count: 10, baseline: 4, limit: 9 });
    expect(b.reasons[0].en).toBe("Occurs too often: 10 this quarter against a mean of 4.0 over the previous 4 quarter(s), scaled by the product line's volume; 99 % Poisson limit 9");
    expect(b.reasons[0].zh).toContain('本季度 10 次');
    expect(flags[1].reasons.map((r) => r.en)).toEqual(['Major impact: 1 severity-1 ticket(s)']);
  });
});

// Short histories and the quarter of a complaint. Line C begins in 2025-Q1: 50 tickets of C-2/E0 and 2 of
// C-1/E7; in Q2 48 and 10. Q2's baseline is Q1 alone: 2 × 58 / 52 = 2.23, whose 99 % Poisson limit is 6
// (P(X <= 5) = 0.9735, P(X <= 6) = 0.9920); 10 is above it, from one quarter of history instead of four.
// D-1/E5: one ticket opened 20 March (Q1), two verified complaints about it received in April (Q2).
describe('quality flags: short history and the complaint quarter', () => {
  const dbs: Warehouse[] = [];
  const open = async (settings: Parameters<typeof warehouseWithRows>[1] = {}) => {
    const lines = ['ticket_id,opened_at,status,product_line,product_model,fault_code,severity'];
    let n = 0;
    const add = (day: string, model: string, fault: string, k: number) => {
      for (let i = 0; i < k; i++) lines.push(`H${++n},${day} 10:00,closed,C,${model},${fault},3`);
    };
    add('2025-02-01', 'C-2', 'E0', 50);
    add('2025-02-01', 'C-1', 'E7', 2);
    add('2025-05-01', 'C-2', 'E0', 48);
    add('2025-05-01', 'C-1', 'E7', 10);
    lines.push('K1,2025-03-20 10:00,closed,C,D-1,E5,3');
    const complaints = 'complaint_id,received_at,ticket_id,category,verified\nQ1,2025-04-05 10:00,K1,quality,yes\nQ2,2025-04-10 10:00,K1,quality,yes\n';
    const db = await warehouseWithRows({ tickets: lines, complaints }, settings);
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  it('a too-often flag from one quarter of history is marked as such', async () => {
    const db = await open();
    const q2 = await readQualityFlags(db, '2025Q2');
    expect(q2.map((f) => [f.product_model, f.too_often, f.short_history, f.history_quarters, f.limit])).toEqual([['C-1', true, true, 1, 6]]);
    expect(q2[0].reasons.map((r) => r.en)).toEqual([
      "Occurs too often: 10 this quarter against a mean of 2.2 over the previous 1 quarter(s), scaled by the product line's volume; 99 % Poisson limit 6",
      'Short history: the baseline has only 1 of 4 quarters; read this flag with care',
    ]);
    // By default complaints count in the complained ticket's quarter: D-1/E5 is a major impact in Q1.
    expect((await readQualityFlags(db, '2025Q1')).map((f) => [f.product_model, f.verified_complaints, f.major_impact])).toEqual([['D-1', 2, true]]);
  });

  it('flagMinHistoryQuarters 2: no too-often flag from one quarter; flagComplaintsBy complaint: Q2 has them', async () => {
    const db = await open({ settings: { flagMinHistoryQuarters: 2, flagComplaintsBy: 'complaint' } });
    const q2 = await readQualityFlags(db, '2025Q2');
    // C-1 is not flagged; D-1/E5 has no ticket in Q2 but the two complaints received then.
    expect(q2.map((f) => [f.product_model, f.count, f.verified_complaints, f.too_often, f.major_impact])).toEqual([['D-1', 0, 2, false, true]]);
    expect(await readQualityFlags(db, '2025Q1')).toEqual([]);
  });
});
