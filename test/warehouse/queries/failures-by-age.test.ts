// Failures by age per model: units counted once, the median of their first-failure ages, and the fit on ages
// with their counts. Each unit below has one repair ticket, its first failure, opened `age` days after it was
// installed on 2025-01-01:
//   A: 10, 10, 10, 40, 50 days — five units, the middle one (third) at 10: median 10;
//   B: 10, 10, 40, 50 — four units, the middle two at 10 and 40: median 25;
//   C: 0, 0, 3 — a failure on the day of installation counts as half a day: median 0.5;
//   D: 12 units, 20 days four times, 60 days four times, 100 days four times: a fit (10 units or more) whose shape
//      solves the likelihood equation over the twelve units written out, and its median 60.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readFailuresByAge } from '../../../warehouse/queries/failures-by-age.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

const ages: Record<string, number[]> = {
  A: [10, 10, 10, 40, 50],
  B: [10, 10, 40, 50],
  C: [0, 0, 3],
  D: [20, 20, 20, 20, 60, 60, 60, 60, 100, 100, 100, 100],
};

const day = (offset: number) => new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10);

describe('failures by age', () => {
  let db: Warehouse;
  beforeAll(async () => {
    const lines = ['ticket_id,opened_at,status,service_type,serial_no,product_model,installed_at'];
    for (const [model, list] of Object.entries(ages))
      for (const [i, age] of list.entries()) lines.push(`${model}${i},${day(age)} 10:00,closed,repair,${model}-U${i},${model},2025-01-01`);
    db = await warehouseWithRows({ tickets: lines });
  });
  afterAll(async () => {
    await db.close();
  });

  it('counts each unit once, with the median of its ages, and fits ten units or more', async () => {
    const { models } = await readFailuresByAge(db, {});
    expect(models.map((m) => [m.product_model, m.units, m.median_days, m.fit === null])).toEqual([
      ['A', 5, 10, true],
      ['B', 4, 25, true],
      ['C', 3, 0.5, true],
      ['D', 12, 60, false],
    ]);
    const { shape: k, scale, n } = models[3].fit!;
    const t = ages.D;
    const sk = t.reduce((a, x) => a + x ** k, 0);
    const skl = t.reduce((a, x) => a + x ** k * Math.log(x), 0);
    const meanLog = t.reduce((a, x) => a + Math.log(x), 0) / t.length;
    expect(n).toBe(12);
    expect(skl / sk - 1 / k - meanLog).toBeCloseTo(0, 10);
    expect(scale).toBeCloseTo((sk / t.length) ** (1 / k), 6);
  });
});
