// The quarterly flag rule on a crafted series. Two product lines with 100 tickets a quarter each. Previous
// four quarters: 4 tickets of the watched (model, fault) each, so the baseline is 4 and the upper 99 % Poisson
// limit 9 (P(X <= 8) = 0.9786, P(X <= 9) = 0.9919). In 2025-Q3 line A has 9 (at the limit: no flag) and line B
// 10 (above it: a flag).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../../ingest/run-ingest.ts';
import { runRefresh } from '../../../warehouse/refresh/run-refresh.ts';
import { readQualityFlags } from '../../../warehouse/queries/quality-flags.ts';
import { poissonUpperLimit } from '../../../warehouse/queries/poisson.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-flags-'));

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
    const file = path.join(tmp, 't.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    db = await openWarehouse(':memory:');
    await ingestFile(db, 'tickets', file);
    await runRefresh(db, 'test');
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
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
