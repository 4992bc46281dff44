// The management overview in a real browser on the hand-checked fixture: KPI tiles with the change against
// the previous period, the charts, and a click that opens the tickets behind a bar.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { fixtureWarehouse } from '../../../../helpers/fixture-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';

describe('management overview', () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    db = await fixtureWarehouse();
    ({ page, base, errors } = session = await openPageSession(db, { viewport: { width: 1440, height: 1800 } }));
    await page.goto(`${base}/?from=2025-10-01&to=2025-12-31&grain=month`);
    await page.locator('#sla metric-chart[data-rendered="true"]').waitFor();
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  const tile = async (metric: string) => (await page.locator(`kpi-tile[data-metric="${metric}"] div`).allInnerTexts()).join(' ');

  it('shows the KPI tiles of Q4 2025 with the change against Q3 2025', async () => {
    // Q4: T8, T9 counted (2), T8 resolved: 50.0%; Q3: 4 of 6 = 66.7% -> 16.7 points lower.
    expect(await tile('resolution_rate')).toBe('解决率 50.0% ▼ 16.7个百分点 较上期');
    // Opened: 2 in Q4 vs 6 in Q3 (−66.7 %), neither better nor worse.
    expect(await tile('opened')).toBe('新增工单 2 ▼ 66.7% 较上期');
    // SLA compliance judges open tickets at the refresh: its tile and chart say as of when.
    const [{ at }] = await db.all<{ at: string }>(`select strftime(judged_at, '%Y-%m-%d %H:%M') as at from marts.judged_at`);
    expect(await tile('sla_compliance')).toContain(`截至 ${at}`);
    expect(await page.locator('#sla h2').innerText()).toContain(`截至 ${at}`);
    expect(await tile('resolution_rate')).not.toContain('截至');
    for (const id of ['#trend', '#volume', '#sla', '#aging', '#satisfaction', '#complaints', '#cost']) {
      await page.locator(`${id} metric-chart[data-rendered="true"]`).waitFor({ timeout: 10_000 });
    }
  });

  it('a click on an SLA bar opens the tickets that missed it, with a CSV download', async () => {
    // Q4 resolution target: T9 (level 3, paused since 10 Oct 2025, far past 48 service hours) missed it.
    const bars = page.locator('#sla metric-chart svg path[fill]');
    expect(await bars.count()).toBeGreaterThan(0);
    await page.evaluate(() => {
      // The event ECharts' click on the level-3 resolution bar produces (a real mouse click is tested below).
      const chart = document
        .querySelector('aftersight-app')!
        .shadowRoot!.querySelector('overview-page')!
        .shadowRoot!.querySelector('#sla metric-chart')!;
      chart.dispatchEvent(
        new CustomEvent('chart-click', {
          detail: { data: { keys: { severity: '3', sla_target: 'resolution' } } },
          bubbles: true,
          composed: true,
        }),
      );
    });
    const drawer = page.locator('drill-drawer');
    await drawer.waitFor();
    await expect.poll(() => drawer.locator('tbody tr').count()).toBe(1);
    expect(await drawer.locator('tbody tr').first().innerText()).toContain('T9');
    expect(await drawer.locator('a[download]').getAttribute('href')).toContain('sla_target=resolution');
    await drawer.locator('#close').click();
    expect(await page.locator('drill-drawer').count()).toBe(0);
  });

  it('a real mouse click on a backlog aging bar opens the tickets of that bucket open at the end of the range', async () => {
    // Open at the end of 31 Dec 2025: T3 (open), T5 (in progress), T9 (paused), all older than 30 days.
    await page.locator('#aging metric-chart svg path[fill="#2f6fde"]').last().click();
    const drawer = page.locator('drill-drawer');
    await drawer.waitFor();
    await expect.poll(async () => (await drawer.locator('tbody tr td:first-child').allInnerTexts()).sort()).toEqual(['T3', 'T5', 'T9']);
    // The last bar is "> 30 d": the drawer asks for that bucket only.
    expect(await drawer.locator('a[download]').getAttribute('href')).toContain('open_age=%3E30d');
    expect(errors).toEqual([]);
  });
});
