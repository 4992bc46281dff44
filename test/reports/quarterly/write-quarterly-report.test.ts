import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { writeQuarterlyReport } from '../../../reports/quarterly/write-quarterly-report.ts';
import { fixtureWarehouse } from '../../helpers/fixture-warehouse.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-report-'));
const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

describe('quarterly PDF report', () => {
  let db: Warehouse;
  let zh: { path: string; bytes: number; pages: number };
  let en: { path: string; bytes: number; pages: number };
  beforeAll(async () => {
    db = await fixtureWarehouse();
    zh = await writeQuarterlyReport(db, { quarter: '2025Q3', out: path.join(tmp, 'zh.pdf'), companyName: '华信售后服务有限公司', asOf: new Date('2025-10-08T02:00:00Z') });
    en = await writeQuarterlyReport(db, { quarter: '2025-Q3', out: path.join(tmp, 'en.pdf'), lang: 'en', companyName: 'Acme Service' });
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('has the Chinese title, the company, the quarter and the as-of time, as extractable text', () => {
    const t = text(zh.path);
    expect(t).toContain('季度售后服务分析报告');
    expect(t).toContain('华信售后服务有限公司');
    expect(t).toContain('2025年第3季度');
    expect(t).toContain('2025年10月8日');
    // Cover, contents, resolution rate, and the definitions appendix over two pages.
    expect(t).toMatch(/第 ?1 ?页 ?\/ ?共 ?5 ?页/);
  });

  it('shows the fixture numbers: resolved / counted / rate by region and in total', () => {
    const lines = text(zh.path).split('\n').map((l) => l.trim().split(/\s+/).join(' '));
    expect(lines).toContain('华东 2 3 66.7%');
    expect(lines).toContain('华北 2 3 66.7%');
    expect(lines).toContain('合计 4 6 66.7%');
    // 华南's only tickets are in Q4: not in a Q3 report.
    expect(lines.some((l) => l.startsWith('华南'))).toBe(false);
  });

  it('the English variant speaks English', () => {
    const t = text(en.path);
    expect(t).toContain('Quarterly after-sales service report');
    expect(t).toContain('Resolution rate');
    expect(t).toContain('Q3 2025');
    expect(t).toMatch(/Page 1 of \d/);
  });

  it('embeds a subset CJK font, draws charts as vectors, and stays small', () => {
    const fonts = execFileSync('pdffonts', [zh.path], { encoding: 'utf8' });
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansHans-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes/);
    const images = execFileSync('pdfimages', ['-list', zh.path], { encoding: 'utf8' }).trim().split('\n');
    expect(images.length).toBe(2); // the header lines only: no raster image
    expect(zh.bytes).toBeLessThan(400 * 1024);
    expect(zh.pages).toBe(5);
  });
});
