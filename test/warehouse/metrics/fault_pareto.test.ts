// Fault Pareto worked out by hand: 100 tickets in Q3 with faults A 50, B 20, C 12, D 10, E 5, F 3.
// Cumulative shares .50, .70, .82, .92, .97, 1.00: the vital few are A, B and C (C crosses 80 %).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readMetricSeries } from '../../../warehouse/queries/metric-series.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

describe('fault Pareto', () => {
  let db: Warehouse;
  beforeAll(async () => {
    const counts: [string, number][] = [
      ['A', 50],
      ['B', 20],
      ['C', 12],
      ['D', 10],
      ['E', 5],
      ['F', 3],
    ];
    const lines = ['ticket_id,opened_at,status,fault_code,fault_category'];
    let n = 0;
    for (const [code, k] of counts)
      for (let i = 0; i < k; i++)
        lines.push(`P${++n},2025-08-${String(1 + (n % 28)).padStart(2, '0')} 10:00,open,${code},${code < 'C' ? '制冷' : '电气'}`);
    // Q4: A 6, B 2, C 2 (60 %, 80 %, 100 %): reaching exactly 80 % with B ends the vital few there.
    for (const [code, k] of [
      ['A', 6],
      ['B', 2],
      ['C', 2],
    ] as [string, number][])
      for (let i = 0; i < k; i++) lines.push(`Q${++n},2025-10-0${1 + (i % 9)} 10:00,open,${code},x`);
    lines.push('X1,2025-08-02 10:00,cancelled,A,制冷');
    db = await warehouseWithRows({ tickets: lines });
  });
  afterAll(async () => {
    await db.close();
  });

  it('ranks faults with share, cumulative share and the vital few, per quarter', async () => {
    const s = await readMetricSeries(db, { metric: 'fault_pareto', grain: 'quarter' });
    const q3 = s.rows
      .filter((r) => r.period === '2025-Q3')
      .map((r) => [r.fault_code, r.numerator, r.denominator, Number((r.cumulative_share as number).toFixed(2)), r.vital]);
    expect(q3).toEqual([
      ['A', 50, 100, 0.5, true],
      ['B', 20, 100, 0.7, true],
      ['C', 12, 100, 0.82, true],
      ['D', 10, 100, 0.92, false],
      ['E', 5, 100, 0.97, false],
      ['F', 3, 100, 1, false],
    ]);
    const q4 = s.rows.filter((r) => r.period === '2025-Q4').map((r) => [r.fault_code, r.vital]);
    expect(q4).toEqual([
      ['A', true],
      ['B', true],
      ['C', false],
    ]);
  });

  it('by fault category', async () => {
    const s = await readMetricSeries(db, { metric: 'fault_pareto', grain: 'all', by: ['fault_category'], to: '2025-09-30' });
    expect(s.rows.map((r) => [r.fault_category, r.numerator, r.vital])).toEqual([
      ['制冷', 70, true],
      ['电气', 30, true],
    ]);
  });
});
