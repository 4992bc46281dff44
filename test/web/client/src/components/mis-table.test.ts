// The quality page's warranty tab (<mis-table>) in a real browser on the hand-worked installed base
// (test/helpers/units-warehouse.ts; cells worked out in test/warehouse/queries/claims-per-thousand.test.ts): the
// MIS table per production month and per batch with each cell's units at risk, a model filter, the chart, Chinese
// and English, 1440 and 390 px without sideways scroll and without a serious accessibility violation; without
// an installed base, a clear note saying what to load.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { runRefresh } from '../../../../../warehouse/refresh/run-refresh.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';
import { axeViolationIds, fitsWidth } from '../../../../helpers/accessibility.ts';
import { unitsWarehouse } from '../../../../helpers/units-warehouse.ts';

describe('warranty tab: claims per 1,000 units by months in service', () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    db = await unitsWarehouse();
    ({ page, base, errors } = session = await openPageSession(db, { viewport: { width: 1440, height: 1200 } }));
    // The first page of a session loads the whole bundle: slow on a busy machine.
    await page.goto(`${base}/quality?tab=warranty`);
    await page.locator('mis-table #mis-table').waitFor();
  }, 180_000);
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  const row = (cohort: string) => page.locator(`mis-table #mis-table tbody tr[data-cohort="${cohort}"]`);
  const cell = (cohort: string, mis: number) => row(cohort).locator(`td[data-mis="${mis}"]`);
  const text = async (cohort: string, mis: number) => (await cell(cohort, mis).innerText()).replace(/\s+/g, ' ').trim();

  it('shows the cells per production month, each with its units at risk', async () => {
    await row('2024-01').waitFor();
    expect(await page.locator('#tab-warranty').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('mis-table #mis-table tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-cohort')))).toEqual([
      '2023-06',
      '2024-01',
      '2024-02',
    ]);
    expect((await row('2024-01').locator('th').innerText()).trim()).toBe('2024年1月');
    // 2024-01 (batch A): MIS 1: 2 claims of 3 units = 666.7 per 1,000; MIS 2: 0 of 3; MIS 3: 1 of 2 = 500.
    expect(await text('2024-01', 1)).toBe('666.7 3');
    expect(await text('2024-01', 2)).toBe('0.0 3');
    expect(await text('2024-01', 3)).toBe('500.0 2');
    // 2023-06 (batch C): nothing before MIS 8 (months before the data began), then 1 claim of 1 unit.
    expect(await row('2023-06').locator('td[data-mis]').count()).toBe(11); // MIS 8 … 18
    expect(await row('2023-06').locator('td').nth(6).innerText()).toBe(''); // MIS 7
    expect(await text('2023-06', 8)).toBe('1,000.0 1');
    await page.locator('mis-table metric-chart[data-rendered="true"]').waitFor();
    expect(await page.locator('mis-table metric-chart svg path').count()).toBeGreaterThan(3);
  });

  it('per batch, for one model; the CSV link asks for the same table', async () => {
    await page.locator('mis-table #mis-by').selectOption('production_batch');
    await row('A').waitFor();
    expect(await text('B', 2)).toBe('500.0 2');
    await page.locator('mis-table #mis-model').selectOption('KF-2');
    await expect.poll(() => page.locator('mis-table #mis-table tbody tr').count()).toBe(1);
    expect(await text('C', 8)).toBe('1,000.0 1');
    const href = await page.locator('mis-table #mis-csv').getAttribute('href');
    expect(new URL(href!, base).searchParams.get('product_model')).toBe('KF-2');
    expect(new URL(href!, base).searchParams.get('by')).toBe('production_batch');
  });

  it('reads in English', async () => {
    await page.goto(`${base}/quality?tab=warranty&lang=en`);
    await row('2024-01').waitFor();
    expect((await row('2024-01').locator('th').innerText()).trim()).toBe('2024-01');
    expect(await page.locator('#tab-warranty').innerText()).toContain('Warranty & installed base');
    expect(await page.locator('mis-table h2').innerText()).toBe('Claims per 1,000 units by months in service');
  });

  it('has no serious accessibility violation at 1440 and 390 px, and fits a phone', async () => {
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(`${base}/quality?tab=warranty`);
      await page.locator('mis-table metric-chart[data-rendered="true"]').waitFor();
      expect(await axeViolationIds(page, { seriousOnly: true }), `${width} px`).toEqual([]);
      await expect.poll(() => fitsWidth(page)).toBe(true);
    }
    await page.setViewportSize({ width: 1440, height: 1200 });
  });

  it('without an installed base says what to load', async () => {
    await db.run('delete from raw.units');
    const r = await runRefresh(db, 'test');
    expect(r.status).toBe('ok');
    await page.goto(`${base}/quality?tab=warranty`);
    await expect
      .poll(() =>
        page
          .locator('mis-table #mis-empty')
          .innerText()
          .catch(() => ''),
      )
      .toContain('尚未导入装机档案');
    expect(errors).toEqual([]);
  });
});
