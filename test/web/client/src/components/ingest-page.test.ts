// The ingest page in a real browser: preview with a mapping, load, the report and its rejects, the history;
// a large upload's progress bars to their end, errors apart from warnings, a page at a time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { fixturesDir } from '../../../../helpers/fixture-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';
import { axeViolationIds, fitsWidth } from '../../../../helpers/accessibility.ts';

describe('ingest page', () => {
  let db: Warehouse;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-ingest-page-'));
  let session: PageSession;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    ({ page, base } = session = await openPageSession(db));
    await page.goto(`${base}/ingest`);
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('previews a file with a mapping, shows the rows as mapped and their problems', async () => {
    const csv = path.join(tmp, 'export.csv');
    fs.writeFileSync(csv, 'Number,Opened,State\nX1,29/2/2024 10:00,Done\nX2,31/2/2024 10:00,Done\n');
    await page.locator('input[name="file"]').setInputFiles(csv);
    await page.locator('textarea[name="mapping"]').fill(
      JSON.stringify({
        columns: { Number: 'ticket_id', Opened: 'opened_at', State: 'status' },
        values: { status: { Done: 'closed' } },
        dateFormat: '%d/%m/%Y %H:%M',
      }),
    );
    await page.locator('#preview').click();
    await page.locator('#preview-result').waitFor();
    const text = await page.locator('#preview-result').innerText();
    // The record kind's columns and values in words, never their names in the warehouse.
    expect(text).toContain('Number → 工单编号');
    expect(text).not.toContain('ticket_id');
    expect(text).toContain('已关闭');
    expect(text).not.toMatch(/\bclosed\b/);
    expect(text).toMatch(/报修时间: 报修时间（opened_at）应为日期时间/);
    expect(await db.all('select count(*) as n from raw.tickets')).toEqual([{ n: 0 }]);
  });

  it('loads a file and shows the report, the rejected row with its reason, and the history', async () => {
    await page.locator('textarea[name="mapping"]').fill('');
    await page.locator('input[name="file"]').setInputFiles(path.join(fixturesDir, 'tickets-small.csv'));
    await page.locator('#load').click();
    await page.locator('#report').waitFor();
    expect(await page.locator('#report').innerText()).toMatch(/读取 10 · 导入 9 .*拒绝 1/s);
    // The rejected rows arrive after the report.
    await expect
      .poll(async () => (await page.locator('#rejects tbody tr').allInnerTexts()).join('\n'))
      .toContain('故障等级（severity）超出范围 1–4');
    expect(await page.locator('#report a[download]').getAttribute('href')).toMatch(/\/api\/ingest\/runs\/\d+\/rejects\?format=csv/);
    await expect.poll(() => page.locator('#history tbody tr').count()).toBe(1);
    expect(await page.locator('#history tbody tr').first().innerText()).toContain('tickets-small.csv');
  });

  it('markup in a file, its cells and its name is shown as text, never run', async () => {
    const img = `<img src=x onerror='window.__xss=1'>`;
    const dir = path.join(tmp, 'evil');
    fs.mkdirSync(dir, { recursive: true });
    const csv = path.join(dir, `${img}.csv`);
    fs.writeFileSync(
      csv,
      `ticket_id,opened_at,status,fault_description,severity\nH1,2025-07-01 09:00,open,${img},2\nH2,2025-07-01 09:00,open,x,<script>window.__xss=2</script>\n`,
    );
    await page.locator('input[name="file"]').setInputFiles(csv);
    await page.locator('#preview').click();
    await expect.poll(() => page.locator('#preview-result').innerText()).toContain(img);
    await page.locator('#load').click();
    await expect.poll(() => page.locator('#rejects').innerText(), { timeout: 15_000 }).toContain('<script>window.__xss=2</script>');
    await expect.poll(() => page.locator('#history tbody tr').first().innerText()).toContain('onerror');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('#preview-result img, #rejects img, #rejects script, #history img, #report img').count()).toBe(0);
    expect(await db.all(`select fault_description from raw.tickets where ticket_id = 'H1'`)).toEqual([{ fault_description: img }]);
  });

  it('a large upload shows its bytes and its load to the end, then errors first, a page at a time, with a filter', async () => {
    // File rows 2–701: closed without a resolution time (a warning each); 40,000 good rows; the last 3 rows:
    // severity 9 (an error each). Each good row carries a long description: a file of some MiB.
    const pad = 'x'.repeat(80);
    const lines = ['ticket_id,opened_at,status,resolved_at,severity,fault_description'];
    for (let i = 1; i <= 700; i++) lines.push(`W${i},2025-07-01 09:00,closed,,2,w`);
    for (let i = 1; i <= 40_000; i++) lines.push(`G${i},2025-07-01 09:00,open,,2,${pad}${i}`);
    for (const id of ['E1', 'E2', 'E3']) lines.push(`${id},2025-07-01 09:00,open,,9,e`);
    const csv = path.join(tmp, 'large.csv');
    fs.writeFileSync(csv, lines.join('\n') + '\n');
    const size = fs.statSync(csv).size;
    expect(size).toBeGreaterThan(4 * 1024 ** 2);

    await page.locator('textarea[name="mapping"]').fill('');
    await page.locator('input[name="file"]').setInputFiles(csv);
    await page.locator('#load').click();
    await expect.poll(() => page.locator('#load-state').getAttribute('data-phase'), { timeout: 120_000 }).toBe('done');
    // The upload bar full: all the request's bytes (the file and the form around it) sent.
    const upload = await page.locator('#upload-progress').evaluate((e: HTMLProgressElement) => ({ value: e.value, max: e.max }));
    expect(upload.value).toBe(upload.max);
    expect(upload.max).toBeGreaterThan(size);
    const [sent, total] = (await page.locator('#upload-bytes').innerText()).replace('已上传 ', '').split(' / ');
    expect(sent).toBe(total);
    expect(sent).toBe(`${(upload.max / 1024 ** 2).toFixed(1)} MiB`);
    expect(await page.locator('#load-progress').evaluate((e: HTMLProgressElement) => e.value)).toBe(1);
    expect(await page.locator('#load-phase').innerText()).toBe('完成 · 100.0%');
    expect(await page.locator('#upload-progress').getAttribute('id')).toBe(
      await page.locator('label[for="upload-progress"]').getAttribute('for'),
    );

    // 700 + 40,000 + 3 rows read; 3 rejected, 700 loaded with a warning.
    await page.locator('#rejects-range').waitFor();
    expect(await page.locator('#report p').first().innerText()).toMatch(/读取 40,703 · 导入 40,700 .*拒绝 3 · 警告 700/s);
    expect(await page.locator('#error-rows').innerText()).toBe('3');
    expect(await page.locator('#warning-rows').innerText()).toBe('700');
    expect(await page.locator('#rejects-range').innerText()).toBe('第 1–50 条，共 703 条');
    const rowsOf = () =>
      page.locator('#rejects tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.className, tr.children[2].textContent]));
    // Errors first (file rows 702–704 are the last 3 of the file… after the 40,700 before them: 40,702–40,704).
    expect((await rowsOf()).slice(0, 4)).toEqual([
      ['error', '40,702'],
      ['error', '40,703'],
      ['error', '40,704'],
      ['warning', '2'],
    ]);
    expect(await page.locator('#rejects tbody tr').first().innerText()).toContain('错误（行被拒绝）');
    expect(await page.locator('#rejects tbody tr').first().innerText()).toContain('故障等级');

    // Page 2: problems 51–100, warnings on file rows 49–98.
    await page.locator('#next-page').click();
    await expect.poll(() => page.locator('#rejects-range').innerText()).toBe('第 51–100 条，共 703 条');
    const second = await rowsOf();
    expect(second).toHaveLength(50);
    expect(second[0]).toEqual(['warning', '49']);
    expect(second[49]).toEqual(['warning', '98']);

    // Errors only: all 3 on one page, no next page.
    await page.locator('#level-filter').selectOption('error');
    await expect.poll(() => page.locator('#rejects-range').innerText()).toBe('第 1–3 条，共 3 条');
    expect((await rowsOf()).map(([level]) => level)).toEqual(['error', 'error', 'error']);
    expect(await page.locator('#next-page').isDisabled()).toBe(true);
    expect(await page.locator('#previous-page').isDisabled()).toBe(true);

    // This state of the page: no serious accessibility violation; at 390 px the table scrolls in its own box.
    expect(await axeViolationIds(page, { seriousOnly: true })).toEqual([]);
    await page.locator('#level-filter').selectOption('');
    await expect.poll(() => page.locator('#rejects-range').innerText()).toBe('第 1–50 条，共 703 条');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => fitsWidth(page)).toBe(true);
    await page.setViewportSize({ width: 1366, height: 900 });
  }, 240_000);

  it('the history words each load’s message in the page’s language; the problems download is headed in it', async () => {
    // The first load again: skipped as the same content; a file without a usable header: refused.
    await page.locator('textarea[name="mapping"]').fill('');
    await page.locator('input[name="file"]').setInputFiles(path.join(fixturesDir, 'tickets-small.csv'));
    await page.locator('#load').click();
    await expect.poll(() => page.locator('#history tbody tr').first().innerText()).toContain('内容与第 1 次导入相同，未重复导入');
    const empty = path.join(tmp, 'empty.csv');
    fs.writeFileSync(empty, '');
    await page.locator('input[name="file"]').setInputFiles(empty);
    await page.locator('#load').click();
    await expect.poll(() => page.locator('#history tbody tr').first().innerText()).toContain('文件为空');
    const history = await page.locator('#history').innerText();
    expect(history).not.toMatch(/same content|the file is empty/);
    await page.locator('ingest-page').evaluate((e) => ((e as unknown as { lang: string }).lang = 'en'));
    await expect.poll(() => page.locator('#history tbody tr').first().innerText()).toContain('the file is empty');
    expect(await page.locator('#history tbody tr').nth(1).innerText()).toContain('same content as load 1: not loaded again');
    expect(await page.locator('#history').innerText()).not.toMatch(/[\u4e00-\u9fff]{2}/);
    await page.locator('ingest-page').evaluate((e) => ((e as unknown as { lang: string }).lang = 'zh'));

    // The first load's problems as CSV, in Chinese and in English: headers, field, level and reason in words.
    const csvOf = (lang: string) =>
      page.evaluate((l) => fetch(`/api/ingest/runs/1/rejects?format=csv&lang=${l}`).then((r) => r.text()), lang);
    const zh = (await csvOf('zh')).replace(/^\uFEFF/, '').split('\r\n');
    expect(zh[0]).toBe('导入编号,文件,行号,字段,值,级别,原因');
    // File row 11 answers its first response before it was opened.
    expect(zh[1]).toBe('1,tickets-small.csv,11,首次响应时间,2025-07-05 08:00,错误（行被拒绝）,首次响应时间早于报修时间');
    const en = (await csvOf('en')).replace(/^\uFEFF/, '').split('\r\n');
    expect(en[0]).toBe('Load,File,Row,Field,Value,Level,Reason');
    expect(en[1]).toBe(
      '1,tickets-small.csv,11,First response at,2025-07-05 08:00,Error (row rejected),first response is before the ticket was opened',
    );
  });

  it('offers the example mappings', async () => {
    await page.locator('select[name="example"]').selectOption('uci-incident-event-log.tickets');
    expect(await page.locator('textarea[name="mapping"]').inputValue()).toContain('"dateFormat": "%d/%m/%Y %H:%M"');
  });
});
