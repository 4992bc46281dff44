// The overview page in a real browser against a real server and warehouse.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { fixtureWarehouse } from '../../../../helpers/fixture-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';

describe('overview dashboard', () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    db = await fixtureWarehouse();
    ({ page, base, errors } = session = await openPageSession(db));
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  const rows = async () => (await page.locator('#trend tbody tr').allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));

  it('shows the Chinese page with both charts drawn and the fixture numbers', async () => {
    await page.goto(`${base}/?from=2025-07-01&to=2025-12-31&grain=quarter`);
    await expect.poll(() => page.locator('h1').innerText()).toContain('服务总览');
    await page.locator('#trend metric-chart[data-rendered="true"]').waitFor();
    await page.locator('#volume metric-chart[data-rendered="true"]').waitFor();
    expect(await page.locator('#trend metric-chart svg path').count()).toBeGreaterThan(0);
    expect(await page.locator('#volume metric-chart svg path').count()).toBeGreaterThan(0);
    expect(await rows()).toEqual([
      ['2025年第3季度', '4', '6', '66.7%'],
      ['2025年第4季度', '1', '2', '50.0%'],
    ]);
    await page.screenshot({ path: '/tmp/aftersight-dashboard.png' });
  });

  it('the region filter updates the URL and the data', async () => {
    await page.locator('filter-bar select[name="region"]').selectOption('华北');
    await expect.poll(() => page.url()).toContain(`region=${encodeURIComponent('华北')}`);
    await expect.poll(rows, { timeout: 15_000 }).toEqual([['2025年第3季度', '2', '3', '66.7%']]);
  });

  it('switches to English, keeps it in the URL, and a reload keeps every filter', async () => {
    await page.locator('#lang').click();
    await expect.poll(() => page.locator('h1').innerText()).toContain('Service overview');
    expect(page.url()).toContain('lang=en');
    await page.reload();
    await expect.poll(rows).toEqual([['Q3 2025', '2', '3', '66.7%']]);
    expect(await page.locator('filter-bar select[name="region"]').inputValue()).toBe('华北');
    await page.goBack();
    await expect.poll(() => page.locator('h1').innerText()).toContain('服务总览');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it.each([
    ['a small laptop', 1024, 768],
    ['a projector', 1920, 1080],
  ])('fits %s (%i × %i): no sideways scrolling, two panels a row', async (_name, width, height) => {
    await page.setViewportSize({ width, height });
    await page.goto(`${base}/?from=2025-07-01&to=2025-12-31&grain=quarter`);
    await page.locator('#volume metric-chart[data-rendered="true"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const boxes = await Promise.all(['#trend', '#volume'].map((id) => page.locator(`overview-page ${id}`).boundingBox()));
    for (const b of boxes) expect(b!.x + b!.width).toBeLessThanOrEqual(width);
    // Two panels a row on both (each grid column is at least 460 px).
    expect(boxes[1]!.y).toBe(boxes[0]!.y);
  });
});
