// The Scorecards page in a real browser on the hand-scored quarter: ranking and grades, the insufficient-data
// technician unranked, a click opens the evidence and the trend, the region filter lives in the URL, and the
// export link downloads the CSV.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';
import { scoredQuarterWarehouse } from '../../../../helpers/scored-quarter.ts';

describe('scorecards page', () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    db = await scoredQuarterWarehouse();
    ({ page, base, errors } = session = await openPageSession(db, { viewport: { width: 1440, height: 1600 }, acceptDownloads: true }));
    await page.goto(`${base}/scorecards?quarter=2025Q3`);
    await page.locator('#grades metric-chart[data-rendered="true"]').waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  const cells = (id: string) => page.locator(`#ranking tr[data-technician="${id}"] td`).allInnerTexts();

  it('ranks the scored technicians with grades, the insufficient one unranked', async () => {
    expect(await page.locator('#ranking tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-technician')))).toEqual([
      'E1',
      'E2',
      'E3',
    ]);
    const e1 = await cells('E1');
    expect(e1.slice(0, 7)).toEqual(['1', 'E1 甲', '华东', 'T1', '20', '80.25', 'B']);
    // Satisfaction: 24 points, 80.0 % of 20 with its Wilson interval.
    expect(e1[8]).toContain('24.0');
    expect(e1[8]).toContain('80.0% (16/20) [58.4%–91.9%]');
    const e3 = await cells('E3');
    expect(e3[0]).toBe('—');
    expect(e3[6]).toBe('数据不足');
  });

  it('a click opens the evidence behind the points lost, and the trend', async () => {
    await page.locator('#ranking tr[data-technician="E1"]').click();
    await expect.poll(() => page.locator('#evidence').innerText()).toContain('A20 → B21');
    const evidence = await page.locator('#evidence').innerText();
    expect(evidence).toContain('A1(2), A2(2), A3(2), A4(2)');
    expect(evidence).toContain('K1·A5');
    await page.locator('#person metric-chart[data-rendered="true"]').waitFor();
  });

  it('each part of the points lost opens the tickets behind it', async () => {
    // E1's four ratings of 2 (A1–A4): the drawer lists those four tickets.
    await page.locator('#evidence button[data-component="satisfaction"]').click();
    await expect.poll(() => page.locator('drill-drawer h2').innerText()).toContain('· 4 张工单');
    const ids = await page
      .locator('drill-drawer tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.querySelector('td')!.textContent!.trim()));
    expect(ids.sort()).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(await page.locator('drill-drawer a[download]').getAttribute('href')).toBe(
      '/api/technicians/E1/evidence/tickets?period=2025Q3&component=satisfaction&format=csv&lang=zh&limit=100000',
    );
    await page.locator('drill-drawer #close').click();
    await expect.poll(() => page.locator('drill-drawer').count()).toBe(0);
  });

  it('O/E and the intervals are explained where shown', async () => {
    const explain = await page.locator('#explain').innerText();
    expect(explain).toContain('95% 置信区间');
    expect(explain).toContain('O/E');
    expect(await page.locator('#ranking tr[data-technician="E1"] td').nth(8).locator('.ci').last().getAttribute('title')).toContain('期望');
  });

  it('the region filter is kept in the URL and narrows the ranking', async () => {
    await page.locator('#region').selectOption('华北');
    await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe('华北');
    await expect.poll(() => page.locator('#ranking tbody tr').count()).toBe(1);
    await page.goBack();
    await expect.poll(() => page.locator('#ranking tbody tr').count()).toBe(3);
  });

  it('the team filter ranks within the team; the open technician is in the URL and survives a reload', async () => {
    await page.locator('#region').selectOption('华东');
    await page.locator('#team').selectOption('T1');
    await expect.poll(() => new URL(page.url()).searchParams.get('team')).toBe('T1');
    await expect
      .poll(() => page.locator('#ranking tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-technician'))))
      .toEqual(['E1', 'E2']);
    expect(await page.locator('#ranking th').first().innerText()).toBe('班组内排名');
    expect((await cells('E2'))[0]).toBe('2');
    await page.locator('#ranking tr[data-technician="E2"]').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('technician')).toBe('E2');
    await page.reload();
    await expect.poll(() => page.locator('#person h2').innerText()).toContain('E2 · 乙');
    expect(await page.locator('#team').inputValue()).toBe('T1');
    // Another region forgets the team and the open technician.
    await page.locator('#region').selectOption('华北');
    await expect.poll(() => new URL(page.url()).search).toBe('?quarter=2025Q3&region=%E5%8D%8E%E5%8C%97');
    await expect.poll(() => page.locator('#person h2').count()).toBe(0);
    await page.locator('#region').selectOption('');
  });

  it('a ranking row opens from the keyboard: Tab reaches it, Enter opens the technician', async () => {
    await page.locator('#ranking tr[data-technician="E1"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('technician')).toBe('E1');
    await expect.poll(() => page.locator('#person h2').innerText(), { timeout: 15_000 }).toContain('E1 · 甲');
    await page.locator('#close-person').click();
  });

  it('the CSV export downloads the quarter with Chinese headers', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    expect(download.suggestedFilename()).toBe('technician-scores-2025-Q3.csv');
    const text = await new Response((await download.createReadStream()) as unknown as ReadableStream).text();
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[1]).toMatch(/^2025-Q3,E1,甲,华东,T1,20,已评分,80.25,B,1,/);
    expect(errors).toEqual([]);
  });
});
