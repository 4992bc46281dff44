// The Reports page in Chromium on the service quarter: produce an edition from the form, see it in the archive,
// download the PDF; a failed one shows its reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { serviceQuarterWarehouse } from '../../../../helpers/fixture-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';

describe('reports page', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-reports-page-'));
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    ({ page, base, errors } = session = await openPageSession(
      db,
      { acceptDownloads: true },
      { reports: { dir: tmp, companyName: '华信' } },
    ));
    await page.goto(`${base}/reports?quarter=2025Q3`);
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('produces the HR edition of 2025 Q3 from the form and lists it for download', async () => {
    await expect.poll(() => page.locator('#archive').innerText()).toContain('还没有报告');
    expect(await page.locator('select[name="quarter"]').inputValue()).toBe('2025-Q3');
    await page.locator('select[name="variant"]').selectOption('hr');
    await page.locator('#produce button[type="submit"]').click();
    await expect.poll(() => page.locator('#archive tbody tr').count(), { timeout: 30_000 }).toBe(1);
    const row = await page.locator('#archive tbody tr').innerText();
    expect(row).toContain('2025年第3季度');
    expect(row).toContain('人力资源版');
    expect(row).toContain('手动');
    expect(row).toContain('完成');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#archive a[download]').click()]);
    expect(download.suggestedFilename()).toBe('aftersight-2025-Q3-hr-zh.pdf');
    const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
  });
});
