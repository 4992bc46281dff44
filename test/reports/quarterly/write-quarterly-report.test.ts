// The quarterly PDF read back with pdftotext: Chinese and English headings, the hand-computed figures of the
// fixtures, the flags' reasons, each edition's sections, no technician named in the management edition, a
// subset CJK font, vector charts; the bookmark outline and which font draws which text, read back with poppler.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { writeQuarterlyReport, type WrittenReport } from '../../../reports/quarterly/write-quarterly-report.ts';
import { fixtureWarehouse, serviceQuarterWarehouse } from '../../helpers/fixture-warehouse.ts';
import { scoredQuarterWarehouse } from '../../helpers/scored-quarter.ts';
import { createAction, updateAction } from '../../../warehouse/queries/corrective-actions.ts';
import { metricCatalog, metricKeys } from '../../../contract/metrics/catalog.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-report-'));
const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
/** pdftotext lines with runs of spaces made single. */
const lines = (pdf: string) =>
  text(pdf)
    .split('\n')
    .map((l) => l.trim().split(/\s+/).join(' '));
const xml = (pdf: string) => execFileSync('pdftohtml', ['-xml', '-i', '-stdout', pdf], { encoding: 'utf8' });
const xmlText = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** The PDF's bookmarks, as poppler reads them: title and page. */
const outline = (pdf: string) =>
  [...(xml(pdf).match(/<outline>([\s\S]*?)<\/outline>/)?.[1] ?? '').matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map(
    (m) => [xmlText(m[2]), Number(m[1])] as const,
  );
/** Every piece of text poppler finds, with the font that draws it (subset prefix dropped). */
const textFonts = (pdf: string) => {
  const x = xml(pdf);
  const family = new Map([...x.matchAll(/<fontspec id="(\d+)"[^>]*family="(?:[A-Z]{6}\+)?([^"]+)"/g)].map((m) => [m[1], m[2]]));
  return [...x.matchAll(/<text [^>]*font="(\d+)"[^>]*>(.*?)<\/text>/g)].map((m) => ({ font: family.get(m[1])!, text: xmlText(m[2]) }));
};

describe('quarterly PDF report', () => {
  let small: Warehouse;
  let service: Warehouse;
  let scored: Warehouse;
  let zh: WrittenReport;
  let en: WrittenReport;
  let management: WrittenReport;
  let quality: WrittenReport;
  let hr: WrittenReport;
  let hrManagement: WrittenReport;
  beforeAll(async () => {
    [small, service, scored] = await Promise.all([fixtureWarehouse(), serviceQuarterWarehouse(), scoredQuarterWarehouse()]);
    zh = await writeQuarterlyReport(small, {
      quarter: '2025Q3',
      out: path.join(tmp, 'zh.pdf'),
      companyName: '华信售后服务有限公司',
      asOf: new Date('2025-10-08T02:00:00Z'),
    });
    en = await writeQuarterlyReport(small, { quarter: '2025-Q3', out: path.join(tmp, 'en.pdf'), lang: 'en', companyName: 'Acme Service' });
    management = await writeQuarterlyReport(service, { quarter: '2025Q3', out: path.join(tmp, 'management.pdf'), variant: 'management' });
    quality = await writeQuarterlyReport(service, {
      quarter: '2025Q3',
      out: path.join(tmp, 'quality.pdf'),
      variant: 'quality',
      lang: 'en',
    });
    hr = await writeQuarterlyReport(scored, { quarter: '2025Q3', out: path.join(tmp, 'hr.pdf'), variant: 'hr' });
    hrManagement = await writeQuarterlyReport(scored, {
      quarter: '2025Q3',
      out: path.join(tmp, 'hr-management.pdf'),
      variant: 'management',
    });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([small?.close(), service?.close(), scored?.close()]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('has the Chinese title, the company, the quarter, the edition and the as-of time, as extractable text', () => {
    const t = text(zh.path);
    expect(t).toContain('季度售后服务分析报告');
    expect(t).toContain('华信售后服务有限公司');
    expect(t).toContain('2025年第3季度');
    expect(t).toContain('管理层版 · 全部大区');
    expect(t).toContain('2025年10月8日');
    expect(t).toMatch(new RegExp(`第 ?1 ?页 ?/ ?共 ?${zh.pages} ?页`));
    for (const heading of [
      '目录',
      '执行摘要',
      '解决率',
      '时效达标（按故障等级）',
      '客户满意度',
      '投诉',
      '服务成本',
      '故障帕累托',
      '本季度质量问题标记',
      '返修与顽固故障机',
      '配件与旧件返还',
      '指标定义',
    ]) {
      expect(t, heading).toContain(heading);
    }
  });

  it('shows the fixture numbers: resolved / counted / rate by region and in total', () => {
    const l = lines(zh.path);
    expect(l).toContain('华东 2 3 66.7%');
    expect(l).toContain('华北 2 3 66.7%');
    expect(l).toContain('合计 4 6 66.7%');
    // 华南's only tickets are in Q4: not in a Q3 report.
    expect(l.some((x) => x.startsWith('华南'))).toBe(false);
  });

  it('the executive summary gives the KPIs of the service quarter against the previous quarter, in a table and in words', () => {
    // Q3 (hand-computed in management-metrics.test.ts): 35 counted, 33 resolved (94.3 %), cost ¥1,010. Q2 in the
    // fixture: M37–M40, four tickets, all closed, no cost lines: opened (35 − 4) / 4 = +775.0 %, resolution
    // 94.3 % − 100 % = −5.7 points (worse); cost has no earlier figure (0). No ticket a year before.
    const l = lines(management.path);
    expect(l).toContain('新增工单 35 ▲ 775.0% 无可比数据');
    expect(l).toContain('解决率 94.3% ▼ 5.7个百分点 (恶化) 无可比数据');
    expect(l).toContain('服务成本 ¥1,010.00 无可比数据 无可比数据');
    expect(text(management.path)).toContain('解决率 94.3%，较上季度下降 5.7 个百分点（恶化），较去年同期无可比数据。');
  });

  it("the quarter's flags carry their reasons, and the tables hold the dashboard's figures", () => {
    const l = lines(management.path);
    // Ten severity-1 tickets of the ten: far above the share the quarter's would lead to expect.
    expect(l.find((x) => x.startsWith('BCD-450 F1 10 — 影响重大：10 张 1 级故障工单（占本组合 10 张的 100.0%'))).toBeTruthy();
    // SLA: severity 1 arrival 5 of 10 met; complaints: one verified attitude complaint; cost lines.
    expect(l).toContain('1级 到场 5 10 50.0%');
    expect(l).toContain('服务态度 查实 1');
    expect(l).toContain('配件 保外 ¥500.00');
    // The overdue defective part, without the technician who holds it in this edition.
    expect(l.find((x) => x.startsWith('P1 AC-P001 M01 2025-07-01 2025-07-22'))).toMatch(/^P1 AC-P001 M01 2025-07-01 2025-07-22 \d+$/);
  });

  it('the English quality edition speaks English and names the technician holding an overdue part', () => {
    const t = text(quality.path);
    expect(t).toContain('Quarterly after-sales service report');
    expect(t).toContain('Quality engineering edition · All regions');
    expect(t).toContain("The quarter's quality flags");
    expect(t).toContain('Major impact: 10 severity-1 tickets (100.0 % of its 10');
    expect(t).toMatch(/Page 1 of \d+/);
    expect(lines(quality.path).find((x) => x.startsWith('P1 AC-P001 M01'))).toMatch(/ E001$/);
    expect(t).not.toContain('Technician ranking');
  });

  it("the quality edition lists the quarter's corrective actions, their outcome and whether the problem was flagged again", async () => {
    expect(text(quality.path)).toContain('No corrective action concerns this quarter');
    const a = await createAction(
      service,
      { source: 'flag', quarter: '2025Q3', product_model: 'BCD-450', fault_code: 'F1', problem_statement: 'Trips' },
      'quality',
    );
    await updateAction(service, a.action_id, { effective_date: '2025-08-01', owner: 'Li' }, 'quality');
    const withAction = await writeQuarterlyReport(service, {
      quarter: '2025Q3',
      out: path.join(tmp, 'quality-actions.pdf'),
      variant: 'quality',
      lang: 'en',
    });
    const t = text(withAction.path);
    expect(t).toContain("The quarter's corrective actions: did the same problem happen again?");
    // The fixture's data end in 2025-09: 90 days after 2025-08-01 are not there yet. The flag is major impact,
    // not "too often": not flagged again.
    expect(lines(withAction.path)).toContain(`${a.action_id} BCD-450 F1 Trips 2025-08-01 Open Too early to tell no`);
    expect(t.split(/\s+/).join(' ')).toContain('90 days after the effective date are needed: the data must reach 2025-10-30');
    // The management edition has no such section.
    const management2 = await writeQuarterlyReport(service, {
      quarter: '2025Q3',
      out: path.join(tmp, 'management-actions.pdf'),
      variant: 'management',
      lang: 'en',
    });
    expect(text(management2.path)).not.toContain("The quarter's corrective actions");
  });

  it('the HR edition ranks the technicians; the management edition of the same quarter names none of them', () => {
    const l = lines(hr.path);
    expect(l).toContain('工程师考核排名');
    expect(l.find((x) => x.startsWith('1 E1 甲'))).toMatch(/^1 E1 甲 华东 T1 20 80\.25 B/);
    expect(l.some((x) => x.startsWith('— E3 丙'))).toBe(true);
    const m = text(hrManagement.path);
    expect(m).not.toContain('工程师考核排名');
    for (const name of ['甲', '乙', '丙', 'E1 ', 'E2 ', 'E3 ']) expect(m, name).not.toContain(name);
  });

  it("has a bookmark for every section, in the edition's language, in page order", () => {
    const zhOutline = outline(zh.path);
    expect(zhOutline.map(([title]) => title)).toEqual([
      '执行摘要',
      '解决率',
      '时效达标（按故障等级）',
      '客户满意度',
      '投诉',
      '服务成本',
      '故障帕累托',
      '本季度质量问题标记',
      '返修与顽固故障机',
      '配件与旧件返还',
      '回访与巡检',
      '指标定义',
    ]);
    // After the cover and the contents, each on the page where its heading is.
    expect(zhOutline[0][1]).toBe(3);
    const pages = text(zh.path).split('\f');
    for (const [title, page] of zhOutline) expect(pages[page - 1], title).toContain(title);
    expect(outline(quality.path).map(([title]) => title)).toEqual([
      'Executive summary',
      'Resolution rate',
      'SLA compliance by severity',
      'Customer satisfaction',
      'Complaints',
      'Service cost',
      'Fault Pareto',
      "The quarter's quality flags",
      "The quarter's corrective actions: did the same problem happen again?",
      'Repeat repairs and chronic units',
      'Reliability (with the installed base)',
      'Parts and defective-part returns',
      'Callbacks & inspections',
      'Metric definitions',
    ]);
  });

  it('draws Latin text in the Latin font and Chinese in the CJK font, in either language', () => {
    const fontsOf = (pdf: string) => execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    for (const pdf of [en.path, zh.path, quality.path]) {
      expect(fontsOf(pdf)).toMatch(/[A-Z]{6}\+Roboto-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
      expect(fontsOf(pdf)).toMatch(/[A-Z]{6}\+Roboto-Medium\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
    }
    expect(fontsOf(zh.path)).toMatch(/[A-Z]{6}\+NotoSansHans-Regular\s+CID Type 0C/);
    // Every text without a Chinese character — body, headings, tables, chart labels — is in Roboto, in both
    // languages; every text with one is in Noto Sans SC.
    for (const pdf of [quality.path, zh.path]) {
      const all = textFonts(pdf);
      expect(all.length).toBeGreaterThan(100);
      for (const { font, text: s } of all) {
        if (/[A-Za-z0-9]/.test(s) && /^[\x20-\x7e’“”·—–…×÷−≥≤¥]*$/.test(s)) expect(font, s).toMatch(/^Roboto/);
        if (/[\u4e00-\u9fff]/.test(s)) expect(font, s).toMatch(/^NotoSansHans/);
      }
    }
    const q = textFonts(quality.path);
    expect(q.find((x) => x.text.includes('severity’s targets'))?.font).toBe('Roboto');
    expect(q.filter((x) => x.text === 'Fault Pareto').map((x) => x.font.replace(/-.*/, ''))).toEqual([
      'Roboto',
      'Roboto',
      'Roboto',
      'Roboto',
    ]);
    // The apostrophe reads back as one, with no gap after it.
    expect(text(quality.path)).toContain('in service hours against the severity’s targets');
  });

  it('never breaks a metric name mid-word in the definitions, and shows no metric key', () => {
    for (const [pdf, lang, heading] of [
      [en.path, 'en', 'Metric definitions'],
      [zh.path, 'zh', '指标定义'],
    ] as const) {
      // From the appendix's first page (after the contents, which name it too) to the end.
      const pages = text(pdf).split('\f');
      const definitions = pages.slice(pages.findIndex((p, i) => i > 1 && p.includes(heading))).join('\n');
      const tokens = new Set(definitions.split(/\s+/));
      for (const k of metricKeys) {
        // A key is a column name for developers: the appendix names each metric in words ("opened" is a word too).
        if (k.includes('_')) expect(tokens.has(k), k).toBe(false);
        if (lang === 'en') for (const word of metricCatalog[k].label.en.split(' ')) expect(tokens.has(word), `${k}: ${word}`).toBe(true);
      }
    }
  });

  it('embeds a subset CJK font, draws charts as vectors, and stays small', () => {
    const fonts = execFileSync('pdffonts', [management.path], { encoding: 'utf8' });
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansHans-Regular\s+CID Type 0C\s+Identity-H\s+yes\s+yes/);
    const images = execFileSync('pdfimages', ['-list', management.path], { encoding: 'utf8' }).trim().split('\n');
    expect(images.length).toBe(2); // the header lines only: no raster image
    expect(management.bytes).toBeLessThan(400 * 1024);
    expect(management.pages).toBeGreaterThanOrEqual(12);
    expect(management.pages).toBeLessThanOrEqual(16);
    // English runs longer than Chinese (the definitions appendix): a page at the most.
    expect(Math.abs(en.pages - zh.pages)).toBeLessThanOrEqual(1);
  });
});
