// The fault Pareto in the PDF, worked out by hand: 101 tickets in Q3 2025 over 25 fault codes — C01 15, C02 9,
// C03…C20 4 each, C21…C25 1 each. Cumulative: C01 15 (14.9 %), C02 24 (23.8 %), C16 80 (79.2 %), C17 84
// (83.2 %): C17 crosses 80 %, so the vital few are C01…C17 — two more than the report's 15 rows. The chart, the
// table and the caption all show those 17 (ties rank by code), and nothing after them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../../../ingest/run-ingest.ts';
import { runRefresh } from '../../../../warehouse/refresh/run-refresh.ts';
import { writeQuarterlyReport } from '../../../../reports/quarterly/write-quarterly-report.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-pareto-pdf-'));
const code = (i: number) => `C${String(i).padStart(2, '0')}`;
/** The PDF's page holding the Pareto heading and caption, its runs of spaces made single. */
const paretoPage = (pdf: string, heading: string) =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.includes(heading))
    .map((p) => p.split('\n').map((l) => l.trim().split(/\s+/).join(' ')))
    .find((p) => p.includes(heading))!;

describe('fault Pareto in the quarterly PDF', () => {
  let db: Warehouse;
  let en: string;
  let zh: string;
  beforeAll(async () => {
    const counts: [string, number][] = [
      [code(1), 15],
      [code(2), 9],
    ];
    for (let i = 3; i <= 20; i++) counts.push([code(i), 4]);
    for (let i = 21; i <= 25; i++) counts.push([code(i), 1]);
    const lines = ['ticket_id,opened_at,status,fault_code,fault_category'];
    let n = 0;
    for (const [c, k] of counts)
      for (let i = 0; i < k; i++) lines.push(`T${++n},2025-08-${String(1 + (n % 28)).padStart(2, '0')} 10:00,open,${c},x`);
    const file = path.join(tmp, 'tickets.csv');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    db = await openWarehouse(':memory:');
    await ingestFile(db, 'tickets', file);
    await runRefresh(db, 'test');
    en = (await writeQuarterlyReport(db, { quarter: '2025Q3', out: path.join(tmp, 'en.pdf'), lang: 'en', variant: 'quality' })).path;
    zh = (await writeQuarterlyReport(db, { quarter: '2025Q3', out: path.join(tmp, 'zh.pdf'), variant: 'quality' })).path;
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('lists every fault up to and including the one crossing 80 %, and says how many of how many', () => {
    const page = paretoPage(en, 'Fault Pareto');
    expect(page.join(' ')).toContain('are the vital few (17 of 25 shown)');
    expect(page).toContain('C01 15 14.9% 14.9% Vital few');
    expect(page).toContain('C02 9 8.9% 23.8% Vital few');
    expect(page).toContain('C16 4 4.0% 79.2% Vital few');
    expect(page).toContain('C17 4 4.0% 83.2% Vital few');
    expect(page.join(' ')).not.toContain('C18');
    const rows = page.filter((l) => /^C\d\d \d+ /.test(l));
    expect(rows).toHaveLength(17);
    expect(paretoPage(zh, '故障帕累托').join(' ')).toContain('（显示 17 / 共 25 项）');
  });

  it('draws the same 17 faults in the chart as the table lists', () => {
    // The chart's axis labels are rotated: pdftotext -raw gives them one character a line, from the first "C".
    const raw = execFileSync('pdftotext', ['-raw', en, '-'], { encoding: 'utf8' })
      .split('\f')
      .find((p) => /^Fault Pareto$/m.test(p) && p.includes('shown)'))!;
    const lines = raw.split('\n');
    const from = lines.indexOf('C');
    let axis = '';
    for (let i = from; lines[i]?.length === 1; i++) axis += lines[i];
    expect(axis).toBe(Array.from({ length: 17 }, (_, i) => code(i + 1)).join(''));
  });
});
