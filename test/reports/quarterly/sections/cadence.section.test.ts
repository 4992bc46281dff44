// The quarterly PDF's cadence section on the hand-worked fixture (test/helpers/cadence-warehouse.ts), read back
// with pdftotext. 2025-Q1: U1's inspections due 01-15 (late), 02-15 (on time), 03-15 (not done): 1 of 3; U2's
// due 01-31 and 03-31, neither done: 0 of 2. Callbacks: U1's 02-15 (a day late), U2's 01-31: none on time.
// Not done by 2025-03-31: U2's 13 inspections and 5 callbacks, U1's 03-15 inspection; most late first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { writeQuarterlyReport } from '../../../../reports/quarterly/write-quarterly-report.ts';
import { cadenceWarehouse } from '../../../helpers/cadence-warehouse.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-cadence-report-'));
const lines = (pdf: string) =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/).join(' '));

describe('quarterly PDF: service cadence', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await cadenceWarehouse();
  });
  afterAll(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('compliance by team and the dues not done, most late first (management edition, Chinese)', async () => {
    const out = path.join(tmp, 'm.pdf');
    await writeQuarterlyReport(db, { quarter: '2025Q1', out, variant: 'management', figures: 'live' });
    const l = lines(out);
    expect(l).toContain('回访与巡检');
    expect(l).toContain('东一组 33.3% (3) 0.0% (1) —');
    expect(l).toContain('东二组 0.0% (2) 0.0% (1) —');
    const first = l.findIndex((x) => x.startsWith('U2 巡检 东二组 2024-02-29'));
    expect(l[first]).toBe('U2 巡检 东二组 2024-02-29 1,096');
    expect(l.filter((x) => /^U[12] (巡检|回访) 东[一二]组 \d{4}-\d{2}-\d{2} [\d,]+$/.test(x))).toHaveLength(19);
  });

  it('the HR edition has no cadence section', async () => {
    const out = path.join(tmp, 'hr.pdf');
    await writeQuarterlyReport(db, { quarter: '2025Q1', out, variant: 'hr', lang: 'en', figures: 'live' });
    expect(lines(out)).not.toContain('Callbacks & inspections');
  });
});
