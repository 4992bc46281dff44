// The Quality page's early warnings and corrective actions in a real browser on generated data: the planted
// spike's warning says what rose; the menu counts the new warnings; a state change and an action opened from the
// warning go through the API and show; the counts of open actions follow.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Planted } from '../../../../../ingest/generator/generate-dataset.ts';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';
import { generatedWarehouse } from '../../../../helpers/generated-warehouse.ts';

describe('quality page: early warnings and corrective actions', () => {
  let db: Warehouse;
  let planted: Planted;
  let session: PageSession;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ db, planted } = await generatedWarehouse({ tickets: 10_000, seed: 3 }));
    ({ page, errors } = session = await openPageSession(db, { viewport: { width: 1440, height: 2400 } }));
    await page.goto(`${session.base}/quality?quarter=${planted.spike!.quarter.replace('-', '')}`);
    await page.locator('#early-warnings table').waitFor();
  }, 300_000);
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  const spikeRow = async () => {
    const [{ alert_id }] = await db.all<{ alert_id: number }>(
      `select alert_id from early_warning_alerts where grain = 'week' and product_model = $1 and fault_code = $2`,
      [planted.spike!.product_model, planted.spike!.fault_code],
    );
    return { id: alert_id, row: page.locator(`#early-warnings tr[data-alert="${alert_id}"]`) };
  };

  it('the planted spike is warned in words: what rose, by how much, since when', async () => {
    const { row } = await spikeRow();
    const text = await row.innerText();
    expect(text).toContain(`机型 ${planted.spike!.product_model} 的故障 ${planted.spike!.fault_code}`);
    // The generated data have an installed base: the rise is counted against the units in service.
    expect(text).toMatch(/当周起上升：按在用台数计（已扣除产品线的季节变化）为平常的 [0-9.]+ 倍（[0-9,]+ 张，按在用台数预期 [0-9.,]+ 张）/);
    expect(text).toContain('新预警');
  });

  it('the menu shows the count of new warnings beside Quality', async () => {
    const [{ n }] = await db.all<{ n: number }>(`select count(*)::integer as n from early_warning_alerts where state = 'new'`);
    expect(n).toBeGreaterThan(0);
    expect(await page.locator('aftersight-app nav a[href^="/quality"] #new-alerts').innerText()).toBe(String(n));
  });

  it('acknowledging a warning and opening an action from it go through the API and show on the page', async () => {
    const { id, row } = await spikeRow();
    await row.locator('select[name="state"]').selectOption('acknowledged');
    await row.locator('input[name="note"]').fill('看过了');
    await row.locator('form button[type="submit"]').first().click();
    await expect
      .poll(async () => (await db.all<{ state: string }>(`select state from early_warning_alerts where alert_id = $1`, [id]))[0].state)
      .toBe('acknowledged');
    await expect.poll(() => page.locator(`#early-warnings tr[data-alert="${id}"]`).innerText()).toContain('已确认');
    expect(await page.locator('#count-open').innerText()).toBe('0');
    await page.locator(`#early-warnings tr[data-alert="${id}"] button.open-action`).click();
    await page.locator(`#early-warnings tr[data-alert="${id}"] form.open-action button`).click();
    await page.locator('#corrective-actions tbody tr').first().waitFor();
    expect(await page.locator('#count-open').innerText()).toBe('1');
    const action = await page.locator('#corrective-actions tbody tr').first().innerText();
    expect(action).toContain(planted.spike!.product_model);
    expect(action).toContain('为时尚早');
    expect(await page.locator(`#early-warnings tr[data-alert="${id}"]`).innerText()).toContain('措施中');
    expect(errors).toEqual([]);
  });
});
