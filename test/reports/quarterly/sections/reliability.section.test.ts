// The quality edition's reliability section on the NIST example as an installed base (test/helpers/nist-units.ts:
// β = 1.7208, η = 606.5 days, B10 ≈ 164 days; 10 failed, 10 suspended), read back with pdftotext; the management
// edition has none.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { writeQuarterlyReport } from '../../../../reports/quarterly/write-quarterly-report.ts';
import { reportedFitRows } from '../../../../reports/quarterly/sections/reliability.section.ts';
import type { ReliabilityFitRow } from '../../../../warehouse/queries/reliability-fits.ts';
import { nistTickets, nistUnits } from '../../../helpers/nist-units.ts';
import { warehouseWithRows } from '../../../helpers/warehouse-with-rows.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-reliability-report-'));
const lines = (pdf: string) =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/).join(' '));

describe('quarterly PDF: reliability with the installed base', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await warehouseWithRows({ tickets: nistTickets, units: nistUnits });
  });
  afterAll(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the quality edition has the fits with bounds, the plot and the forecast (English)', async () => {
    const out = path.join(tmp, 'q.pdf');
    await writeQuarterlyReport(db, { quarter: '2025Q1', out, variant: 'quality', lang: 'en', figures: 'live' });
    const l = lines(out);
    expect(l).toContain('Reliability (with the installed base)');
    expect(l).toContain('With the installed base: 10 units failed, 10 still working (suspended), as of 2025-05-15');
    // By hand from the printed estimates: B10 = 606.528 × 0.1053605^(1/1.7208) = 164.0 days.
    // ("All batches" wraps in its narrow column.)
    expect(l).toContain('P-100 All 20 10 10 1.72 [0.97, 3.05] 607 [405, 908] 164 [84, 321]');
    expect(l.find((x) => x.startsWith('P-100 B2 9 4 5'))).toBe('P-100 B2 9 4 5 Fewer than 5 failures: not fitted — —');
    expect(l.some((x) => /^P-100 10 \d+\.\d \d+–\d+ — —$/.test(x))).toBe(true);
    expect(l.filter((x) => /^(2025-(0[6-9]|1[0-2])|2026-0[1-5]) \d+\.\d \d+–\d+ —$/.test(x))).toHaveLength(12);
  });

  it('the management edition has no reliability section', async () => {
    const out = path.join(tmp, 'm.pdf');
    await writeQuarterlyReport(db, { quarter: '2025Q1', out, variant: 'management', lang: 'en', figures: 'live' });
    expect(lines(out)).not.toContain('Reliability (with the installed base)');
  });
});

describe('reportedFitRows', () => {
  const row = (scope: 'model' | 'batch', model: string, batch: string | null, b10?: number, upper?: number): ReliabilityFitRow => ({
    scope,
    product_model: model,
    production_batch: batch,
    units: 100,
    failures: 10,
    suspensions: 90,
    fit:
      b10 === undefined
        ? null
        : {
            shape: 1,
            scale: 1000,
            b10,
            log_likelihood: -1,
            bounds: { shape: [0.5, 2], scale: [500, 2000], b10: [b10 / 2, upper ?? b10 * 2] },
          },
  });
  const rows = [
    row('model', 'A', null, 100),
    row('batch', 'A', 'A1', 60, 90), // upper bound 90 below the model's 100: clearly shorter-lived
    row('batch', 'A', 'A2', 80, 120), // bounds reach past 100: not clearly
    row('batch', 'A', 'A3'), // not fitted
    row('model', 'B', null), // not fitted: its batches have nothing to be set against
    row('batch', 'B', 'B1', 5, 10),
  ];

  it('prints every row up to the limit', () => {
    expect(reportedFitRows(rows, 6)).toEqual({ rows, leftOut: 0 });
  });

  it('past it, the models and the batches whose B10 upper bound is below their model’s B10', () => {
    const r = reportedFitRows(rows, 5);
    expect(r.rows.map((x) => x.production_batch ?? x.product_model)).toEqual(['A', 'A1', 'B']);
    expect(r.leftOut).toBe(3);
  });
});
