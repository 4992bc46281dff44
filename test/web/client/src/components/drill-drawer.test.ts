// The management page's drill-downs on the hand-built service quarter, in Chromium: a complaints bar opens its
// complaints (not tickets), a cost bar the tickets with those cost lines, an aging bar only its bucket.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { serviceQuarterWarehouse } from '../../../../helpers/fixture-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';

describe('overview drill-downs', () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    ({ page, base, errors } = session = await openPageSession(db, { viewport: { width: 1440, height: 1800 } }));
    await page.goto(`${base}/?from=2025-07-01&to=2025-09-30&grain=month`);
    for (const id of ['#aging', '#complaints', '#cost']) await page.locator(`${id} metric-chart[data-rendered="true"]`).waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  const drawer = () => page.locator('overview-page drill-drawer');
  const firstColumn = async () => (await drawer().locator('tbody tr td:first-child').allInnerTexts()).sort();
  const clickChart = (id: string, keys: Record<string, string>) =>
    page.evaluate(
      ([id, keys]) => {
        const chart = document
          .querySelector('aftersight-app')!
          .shadowRoot!.querySelector('overview-page')!
          .shadowRoot!.querySelector(`${id} metric-chart`)!;
        chart.dispatchEvent(new CustomEvent('chart-click', { detail: { data: { keys } }, bubbles: true, composed: true }));
      },
      [id, keys] as const,
    );

  it('a complaints bar lists its complaints, with their CSV', async () => {
    // Verified attitude complaints received in Q3: C1 only.
    await clickChart('#complaints', { category: 'attitude', verified: 'yes' });
    await expect.poll(firstColumn).toEqual(['C1']);
    expect(await drawer().locator('h2').innerText()).toContain('1 条投诉');
    expect(await drawer().locator('a[download]').getAttribute('href')).toMatch(/^\/api\/complaints\?.*category=attitude&verified=yes/);
    await drawer().locator('#close').click();
    // Not verified: C2 (late) and C3 (product, about no ticket).
    await clickChart('#complaints', { category: 'product', verified: 'no' });
    await expect.poll(firstColumn).toEqual(['C3']);
    await drawer().locator('#close').click();
  });

  it('a cost bar lists the tickets with those cost lines', async () => {
    // Labour paid by the customer: R2 + R3 on M21 (out of warranty).
    await clickChart('#cost', { cost_type: 'labour', warranty: 'paid' });
    await expect.poll(firstColumn).toEqual(['M21']);
    await drawer().locator('#close').click();
  });

  it('a real click on the first aging bar lists only the tickets under a day old', async () => {
    // Open at the end of 30 Sep: M34 (3 h), M36 (5.6 d), M30 (51.6 d); the first bar is 0–1 d.
    await page.locator('#aging metric-chart svg path[fill="#2f6fde"]').first().click();
    await expect.poll(firstColumn).toEqual(['M34']);
    await drawer().locator('#close').click();
    expect(errors).toEqual([]);
  });

  it('a chart bar opens from the keyboard alone: Tab to the chart, arrows to the bar, Enter', async () => {
    // From the trend table's last row, Tab moves on through the charts' one stop each until the complaints chart.
    await page.locator('overview-page #trend tbody tr').last().focus();
    const focused = () =>
      page.evaluate(() => {
        let a: Element | null = document.activeElement;
        while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
        const chart = (a?.getRootNode() as ShadowRoot | undefined)?.host;
        return { panel: chart?.closest('section')?.id ?? '', text: a?.textContent ?? '' };
      });
    for (let i = 0; i < 12 && (await focused()).panel !== 'complaints'; i++) await page.keyboard.press('Tab');
    expect((await focused()).panel).toBe('complaints');
    // The complaints by category and verified: 服务态度 · 查实 is C1 alone.
    for (let i = 0; i < 12 && !(await focused()).text.startsWith('服务态度 · 查实'); i++) await page.keyboard.press('ArrowRight');
    expect((await focused()).text).toBe('服务态度 · 查实: 1');
    await page.keyboard.press('Enter');
    await expect.poll(firstColumn).toEqual(['C1']);
    await drawer().locator('#close').click();
    expect(errors).toEqual([]);
  });

  it('a trend table row opens from the keyboard: the tickets counted in that month', async () => {
    const row = page.locator('overview-page #trend tbody tr[data-period="2025-07"]');
    const counted = (await row.locator('td').allInnerTexts())[2];
    await row.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => drawer().locator('h2').innerText(), { timeout: 15_000 }).toContain('2025年7月');
    await expect.poll(() => drawer().locator('h2').innerText(), { timeout: 15_000 }).toContain(`· ${counted} 张工单`);
    expect(errors).toEqual([]);
  });

  it("the SLA times chart draws each level's configured target as a goal mark in hours; a button switches the target", async () => {
    await page.locator('#sla-times metric-chart[data-rendered="true"]').waitFor();
    const texts = () => page.locator('overview-page #sla-times metric-chart svg text').allTextContents();
    // Default response targets (metrics.md): level 1 0.5 h, 2 1 h, 3 2 h, 4 24 h; unclassified as level 3.
    await expect.poll(texts).toEqual(expect.arrayContaining(['0.5 小时', '1.0 小时', '2.0 小时', '24.0 小时', '目标']));
    // Arrival, chosen from the keyboard: 4, 8, 24, 72 h.
    await page.locator('overview-page #sla-times button[data-kind="arrival"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('overview-page #sla-times button[data-kind="arrival"]').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(texts).toEqual(expect.arrayContaining(['4.0 小时', '8.0 小时', '24.0 小时', '72.0 小时']));
    expect(errors).toEqual([]);
  });

  it('at 390 px every category of the SLA and satisfaction charts is labelled, in the page language', async () => {
    await page.setViewportSize({ width: 390, height: 1800 });
    await page.goto(`${base}/?from=2025-07-01&to=2025-09-30&grain=month&lang=en`);
    for (const id of ['#sla', '#satisfaction']) await page.locator(`${id} metric-chart[data-rendered="true"]`).waitFor();
    const texts = (id: string) => page.locator(`overview-page ${id} metric-chart svg text`).allTextContents();
    // The fixture's severities 1–4 and one ticket without: five groups; satisfaction scores 1–5.
    await expect.poll(() => texts('#sla')).toEqual(expect.arrayContaining(['Level 1', 'Level 2', 'Level 3', 'Level 4', 'Unspecified']));
    await expect.poll(() => texts('#satisfaction')).toEqual(expect.arrayContaining(['1', '2', '3', '4', '5']));
    expect(errors).toEqual([]);
  });
});
