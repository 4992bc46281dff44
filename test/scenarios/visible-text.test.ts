// The words every page shows, read as a person reads them: every page each demo role may open, in Chinese and in
// English, with the hand-built quarter loaded (a drill-down opened on the overview, every register and a unit's
// history shown). The text of the page — shadow roots of the Lit components and the charts' SVG included — must
// hold no raw enumerated value (in_progress, on_site, manager…), no column name (snake_case), no ISO timestamp,
// no number with more decimals than the formatter gives, no undefined/NaN/null/[object Object], and a Chinese
// page no English server message. Tooltips (title attributes, and a chart's tooltip as the keyboard shows it on
// its first, middle and last point), aria-labels and placeholders are read too. The downloads (tickets, complaints, overdue parts, scorecards) head their
// columns in the asker's language and say the time zone of their times.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordKindNames, recordKinds } from '../../contract/sources/record-kinds.ts';
import { labelledValues } from '../../presentation/i18n/dimension-labels.ts';
import { actionStatuses, rootCauseCategories } from '../../warehouse/queries/corrective-actions.ts';
import { alertStates } from '../../warehouse/queries/early-warnings.ts';
import { roles } from '../../web/server/auth/accounts.ts';
import { auditActions } from '../../web/server/auth/audit-log.ts';
import { pagePaths, mayOpen } from '../../presentation/page-paths.ts';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { demoLikeUsers, demoPassword, demoRolesSession, signInAs, type PageSession } from '../helpers/browser.ts';
import { parseCsv } from '../helpers/parse-csv.ts';

/** Every enumerated value (record kinds and their enumerations, the value labels' keys, action and alert states,
 *  roles, audit actions): none may reach a screen raw. */
const enumValues = new Set<string>([
  ...Object.values(recordKinds).flatMap((k) => k.columns.flatMap((c) => Object.keys(c.values ?? {}))),
  ...recordKindNames,
  ...labelledValues().filter((v) => /^[a-z]/.test(v)),
  ...actionStatuses,
  ...rootCauseCategories,
  ...alertStates,
  ...roles,
  ...auditActions,
  'true',
  'false',
  'scored',
  'insufficient',
]);
/** English text of server messages that must never stand on a Chinese page. */
const englishServerPhrases = [
  'sign in first',
  'not found',
  'internal error',
  'is not one of',
  'is not a ',
  'does not exist',
  'may not',
  'must be',
  'must have',
  'Failed to fetch',
  'Bad Request',
  'Forbidden',
  'Unauthorized',
  'querystring',
  'no user',
  'no report',
  'Failed to load',
];

const query: Partial<Record<string, string>> = {
  '/overview': 'from=2025-07-01&to=2025-09-30&grain=month',
  '/quality': 'quarter=2025Q3',
  '/scorecards': 'quarter=2025Q3',
  '/reports': 'quarter=2025Q3',
};

/** What a page shows: its visible text nodes, shadow roots walked, SVG text of the charts and the options of selects;
 *  what it says on hover or to a screen reader: title, aria-label, aria-description, placeholder and alt. */
const visibleTexts = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const out: string[] = [];
    const said = ['title', 'aria-label', 'aria-description', 'placeholder', 'alt'];
    const walk = (root: Node) => {
      for (const n of Array.from(root.childNodes)) {
        if (n instanceof Element && !n.closest('[translate="no"]'))
          for (const a of said) {
            const v = n.getAttribute(a)?.trim();
            if (v) out.push(v);
          }
        if (n.nodeType === Node.TEXT_NODE) {
          const p = n.parentElement;
          const text = n.textContent?.trim();
          if (!text || !p || ['STYLE', 'SCRIPT', 'TEMPLATE'].includes(p.tagName)) continue;
          // Names people gave (user names, file names) are data, marked translate="no": not words of ours.
          if (p.closest('[translate="no"]')) continue;
          if (p.closest('select') || p.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) out.push(text);
        } else if (n instanceof Element) {
          if (n.shadowRoot) walk(n.shadowRoot);
          walk(n);
        }
      }
    };
    walk(document.body);
    return out;
  });

/**
 * A chart's tooltip as a person sees it: each chart whose points open something shows its tooltip for the first,
 * middle and last point when the keyboard reaches it (metric-chart's list of points); the tooltip's text is read.
 */
