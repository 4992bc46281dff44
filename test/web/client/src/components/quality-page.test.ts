// The Quality page in a real browser on a generated dataset with planted patterns: it opens with what needs
// attention (the planted spike heads the flags, its fault named beside its code, and opens its tickets); the rest
// sits in tabs named with their row counts (arrow keys move between them); long tables page ("N of M"), sort
// and search; a chronic unit opens its history, the charts draw, the quarter lives in the URL (back works), and
// the parts figures are the API's.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Planted } from '../../../../../ingest/generator/generate-dataset.ts';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';
import { generatedWarehouse } from '../../../../helpers/generated-warehouse.ts';
import { parseQuarterKey } from '../../../../../contract/period/quarters.ts';
import { productLines } from '../../../../../ingest/generator/catalog.ts';

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
  /** Shows a tab by a click and waits until its panel is drawn. */
  const showTab = async (tab: string) => {
    await page.locator(`#tab-${tab}`).click();
    await page.locator(`#panel-${tab}`).waitFor();
  };
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  it('the planted spike heads the flags, marked too often, and opens its tickets', async () => {
    const { product_model, fault_code } = planted.spike!;
    const first = page.locator('#flags tbody tr').first();
    expect(await first.getAttribute('data-flag')).toBe(`${product_model}|${fault_code}`);
    expect(await first.innerText()).toContain('发生过多');
    // The fault's name beside its code: the generator's description of that fault (the model taken off).
    const name = productLines.flatMap((l) => l.faults).find((f) => f.code === fault_code)!.description;
    expect((await first.locator('td').nth(1).innerText()).trim()).toBe(`${fault_code} ${name}`);
    const count = Number((await first.locator('td').nth(2).innerText()).trim());
    await first.click();
    await expect.poll(() => page.locator('drill-drawer h2').innerText()).toContain(`${count.toLocaleString()} 张工单`);
    await page.locator('drill-drawer #close').click();
  });

  it('words from the catalog in both languages; strength and limit explained with the configured numbers, two decimals', async () => {
    const strength = (await page.locator('#flags tbody tr').first().locator('td').nth(4).innerText()).trim();
    expect(strength).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(await page.locator('#flags .explain').innerText()).toContain('泊松 99% 上限；数量超过上限且不少于 5 张');
    await page.locator('quality-page').evaluate((e) => ((e as unknown as { lang: string }).lang = 'en'));
    await expect.poll(() => page.locator('#flags .explain').innerText()).toContain('the upper 99 % Poisson limit');
    expect(await page.locator('#flags h3').innerText()).toMatch(/^Quality flags · /);
    expect(await page.locator('#flags th').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^Strength/)]));
    await page.locator('quality-page').evaluate((e) => ((e as unknown as { lang: string }).lang = 'zh'));
    await expect.poll(() => page.locator('#flags h3').innerText()).toMatch(/^质量问题标记 · /);
  });

  it('draws the Pareto and the heatmap as SVG', async () => {
    for (const id of ['#pareto', '#heatmap']) {
      await page.locator(`${id} metric-chart[data-rendered="true"]`).waitFor();
      expect(await page.locator(`${id} metric-chart svg path`).count(), id).toBeGreaterThan(10);
    }
  });

  it('the chronic units tab is named with their count; the table pages, says which rows of how many, sorts and searches', async () => {
    const q = parseQuarterKey(planted.spike!.quarter);
    const [{ n }] = await db.all<{ n: number }>(
      `select count(distinct serial_no)::integer as n from metrics.chronic_units where is_chronic and day between '${q.from}' and '${q.to}'`,
    );
    expect(n).toBeGreaterThan(15);
    expect(await page.locator('#tab-chronic').innerText()).toBe(`顽固故障机 ${n.toLocaleString('zh-CN')}`);
    await showTab('chronic');
    expect(await page.locator('#tab-chronic').getAttribute('aria-selected')).toBe('true');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('chronic');
    expect(await page.locator('#chronic-count').innerText()).toBe(n.toLocaleString('zh-CN'));
    const table = page.locator('#chronic data-table');
    // The window as configured (chronicWindowDays, 365 by default).
    expect(await table.locator('th').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^365 天内最多/)]));
    expect(await table.locator('tbody tr').count()).toBe(15);
    expect(await table.locator('[role="status"]').innerText()).toBe(`第 1–15 条，共 ${n.toLocaleString('zh-CN')} 条`);
    await table.locator('button.next').click();
    await expect
      .poll(() => table.locator('[role="status"]').innerText())
      .toBe(`第 16–${Math.min(30, n)} 条，共 ${n.toLocaleString('zh-CN')} 条`);
    await table.locator('button.previous').click();
    // Sorted by "most in 365 days", fewest first, then most first: the first page ascends, then descends, from
    // the least (the most) of all the units the API answers.
    const api = (await (await fetch(`${base}/api/metrics/chronic_units?limit=10000&from=${q.from}&to=${q.to}`)).json()) as {
      rows: { serial_no: string; most_in_window: number }[];
    };
    expect(api.rows.length).toBe(n);
    const column = async () =>
      Promise.all((await table.locator('tbody tr').all()).map(async (r) => Number(await r.locator('td').nth(2).innerText())));
    const header = table.locator('th button[data-sort="most"]');
    await header.click();
    expect(await table.locator('th').nth(2).getAttribute('aria-sort')).toBe('ascending');
    const up = await column();
    expect(up[0]).toBe(Math.min(...api.rows.map((r) => r.most_in_window)));
    expect(up).toEqual([...up].sort((x, y) => x - y));
    await header.press('Enter');
    expect(await table.locator('th').nth(2).getAttribute('aria-sort')).toBe('descending');
    const down = await column();
    expect(down[0]).toBe(Math.max(...api.rows.map((r) => r.most_in_window)));
    expect(down).toEqual([...down].sort((x, y) => y - x));
    const tickets = api.rows;
    // A search for one serial number leaves its row alone.
    const serial = tickets[0].serial_no;
    await table.locator('input[type="search"]').fill(serial);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr').first().getAttribute('data-serial')).toBe(serial);
    expect(await table.locator('[role="status"]').innerText()).toBe('第 1–1 条，共 1 条');
    await table.locator('input[type="search"]').fill('');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(15);
  });

  it('arrow keys move between the tabs; Enter on a row opens what it opens', async () => {
    await page.locator('#tab-chronic').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('#tab-solutions').getAttribute('aria-selected')).toBe('true');
    await expect
      .poll(() =>
        page.evaluate(
          () => document.querySelector('aftersight-app')!.shadowRoot!.querySelector('quality-page')!.shadowRoot!.activeElement?.id,
        ),
      )
      .toBe('tab-solutions');
    expect(await page.locator('#panel-solutions').getAttribute('aria-labelledby')).toBe('tab-solutions');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.locator('#tab-chronic').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('#tab-warranty').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Home');
    await expect.poll(() => page.locator('#tab-faults').getAttribute('aria-selected')).toBe('true');
    const flag = page.locator('#flags tbody tr').first();
    await flag.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('drill-drawer h2').innerText()).toContain('张工单');
    await page.locator('drill-drawer #close').click();
    await showTab('chronic');
  });

  it('a chronic unit opens its history, one entry per ticket', async () => {
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
      const timeline = document
        .querySelector('aftersight-app')!
        .shadowRoot!.querySelector('quality-page')!
        .shadowRoot!.querySelector('unit-timeline')!;
      timeline
        .shadowRoot!.querySelector('metric-chart')!
        .dispatchEvent(
          new CustomEvent('chart-click', { detail: { data: { keys: { ticket_id: ticketId } } }, bubbles: true, composed: true }),
        );
    }, last);
    await expect.poll(() => page.locator('unit-timeline li.shown').getAttribute('data-ticket')).toBe(last);
  });

  it('parts per repair ticket and returns on time are the API figures', async () => {
    await showTab('parts');
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
    await showTab('ages');
    await page.locator('#ages metric-chart[data-rendered="true"]').waitFor();
    // The bar "6 months, in warranty": the drawer must list as many tickets as the figure counts for it.
    const to = new URL(page.url()).searchParams.get('quarter')!;
    const quarterEnd = { Q1: '03-31', Q2: '06-30', Q3: '09-30', Q4: '12-31' }[to.slice(4) as 'Q1'];
    const figure = (await (await fetch(`${base}/api/metrics/failures_by_age?to=${to.slice(0, 4)}-${quarterEnd}`)).json()) as {
      rows: { months_in_service: number; warranty: string; tickets: number }[];
    };
    const counted = figure.rows.filter((r) => r.months_in_service === 6 && r.warranty === 'warranty').reduce((n, r) => n + r.tickets, 0);
    expect(counted).toBeGreaterThan(0);
    await page.evaluate(() => {
      const chart = document
        .querySelector('aftersight-app')!
        .shadowRoot!.querySelector('quality-page')!
        .shadowRoot!.querySelector('#ages metric-chart')!;
      chart.dispatchEvent(
        new CustomEvent('chart-click', {
          detail: { data: { keys: { months_in_service: '6', warranty: 'warranty' } } },
          bubbles: true,
          composed: true,
        }),
      );
    });
    await expect.poll(() => page.locator('drill-drawer h2').innerText()).toContain(`· ${counted.toLocaleString('en-US')} 张工单`);
    expect(await page.locator('drill-drawer a[download]').getAttribute('href')).toContain(
      'metric=failures_by_age&months_in_service=6&warranty=warranty',
    );
    await page.locator('drill-drawer #close').click();
  });

  it("a model's fit row narrows the failures-by-age chart to that model, and its bars open that model's tickets", async () => {
    const row = page.locator('#ages tbody tr[data-fit]').first();
    const model = (await row.getAttribute('data-fit'))!;
    await row.click();
    await expect.poll(() => page.locator('#ages h2').innerText()).toContain(model);
    const to = new URL(page.url()).searchParams.get('quarter')!;
    const quarterEnd = { Q1: '03-31', Q2: '06-30', Q3: '09-30', Q4: '12-31' }[to.slice(4) as 'Q1'];
    const figure = (await (
      await fetch(`${base}/api/metrics/failures_by_age?to=${to.slice(0, 4)}-${quarterEnd}&product_model=${encodeURIComponent(model)}`)
    ).json()) as {
      rows: { months_in_service: number; warranty: string; tickets: number }[];
    };
    const bar = figure.rows.reduce((a, b) => (b.tickets > a.tickets ? b : a));
    await page.evaluate(
      (keys) => {
        const chart = document
          .querySelector('aftersight-app')!
          .shadowRoot!.querySelector('quality-page')!
          .shadowRoot!.querySelector('#ages metric-chart')!;
        chart.dispatchEvent(new CustomEvent('chart-click', { detail: { data: { keys } }, bubbles: true, composed: true }));
      },
      { months_in_service: String(bar.months_in_service), warranty: bar.warranty },
    );
    await expect.poll(() => page.locator('drill-drawer h2').innerText()).toContain(`${model} · ${bar.months_in_service}`);
    await expect.poll(() => page.locator('drill-drawer h2').innerText()).toContain(`· ${bar.tickets.toLocaleString('en-US')} 张工单`);
    await page.locator('drill-drawer #close').click();
    await page.locator('#all-models').click();
    await expect.poll(() => page.locator('#ages h2').innerText()).toContain('全部型号');
  });

  it('a part opens the counted tickets that used it', async () => {
    await showTab('parts');
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
    await expect
      .poll(() => page.locator('#flags tbody tr').first().getAttribute('data-flag'))
      .toBe(`${planted.spike!.product_model}|${planted.spike!.fault_code}`);
    expect(errors).toEqual([]);
  });

  it('the heaviest tabs read their rows only when shown; solutions are then named with their count', async () => {
    const asked: string[] = [];
    const record = (r: { url(): string }) => asked.push(decodeURIComponent(r.url()));
    page.on('request', record);
    try {
      const quarter = planted.spike!.quarter.replace('-', '');
      await page.goto(`${base}/quality?quarter=${quarter}&tab=faults`);
      await page.locator('#pareto metric-chart[data-rendered="true"]').waitFor();
      await expect.poll(() => page.locator('#tab-overdue .count').count()).toBe(1);
      const heavy = /fault_solutions|failures_by_age|chronic_units\?limit=10000|overdue\?limit=10000/;
      expect(asked.filter((u) => heavy.test(u))).toEqual([]);
      // Chronic units and overdue lines are counted with the page; solutions not until shown.
      expect(await page.locator('#tab-chronic .count').count()).toBe(1);
      expect(await page.locator('#tab-solutions .count').count()).toBe(0);
      await showTab('solutions');
      await page.locator('#solutions tbody tr').first().waitFor();
      const q = parseQuarterKey(planted.spike!.quarter);
      const solutions = (await (await fetch(`${base}/api/metrics/fault_solutions?to=${q.to}`)).json()) as { rows: unknown[] };
      expect(solutions.rows.length).toBeGreaterThan(0);
      await expect.poll(() => page.locator('#tab-solutions .count').innerText()).toBe(solutions.rows.length.toLocaleString('zh-CN'));
      expect(asked.filter((u) => heavy.test(u)).map((u) => new URL(u).pathname)).toEqual(['/api/metrics/fault_solutions']);
    } finally {
      page.off('request', record);
    }
  });
});
