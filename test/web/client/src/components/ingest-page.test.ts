// The ingest page in a real browser: preview with a mapping, load, the report and its rejects, the history.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { fixturesDir } from '../../../../helpers/fixture-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';

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
      JSON.stringify({ columns: { Number: 'ticket_id', Opened: 'opened_at', State: 'status' }, values: { status: { Done: 'closed' } }, dateFormat: '%d/%m/%Y %H:%M' }),
    );
    await page.locator('#preview').click();
    await page.locator('#preview-result').waitFor();
    const text = await page.locator('#preview-result').innerText();
    expect(text).toContain('Number → ticket_id');
    expect(text).toContain('closed');
    expect(text).toMatch(/opened_at: 报修时间（opened_at）应为日期时间/);
    expect(await db.all('select count(*) as n from raw.tickets')).toEqual([{ n: 0 }]);
  });

  it('loads a file and shows the report, the rejected row with its reason, and the history', async () => {
    await page.locator('textarea[name="mapping"]').fill('');
    await page.locator('input[name="file"]').setInputFiles(path.join(fixturesDir, 'tickets-small.csv'));
    await page.locator('#load').click();
    await page.locator('#report').waitFor();
    expect(await page.locator('#report').innerText()).toMatch(/读取 10 · 导入 9 .*拒绝 1/s);
    // The rejected rows arrive after the report.
    await expect.poll(async () => (await page.locator('#rejects tbody tr').allInnerTexts()).join('\n')).toContain('故障等级（severity）超出范围 1–4');
    expect(await page.locator('#report a[download]').getAttribute('href')).toMatch(/\/api\/ingest\/runs\/\d+\/rejects\?format=csv/);
    await expect.poll(() => page.locator('#history tbody tr').count()).toBe(1);
    expect(await page.locator('#history tbody tr').first().innerText()).toContain('tickets-small.csv');
  });

  it('markup in a file, its cells and its name is shown as text, never run', async () => {
    const img = `<img src=x onerror='window.__xss=1'>`;
    const dir = path.join(tmp, 'evil');
    fs.mkdirSync(dir, { recursive: true });
    const csv = path.join(dir, `${img}.csv`);
    fs.writeFileSync(csv, `ticket_id,opened_at,status,fault_description,severity\nH1,2025-07-01 09:00,open,${img},2\nH2,2025-07-01 09:00,open,x,<script>window.__xss=2</script>\n`);
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

  it('offers the example mappings', async () => {
    await page.locator('select[name="example"]').selectOption('uci-incident-event-log.tickets');
    expect(await page.locator('textarea[name="mapping"]').inputValue()).toContain('"dateFormat": "%d/%m/%Y %H:%M"');
  });
});
