// The cadence page in a real browser on the hand-worked fixture (test/helpers/cadence-warehouse.ts): the
// compliance tiles and the table by team, the overdue list most late first in the reader's words, at 1440 and
// 390 px (no sideways scroll), no serious accessibility violation.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { cadenceWarehouse } from '../../../../helpers/cadence-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';
import { axeViolationIds, fitsWidth } from '../../../../helpers/accessibility.ts';

describe('cadence page', () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    db = await cadenceWarehouse();
    ({ page, base } = session = await openPageSession(db, { viewport: { width: 1440, height: 1000 } }));
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  it('shows compliance by team and the overdue list, in Chinese and English', async () => {
    await page.goto(`${base}/cadence`);
    // Inspections 3 of 41 on time: 7.3 %; callbacks 2 of 23: 8.7 %.
    await expect
      .poll(() =>
        page
          .locator('cadence-page #tile-inspection_compliance .value')
          .innerText()
          .catch(() => ''),
      )
      .toBe('7.3%');
    await expect.poll(() => page.locator('cadence-page #tile-callback_compliance .value').innerText()).toBe('8.7%');
    const firstTeam = page.locator('cadence-page section[aria-labelledby="by-team"] tbody tr').first();
    await expect.poll(() => firstTeam.innerText()).toMatch(/^东一组\s+15\.8% \(19\)\s+20\.0% \(10\)/);
    // By quarter, newest first; 2025-Q1: inspections 1 of 3 (U1) + 0 of 2 (U2), callbacks 0 of 2.
    const q1 = page.locator('cadence-page section[aria-labelledby="by-quarter"] tbody tr', { hasText: '2025年第1季度' });
    await expect.poll(() => q1.innerText()).toMatch(/^2025年第1季度\s+20\.0% \(5\)\s+0\.0% \(2\)\s+—$/);
    const overdue = page.locator('cadence-page section[aria-labelledby="overdue"] tbody tr').first();
    // Most late: U2's month-1 inspection, due 2024-02-29, 1,096 days before 2027-03-01.
    await expect.poll(() => overdue.innerText()).toMatch(/^U2\s+巡检\s+东二组\s+2024-01-31\s+2024-02-29\s+1,096$/);
    await page.goto(`${base}/cadence?lang=en`);
    await expect.poll(() => overdue.innerText().catch(() => '')).toMatch(/^U2\s+Inspection\s+/);
  });

  it('a compliance figure opens the dues behind it: on time, done late, not done', async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto(`${base}/cadence`);
    // 东一组's inspections: 19 dues (U1), latest first: month 27 due 2027-02-15, IS4 a day late (2027-02-16).
    await page
      .locator('cadence-page section[aria-labelledby="by-team"] tbody tr', { hasText: '东一组' })
      .locator('button.figure[data-metric="inspection_compliance"]')
      .click();
    const drawer = page.locator('cadence-page drill-drawer');
    await expect
      .poll(() =>
        drawer
          .locator('h2')
          .innerText()
          .catch(() => ''),
      )
      .toBe('巡检及时率 · 东一组 · 19 次应做');
    await expect
      .poll(() => drawer.locator('tbody tr').first().innerText())
      .toMatch(/^巡检\s+U1\s+东一组\s+E1\s+2024-11-15\s+2027-02-15\s+迟做\s+2027-02-16\s+1$/);
    // Month 24 (2026-11-15): not done, 106 days late at 2027-03-01; month 14 (2026-01-15): on time, IS3 that day.
    await expect.poll(() => drawer.locator('tbody tr').nth(1).innerText()).toMatch(/2026-11-15\s+逾期未做\s+106$/);
    await expect
      .poll(() => drawer.locator('tbody tr', { hasText: '2026-01-15' }).first().innerText())
      .toMatch(/2026-01-15\s+按时\s+2026-01-15\s+0$/);
    // The download is the same dues, in the reader's language.
    expect(await drawer.locator('a[download]').getAttribute('href')).toBe(
      '/api/cadence/dues?metric=inspection_compliance&team=%E4%B8%9C%E4%B8%80%E7%BB%84&format=csv&lang=zh&limit=100000',
    );
    expect(await axeViolationIds(page, { seriousOnly: true })).toEqual([]);
    await drawer.locator('#close').click();
    // 2025-Q1 callbacks, in English: 0 of 2 on time — U1's 2025-02-15 (CB2 a day late) and U2's 2025-01-31 (not done).
    await page.goto(`${base}/cadence?lang=en`);
    await page
      .locator('cadence-page section[aria-labelledby="by-quarter"] tbody tr', { hasText: 'Q1 2025' })
      .locator('button.figure[data-metric="callback_compliance"]')
      .click();
    await expect
      .poll(() =>
        drawer
          .locator('h2')
          .innerText()
          .catch(() => ''),
      )
      .toBe('Callback compliance · Q1 2025 · 2 dues');
    await expect
      .poll(() => drawer.locator('tbody').innerText())
      .toMatch(/Callback\s+U1\s+东一组\s+E1\s+2024-11-15\s+2025-02-15\s+Done late\s+2025-02-16\s+1/);
    await expect
      .poll(() => drawer.locator('tbody').innerText())
      .toMatch(/Callback\s+U2\s+东二组\s+E2\s+2024-01-31\s+2025-01-31\s+Not done\s+—?\s*759/);
  });

  it('fits a phone and has no serious accessibility violation', async () => {
    await page.goto(`${base}/cadence`);
    await page.locator('cadence-page section[aria-labelledby="overdue"] tbody tr').first().waitFor();
    expect(await axeViolationIds(page, { seriousOnly: true })).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => fitsWidth(page)).toBe(true);
  });
});