const chartTooltips = (page: Page): Promise<string[]> =>
  page.evaluate(async () => {
    const charts: Element[] = [];
    const find = (root: Document | ShadowRoot | Element) => {
      for (const e of Array.from(root.querySelectorAll('*'))) {
        if (e.tagName === 'METRIC-CHART') charts.push(e);
        if (e.shadowRoot) find(e.shadowRoot);
      }
    };
    find(document);
    const out: string[] = [];
    const tooltipText = (chart: Element) =>
      Array.from(chart.shadowRoot?.querySelectorAll('.chart > div') ?? [])
        .filter(
          (d) => !d.querySelector('svg, canvas') && (d as HTMLElement).style.display !== 'none' && (d as HTMLElement).innerText.trim(),
        )
        .map((d) => (d as HTMLElement).innerText.trim());
    for (const chart of charts) {
      const buttons = Array.from(chart.shadowRoot?.querySelectorAll<HTMLButtonElement>('.keys button') ?? []);
      for (const b of new Set([buttons[0], buttons[Math.floor(buttons.length / 2)], buttons.at(-1)])) {
        if (!b) continue;
        b.focus();
        // The tooltip is drawn on the next frames: wait until it holds text (up to a second), then read it.
        for (let i = 0; i < 60 && tooltipText(chart).length === 0; i++) await new Promise((r) => requestAnimationFrame(r));
        out.push(...tooltipText(chart));
        b.blur();
      }
    }
    return out;
  });

