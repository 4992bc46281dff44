// The quality page's reliability panel (<reliability-panel>, on the warranty & installed base tab) in a real
// browser on the NIST example as an installed base (test/helpers/nist-units.ts: β = 1.7208, η = 606.5 days,
// 10 failed and 10 suspended units): the basis said, the fits with bounds and B10 per model and batch, the
// probability plot, the forecast; English; 1440 and 390 px without sideways scroll or a serious accessibility
// violation; without units, the failures-only fit said so.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { runRefresh } from '../../../../../warehouse/refresh/run-refresh.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';
import { axeViolationIds, fitsWidth } from '../../../../helpers/accessibility.ts';
import { nistTickets, nistUnits } from '../../../../helpers/nist-units.ts';
import { warehouseWithRows } from '../../../../helpers/warehouse-with-rows.ts';

describe('<reliability-panel>', () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    db = await warehouseWithRows({ tickets: nistTickets, units: nistUnits });
    ({ page, base, errors } = session = await openPageSession(db, { viewport: { width: 1440, height: 1200 } }));
    await page.goto(`${base}/quality?tab=warranty`);
    await page.locator('reliability-panel #reliability-basis').waitFor();
  }, 180_000);
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  const fitRow = (key: string) => page.locator(`reliability-panel tr[data-fit-row="${key}"]`);
  const cells = async (key: string) => (await fitRow(key).locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

  it('says the fit counts the working units, and shows shape, scale and B10 with their bounds per model and batch', async () => {
    expect(await page.locator('reliability-panel #reliability-basis').innerText()).toBe(
      '计入在用机身：已故障 10 台，仍在使用（删失）10 台，截至 2025-05-15',
    );
    const model = await cells('P-100|*');
    expect(model.slice(0, 5)).toEqual(['P-100', '全部批次', '20', '10', '10']);
    expect(model[5]).toMatch(/^1\.72 \[\d\.\d\d, \d\.\d\d\]$/);
    expect(model[6]).toMatch(/^607 \[[\d,]+, [\d,]+\]$/);
    expect(model[7]).toMatch(/^164 \[\d+, \d+\]$/);
    expect((await cells('P-100|B2'))[5]).toBe('故障少于 5 台，不拟合');
    await page.locator('reliability-panel metric-chart[data-rendered="true"]').waitFor();
    expect(await page.locator('reliability-panel metric-chart svg path').count()).toBeGreaterThan(3);
  });

  it('forecasts the model’s claims with their interval, month by month', async () => {
    const model = page.locator('reliability-panel tr[data-forecast-model="P-100"] td');
    expect((await model.allInnerTexts())[1]).toBe('10');
    expect(await page.locator('reliability-panel tr[data-forecast-month]').count()).toBe(12);
    const june = (await page.locator('reliability-panel tr[data-forecast-month="2025-06"] td').allInnerTexts()).map((t) => t.trim());
    expect(june[0]).toBe('2025年6月');
    expect(june[2]).toMatch(/^\d+–\d+$/);
  });

  it('reads in English, and a model row chooses the plot', async () => {
    await page.goto(`${base}/quality?tab=warranty&lang=en`);
    await page.locator('reliability-panel #reliability-basis').waitFor();
    expect(await page.locator('reliability-panel #reliability-basis').innerText()).toBe(
      'With the installed base: 10 units failed, 10 still working (suspended), as of 2025-05-15',
    );
    await fitRow('P-100|*').click();
    await expect.poll(() => page.locator('reliability-panel #all-plot-models').count()).toBe(1);
    expect(await page.locator('reliability-panel #reliability h3').allInnerTexts()).toContain(
      'Weibull probability plot · P-100 All models',
    );
  });

  it('has no serious accessibility violation at 1440 and 390 px, and fits a phone', async () => {
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(`${base}/quality?tab=warranty`);
      await page.locator('reliability-panel metric-chart[data-rendered="true"]').waitFor();
      await page.locator('reliability-panel tr[data-forecast-month]').first().waitFor();
      expect(await axeViolationIds(page, { seriousOnly: true }), `${width} px`).toEqual([]);
      await expect.poll(() => fitsWidth(page)).toBe(true);
    }
    await page.setViewportSize({ width: 1440, height: 1200 });
  });

  it('without units loaded shows the failures-only fit, said so', async () => {
    await db.run('delete from raw.units');
    expect((await runRefresh(db, 'test')).status).toBe('ok');
    await page.goto(`${base}/quality?tab=warranty`);
    await expect
      .poll(() =>
        page
          .locator('reliability-panel #reliability-basis')
          .innerText()
          .catch(() => ''),
      )
      .toBe('仅含已故障机身：未导入在用机身（装机清单），拟合没有计入仍在正常使用的机身');
    expect((await cells('P-100|*')).slice(0, 5)).toEqual(['P-100', '全部批次', '10', '10', '0']);
    expect(await page.locator('reliability-panel #warranty-forecast').innerText()).toContain('未导入在用机身，无法预测');
    expect(errors).toEqual([]);
  });
});
