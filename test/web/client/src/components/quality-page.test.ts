// The Quality page in a real browser on a generated dataset with planted patterns: the planted spike heads
// the flags, a flag opens its tickets, a chronic unit opens its history, the charts draw, the quarter lives
// in the URL (back works), and the parts figures are the API's.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Planted } from '../../../../../ingest/generator/generate-dataset.ts';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';
import { generatedWarehouse } from '../../../../helpers/generated-warehouse.ts';
import { parseQuarterKey } from '../../../../../contract/period/quarters.ts';

describe('quality page', () => {
  let db: Warehouse;
  let planted: Planted;
  let session: PageSession;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    ({ db, planted } = await generatedWarehouse({ tickets: 20_000, seed: 3, plant: true }));
    ({ page, base, errors } = session = await openPageSession(db, { viewport: { width: 1440, height: 2400 } }));
    await page.goto(`${base}/quality?quarter=${planted.spike!.quarter.replace('-', '')}`);
    await page.locator('#pareto metric-chart[data-rendered="true"]').waitFor();
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  it('the planted spike heads the flags, marked too often, and opens its tickets', async () => {
    const { product_model, fault_code } = planted.spike!;
    const first = page.locator('#flags tbody tr').first();
    expect(await first.getAttribute('data-flag')).toBe(`${product_model}|${fault_code}`);
    expect(await first.innerText()).toContain('发生过多');
    const count = Number((await first.locator('td').nth(2).innerText()).trim());
    await first.click();
    await expect.poll(() => page.locator('drill-drawer h2').innerText()).toContain(`${count.toLocaleString()} 张工单`);
    await page.locator('drill-drawer #close').click();
  });

  it('draws the Pareto and the heatmap as SVG', async () => {
    for (const id of ['#pareto', '#heatmap']) {
      await page.locator(`${id} metric-chart[data-rendered="true"]`).waitFor();
      expect(await page.locator(`${id} metric-chart svg path`).count(), id).toBeGreaterThan(10);
    }
  });

  it('the chronic units heading says how many are shown of how many there are', async () => {
    const q = parseQuarterKey(planted.spike!.quarter);
    const [{ n }] = await db.all<{ n: number }>(
      `select count(distinct serial_no)::integer as n from metrics.chronic_units where is_chronic and day between '${q.from}' and '${q.to}'`,
    );
    expect(n).toBeGreaterThan(0);
    const shown = await page.locator('#chronic tbody tr').count();
    expect(shown).toBe(Math.min(n, 50));
    const heading = await page.locator('#chronic-count').innerText();
    expect(heading).toBe(n > 50 ? `50 / 共 ${n.toLocaleString('zh-CN')}` : n.toLocaleString('zh-CN'));
  });

  it("a chronic unit opens its history, one entry per ticket", async () => {
    const row = page.locator('#chronic tbody tr').first();
    const serial = (await row.getAttribute('data-serial'))!;
    const tickets = Number((await row.locator('td').nth(3).innerText()).trim());
    await row.click();
    await expect.poll(() => page.locator('unit-timeline li').count()).toBe(tickets);
    expect(await page.locator('unit-timeline h3').innerText()).toContain(serial);
    // The chart draws, and a click on a ticket's point marks its entry in the list.
    await page.locator('unit-timeline metric-chart[data-rendered="true"]').waitFor();
    const last = (await page.locator('unit-timeline li').last().getAttribute('data-ticket'))!;
    await page.evaluate((ticketId) => {
      const timeline = document.querySelector('aftersight-app')!.shadowRoot!.querySelector('quality-page')!.shadowRoot!.querySelector('unit-timeline')!;
      timeline.shadowRoot!.querySelector('metric-chart')!.dispatchEvent(new CustomEvent('chart-click', { detail: { data: { keys: { ticket_id: ticketId } } }, bubbles: true, composed: true }));
    }, last);
    await expect.poll(() => page.locator('unit-timeline li.shown').getAttribute('data-ticket')).toBe(last);
  });

  it('parts per repair ticket and returns on time are the API figures', async () => {
    const q = planted.spike!.quarter;
    const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(-1))];
    const from = `${y}-${String(n * 3 - 2).padStart(2, '0')}-01`;
    const to = new Date(Date.UTC(y, n * 3, 0)).toISOString().slice(0, 10);
    const usage = await (await fetch(`${base}/api/metrics/parts_usage?from=${from}&to=${to}`)).json();
    expect(await page.locator('#parts-per-repair').innerText()).toBe(usage.overall.parts_per_repair_ticket.toFixed(2));
    const returns = await (await fetch(`${base}/api/metrics/parts_return_on_time?grain=all&from=${from}&to=${to}`)).json();
    expect(await page.locator('#returns-on-time').innerText()).toBe(`${(returns.rows[0].value * 100).toFixed(1)}%`);
  });

  it('a bar of failures by age opens the repair tickets of that month in service', async () => {
    // The bar "6 months, in warranty": the drawer must list as many tickets as the figure counts for it.
    const to = new URL(page.url()).searchParams.get('quarter')!;
    const quarterEnd = { Q1: '03-31', Q2: '06-30', Q3: '09-30', Q4: '12-31' }[to.slice(4) as 'Q1'];
    const figure = (await (await fetch(`${base}/api/metrics/failures_by_age?to=${to.slice(0, 4)}-${quarterEnd}`)).json()) as { rows: { months_in_service: number; warranty: string; tickets: number }[] };
    const counted = figure.rows.filter((r) => r.months_in_service === 6 && r.warranty === 'warranty').reduce((n, r) => n + r.tickets, 0);
    expect(counted).toBeGreaterThan(0);
    await page.evaluate(() => {
      const chart = document.querySelector('aftersight-app')!.shadowRoot!.querySelector('quality-page')!.shadowRoot!.querySelector('#ages metric-chart')!;
      chart.dispatchEvent(new CustomEvent('chart-click', { detail: { data: { keys: { months_in_service: '6', warranty: 'warranty' } } }, bubbles: true, composed: true }));
    });
    await expect.poll(() => page.locator('drill-drawer h2').innerText()).toContain(`· ${counted.toLocaleString('en-US')} 张工单`);
    expect(await page.locator('drill-drawer a[download]').getAttribute('href')).toContain('metric=failures_by_age&months_in_service=6&warranty=warranty');
    await page.locator('drill-drawer #close').click();
  });

  it('a model\'s fit row narrows the failures-by-age chart to that model, and its bars open that model\'s tickets', async () => {
    const row = page.locator('#ages tbody tr[data-fit]').first();
    const model = (await row.getAttribute('data-fit'))!;
    await row.click();
    await expect.poll(() => page.locator('#ages h2').innerText()).toContain(model);
    const to = new URL(page.url()).searchParams.get('quarter')!;
    const quarterEnd = { Q1: '03-31', Q2: '06-30', Q3: '09-30', Q4: '12-31' }[to.slice(4) as 'Q1'];
    const figure = (await (await fetch(`${base}/api/metrics/failures_by_age?to=${to.slice(0, 4)}-${quarterEnd}&product_model=${encodeURIComponent(model)}`)).json()) as {
      rows: { months_in_service: number; warranty: string; tickets: number }[];
    };
    const bar = figure.rows.reduce((a, b) => (b.tickets > a.tickets ? b : a));
    await page.evaluate((keys) => {
      const chart = document.querySelector('aftersight-app')!.shadowRoot!.querySelector('quality-page')!.shadowRoot!.querySelector('#ages metric-chart')!;
      chart.dispatchEvent(new CustomEvent('chart-click', { detail: { data: { keys } }, bubbles: true, composed: true }));
    }, { months_in_service: String(bar.months_in_service), warranty: bar.warranty });
    await expect.poll(() => page.locator('drill-drawer h2').innerText()).toContain(`${model} · ${bar.months_in_service}`);
    await expect.poll(() => page.locator('drill-drawer h2').innerText()).toContain(`· ${bar.tickets.toLocaleString('en-US')} 张工单`);
    await page.locator('drill-drawer #close').click();
    await page.locator('#all-models').click();
    await expect.poll(() => page.locator('#ages h2').innerText()).toContain('全部型号');
  });

  it('a part opens the counted tickets that used it', async () => {
    const row = page.locator('#parts tbody tr[data-part]').first();
    const part = (await row.getAttribute('data-part'))!;
    await row.click();
    // The heading shows the part at once and the ticket count once the page has loaded.
    await expect.poll(() => page.locator('drill-drawer h2').innerText()).toMatch(new RegExp(`${part}.*· [\\d,]+ 张工单`));
    const text = await page.locator('drill-drawer h2').innerText();
    expect(Number(/· ([\d,]+) 张工单/.exec(text)![1].replaceAll(',', ''))).toBeGreaterThan(0);
    await page.locator('drill-drawer #close').click();
  });

  it('the quarter is in the URL; back returns to the previous one', async () => {
    const before = new URL(page.url()).searchParams.get('quarter');
    await page.locator('#quarter').selectOption({ index: 2 });
    await expect.poll(() => new URL(page.url()).searchParams.get('quarter')).not.toBe(before);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get('quarter')).toBe(before);
    await expect.poll(() => page.locator('#flags tbody tr').first().getAttribute('data-flag')).toBe(`${planted.spike!.product_model}|${planted.spike!.fault_code}`);
    expect(errors).toEqual([]);
  });
});
