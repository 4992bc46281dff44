// The quality edition's MIS tables on the installed-base fixture (test/helpers/units-warehouse.ts; the cells are
// worked out in test/warehouse/queries/claims-per-thousand.test.ts), read back with pdftotext: the models with
// the most units (KF-1: 6 units with a lifetime, KF-2: 1), per production month, MIS 1 … 12.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { writeQuarterlyReport } from '../../../../reports/quarterly/write-quarterly-report.ts';
import { unitsWarehouse } from '../../../helpers/units-warehouse.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-warranty-report-'));
const lines = (pdf: string) =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/).join(' '));

describe('quarterly PDF: claims per 1,000 units by months in service', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await unitsWarehouse();
  });
  afterAll(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the quality edition shows the MIS table of each model with the most units (Chinese)', async () => {
    const out = path.join(tmp, 'q.pdf');
    await writeQuarterlyReport(db, { quarter: '2024Q4', out, variant: 'quality', figures: 'live' });
    const l = lines(out);
    expect(l).toContain('千台索赔率（按在用月数）');
    const kf1 = l.indexOf('KF-1');
    const kf2 = l.indexOf('KF-2');
    expect(kf1).toBeGreaterThan(0);
    expect(kf2).toBeGreaterThan(kf1);
    // 2024-01 (U1, U2, U3): MIS 1 2 of 3, MIS 2 0 of 3, MIS 3 1 of 2, MIS 4–11 0 of 2; MIS 12 not reached.
    expect(l.slice(kf1, kf2)).toContain('2024年1月 3 666.7 0.0 500.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0 0.0');
    // 2024-02 (U4, U5, U9): MIS 1 0 of 3, MIS 2 1 of 2, MIS 3–7 0 of 2.
    expect(l.slice(kf1, kf2)).toContain('2024年2月 3 0.0 500.0 0.0 0.0 0.0 0.0 0.0');
    // 2023-06 (U6): at risk from MIS 8 (the months before the data began are not observed), 1 claim of 1 unit.
    expect(l.slice(kf2)).toContain('2023年6月 1 1,000.0 0.0 0.0 0.0 0.0');
  });

  it('the management edition has no MIS table', async () => {
    const out = path.join(tmp, 'm.pdf');
    await writeQuarterlyReport(db, { quarter: '2024Q4', out, variant: 'management', lang: 'en', figures: 'live' });
    expect(lines(out)).not.toContain('Claims per 1,000 units by months in service');
  });
});