/** The problems of a page's texts, one line each. */
function textProblems(texts: readonly string[], lang: 'zh' | 'en'): string[] {
  const problems: string[] = [];
  const all = texts.join('\n');
  const seen = new Set<string>();
  const add = (what: string, text: string) => {
    const line = `${what}: "${text.length > 80 ? `${text.slice(0, 80)}…` : text}"`;
    if (!seen.has(line)) problems.push(line);
    seen.add(line);
  };
  for (const text of texts) {
    // A cell or label that is nothing but a raw value (en: 'open' as a whole cell, zh: any raw value).
    if (enumValues.has(text)) add('raw value', text);
    for (const word of text.match(/[A-Za-z_]+/g) ?? []) if (lang === 'zh' && enumValues.has(word)) add('raw value', text);
    for (const m of text.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g) ?? []) add(`column name or raw value ${m}`, text);
    if (/\d{4}-\d{2}-\d{2}T\d{2}:/.test(text) || /\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/.test(text)) add('ISO timestamp', text);
    // The formatter gives at most two decimals (per 100, money).
    for (const m of text.match(/(?<![\d.])\d+\.\d{3,}(?![\d.])/g) ?? []) add(`unformatted number ${m}`, text);
    for (const m of text.match(/\b(?:undefined|NaN|null|Infinity)\b|\[object Object\]/g) ?? []) add(`${m}`, text);
    // A request line or a JSON object written as it was stored (the audit log's detail, a server message).
    if (/\b(?:GET|POST|PATCH|PUT|DELETE) \/api\//.test(text)) add('request line', text);
    if (/\{"\w+":/.test(text)) add('JSON', text);
  }
  if (lang === 'zh')
    for (const p of englishServerPhrases)
      if (all.toLowerCase().includes(p.toLowerCase()))
        add(
          `English message "${p}"`,
          all.slice(Math.max(0, all.toLowerCase().indexOf(p.toLowerCase()) - 30), all.toLowerCase().indexOf(p.toLowerCase()) + 60),
        );
  return problems;
}

describe('the visible text of every page', () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    ({ db, session } = await demoRolesSession());
    ({ page, base } = session);
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  const app = (selector: string) => page.locator(`aftersight-app ${selector}`);
  const settle = () => page.waitForLoadState('networkidle');

  /** Opens what a page hides behind a click: a drill-down, each register, a unit's history. */
  async function openSections(path: string, read: (what: string) => Promise<void>) {
    if (path === '/overview') {
      const row = app('overview-page #trend tbody tr[data-period]').first();
      if (await row.count()) {
        await row.click();
        await app('overview-page drill-drawer tbody tr').first().waitFor();
        await settle();
        await read('drill-down');
        await app('overview-page drill-drawer #close').click();
      }
    }
    if (path === '/registers') {
      const buttons = app('registers-page button[id^="register-"]');
      for (let i = 0; i < (await buttons.count()); i++) {
        await buttons.nth(i).click();
        await settle();
        await read(`register ${await buttons.nth(i).getAttribute('id')}`);
      }
    }
    if (path === '/quality') {
      const unit = app('quality-page tr[data-serial]').first();
      if (await unit.count()) {
        await unit.click();
        await settle();
        await read('unit history');
      }
      const flag = app('quality-page tr[data-flag]').first();
      if (await flag.count()) {
        await flag.click();
        await settle();
        await read('flag drill-down');
      }
    }
    if (path === '/scorecards') {
      const person = app('scorecards-page tr[data-technician]').first();
      if (await person.count()) {
        await person.click();
        await settle();
        await read('a technician');
      }
    }
  }

  it.each(demoLikeUsers.map((u) => u.username))(
    '%s: no raw value, column name, ISO time, long number or English message',
    async (username) => {
      const role = demoLikeUsers.find((u) => u.username === username)!.role;
      await signInAs(page, base, username, demoPassword);
      const problems: string[] = [];
      let read = 0;
      let tips = 0;
      for (const path of pagePaths.filter((p) => mayOpen(p, role))) {
        for (const lang of ['zh', 'en'] as const) {
          const q = [query[path], lang === 'en' ? 'lang=en' : ''].filter(Boolean).join('&');
          await page.goto(`${base}${path}${q ? `?${q}` : ''}`);
          await page.locator('aftersight-app main').waitFor();
          await settle();
          // Data loaded: no "loading" left on the page.
          await expect
            .poll(async () => (await visibleTexts(page)).some((t) => t.includes('加载中') || t.includes('Loading…')), { timeout: 30_000 })
            .toBe(false);
          const check = async (what: string) => {
            const tooltips = what ? [] : await chartTooltips(page);
            tips += tooltips.length;
            const texts = [...(await visibleTexts(page)), ...tooltips];
            read += texts.length;
            for (const p of textProblems(texts, lang)) problems.push(`${username} ${path} ${lang}${what ? ` (${what})` : ''}: ${p}`);
          };
          await check('');
          await openSections(path, check);
        }
      }
      expect(read).toBeGreaterThan(100);
      // The charts' tooltips were read (the overview's, the Quality page's) wherever the account sees charts.
      if (role === 'admin' || role === 'manager' || role === 'quality') expect(tips).toBeGreaterThan(10);
      expect(problems.join('\n')).toBe('');
    },
    600_000,
  );

  it('a region the account may not see, refused by the server, is said in Chinese on a Chinese page', async () => {
    await signInAs(page, base, 'east-manager', demoPassword);
    await page.goto(`${base}/reports?quarter=2025Q3`);
    const select = app('reports-page select[name="region"]');
    await select.waitFor();
    // A page out of step with the account (its regions narrowed since it was drawn): it asks for 华北.
    await select.evaluate((s: HTMLSelectElement) => {
      s.options[0].value = '华北';
    });
    await app('reports-page #produce button[type="submit"]').click();
    await expect.poll(() => app('reports-page #report-error').innerText()).toBe('请选择您的大区之一：华东');
    expect(textProblems(await visibleTexts(page), 'zh')).toEqual([]);
  });

  it('the checks themselves catch what they are for', () => {
    expect(textProblems(['处理中', '2025-07-01 08:00', '92.3%', '1.28 件/百单'], 'zh')).toEqual([]);
    expect(textProblems(['in_progress'], 'en').length).toBeGreaterThan(0);
    expect(textProblems(['状态 open'], 'zh').length).toBeGreaterThan(0);
    expect(textProblems(['opened_at'], 'zh').length).toBeGreaterThan(0);
    expect(textProblems(['2025-07-01T08:00:00.000Z'], 'en').length).toBeGreaterThan(0);
    expect(textProblems(['0.92345'], 'en').length).toBeGreaterThan(0);
    expect(textProblems(['NaN%'], 'en').length).toBeGreaterThan(0);
    expect(textProblems(['加载失败：sign in first'], 'zh').length).toBeGreaterThan(0);
    expect(textProblems(['GET /api/tickets?format=csv → 403'], 'en').length).toBeGreaterThan(0);
    expect(textProblems(['{"kind":"delivery"}'], 'en').length).toBeGreaterThan(0);
  });

  it('reads tooltips, aria-labels, placeholders and chart tooltips', async () => {
    await page.setContent(
      `<p title="open">x</p><input placeholder="opened_at"><button aria-label="2025-07-01T08:00:00.000Z">y</button><span translate="no" title="in_progress">z</span>`,
    );
    const texts = await visibleTexts(page);
    expect(texts).toEqual(expect.arrayContaining(['open', 'opened_at', '2025-07-01T08:00:00.000Z']));
    expect(texts).not.toContain('in_progress');
  });

  describe('downloads', () => {
    const csvOf = async (url: string) => {
      const r = await page.request.get(`${base}${url}`);
      expect(r.status(), url).toBe(200);
      const records = parseCsv((await r.text()).replace(/^\uFEFF/, '').replaceAll('\r\n', '\n'));
      const headers = Object.keys(records[0] ?? {});
      return [headers, ...records.map((rec) => headers.map((h) => rec[h]))];
    };
    /** Headers in the language, none a column name; every time column says its zone; no ISO time in the cells. */
    const checkTable = (rows: string[][], lang: 'zh' | 'en', what: string) => {
      const [headers, ...cells] = rows;
      const problems = textProblems(headers, lang).map((p) => `${what} header ${p}`);
      if (lang === 'zh') for (const h of headers) if (/^[A-Za-z ]+$/.test(h)) problems.push(`${what}: English header "${h}"`);
      for (const row of cells.slice(0, 50))
        for (const c of row) if (/\d{4}-\d{2}-\d{2}T\d{2}:|Z$/.test(c)) problems.push(`${what}: ISO time "${c}"`);
      return problems;
    };
    const zoned = (headers: string[]) => headers.filter((h) => h.includes('Asia/Shanghai'));

    it('ticket, complaint and overdue-parts CSVs: headers in the language, times in the configured zone, the zone said', async () => {
      await signInAs(page, base, 'admin', demoPassword);
      const problems: string[] = [];
      for (const lang of ['zh', 'en'] as const) {
        const tickets = await csvOf(`/api/tickets?from=2025-07-01&to=2025-09-30&format=csv&lang=${lang}`);
        problems.push(...checkTable(tickets, lang, `tickets ${lang}`));
        // Opened, first response, arrived, resolved, closed: each says its zone.
        expect(zoned(tickets[0])).toHaveLength(5);
        const complaints = await csvOf(`/api/complaints?from=2025-07-01&to=2025-09-30&format=csv&lang=${lang}`);
        problems.push(...checkTable(complaints, lang, `complaints ${lang}`));
        expect(zoned(complaints[0])).toHaveLength(3);
        const overdue = await csvOf(`/api/parts/overdue?format=csv&lang=${lang}`);
        problems.push(...checkTable(overdue, lang, `overdue parts ${lang}`));
        expect(zoned(overdue[0]).length).toBeGreaterThan(0);
      }
      // The same instant reads the same in every export: M1 opened Tue 1 Jul 2025 09:00 Beijing time (fixture README).
      const tickets = await csvOf('/api/tickets?from=2025-07-01&to=2025-09-30&format=csv&lang=zh');
      const opened = tickets[0].findIndex((h) => h.startsWith('报修时间'));
      const statusCol = tickets[0].indexOf('状态');
      expect(tickets.slice(1).every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r[opened]))).toBe(true);
      expect(tickets.slice(1).every((r) => !enumValues.has(r[statusCol]))).toBe(true);
      expect(problems).toEqual([]);
    });

    it('scorecard CSV and XLSX: headers in the language', async () => {
      await signInAs(page, base, 'admin', demoPassword);
      const problems: string[] = [];
      for (const lang of ['zh', 'en'] as const) {
        const csv = await csvOf(`/api/technician-scores/export?period=2025Q3&format=csv&lang=${lang}`);
        problems.push(...checkTable(csv, lang, `scorecards ${lang}`));
        const r = await page.request.get(`${base}/api/technician-scores/export?period=2025Q3&format=xlsx&lang=${lang}`);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load((await r.body()) as unknown as ArrayBuffer);
        const headers = (book.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
        expect(headers).toEqual(csv[0]);
      }
      expect(problems).toEqual([]);
    });
  });
});
