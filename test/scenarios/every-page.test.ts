// Every page each demo role may open, in Chinese and in English, with the hand-built quarter loaded: axe-core
// finds no critical or serious violation, `<html lang>` is the page's language, and at 390 px (a phone) no page
// scrolls sideways (tables scroll inside their own box).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { axeViolations, isSerious } from '../helpers/accessibility.ts';
import { demoLikeUsers, demoPassword, demoRolesSession, signInAs, type PageSession } from '../helpers/browser.ts';

const password = demoPassword;

// The pages of each account's menu (role-pages.test.ts checks the menus), opened on the fixture's quarter.
const menus: Record<string, string[]> = {
  admin: ['/overview', '/quality', '/scorecards', '/registers', '/cadence', '/reports', '/ingest', '/definitions', '/admin'],
  manager: ['/overview', '/quality', '/registers', '/cadence', '/reports', '/definitions'],
  quality: ['/overview', '/quality', '/registers', '/cadence', '/reports', '/definitions'],
  hr: ['/scorecards', '/reports', '/definitions'],
  'east-manager': ['/overview', '/quality', '/registers', '/cadence', '/reports', '/definitions'],
  e001: ['/scorecards', '/definitions'],
};
const query: Record<string, string> = {
  '/overview': 'from=2025-07-01&to=2025-09-30&grain=month',
  '/quality': 'quarter=2025Q3',
  '/scorecards': 'quarter=2025Q3&technician=E001',
  '/reports': 'quarter=2025Q3',
};

describe('every page, every role, both languages', () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    ({ db, session } = await demoRolesSession());
    ({ page, base, errors } = session);
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  /** The serious violations axe-core finds on the page as it is now, one line each. */
  const seriousViolations = async (): Promise<string[]> =>
    (await axeViolations(page)).filter(isSerious).map(
      (v) =>
        `${v.impact} ${v.id} (${v.help}): ${v.nodes
          .slice(0, 3)
          .map((n) => JSON.stringify(n.target))
          .join(' ')}`,
    );

  it.each(demoLikeUsers.map((u) => u.username))(
    '%s: no serious accessibility violation, no sideways scroll at 390 px',
    async (username) => {
      await signInAs(page, base, username, password);
      errors.length = 0;
      const problems: string[] = [];
      for (const path of menus[username]) {
        for (const lang of ['zh', 'en'] as const) {
          const q = [query[path], lang === 'en' ? 'lang=en' : ''].filter(Boolean).join('&');
          await page.setViewportSize({ width: 1440, height: 1000 });
          await page.goto(`${base}${path}${q ? `?${q}` : ''}`);
          await page.locator('aftersight-app main').waitFor();
          await page.waitForLoadState('networkidle');
          const where = `${username} ${path} ${lang}`;
          const htmlLang = await page.evaluate(() => document.documentElement.lang);
          if (htmlLang !== (lang === 'zh' ? 'zh-CN' : 'en')) problems.push(`${where}: <html lang="${htmlLang}">`);
          for (const v of await seriousViolations()) problems.push(`${where}: ${v}`);
          await page.setViewportSize({ width: 390, height: 844 });
          await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(390);
          // Charts follow their box on the next frame.
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > 390) problems.push(`${where}: ${width} px wide at 390 px`);
        }
      }
      expect(problems).toEqual([]);
      expect(errors).toEqual([]);
    },
    600_000,
  );
});
