// Every demo role signed in through the form in Chromium: it lands on its own home, its menu lists exactly the
// pages its role may open, a page it may not use sends it home, and no page it opens shows a refusal or a script
// error. The region-limited manager's region filter offers its region only.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { demoLikeUsers, demoPassword, demoRolesSession, signInAs, type PageSession } from '../helpers/browser.ts';

const password = demoPassword;

// Written out by hand from the issue (not read from page-paths.ts): landing path and menu per account.
const expected: Record<string, { lands: string; menu: string[] }> = {
  admin: {
    lands: '/overview',
    menu: [
      '/overview',
      '/quality',
      '/scorecards',
      '/registers',
      '/cadence',
      '/reports',
      '/subscriptions',
      '/ingest',
      '/definitions',
      '/admin',
    ],
  },
  manager: { lands: '/overview', menu: ['/overview', '/quality', '/registers', '/cadence', '/reports', '/subscriptions', '/definitions'] },
  quality: { lands: '/quality', menu: ['/overview', '/quality', '/registers', '/cadence', '/reports', '/subscriptions', '/definitions'] },
  hr: { lands: '/scorecards', menu: ['/scorecards', '/reports', '/subscriptions', '/definitions'] },
  'east-manager': {
    lands: '/overview',
    menu: ['/overview', '/quality', '/registers', '/cadence', '/reports', '/subscriptions', '/definitions'],
  },
  e001: { lands: '/scorecards?technician=E001', menu: ['/scorecards', '/subscriptions', '/definitions'] },
};

describe('role-centred pages', () => {
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

  /** Signs in (the sign-in page's own 401 from /api/me is no error of the pages). */
  const signIn = async (username: string, path = '/') => {
    await signInAs(page, base, username, password, path);
    errors.length = 0;
  };

  const where = () => {
    const u = new URL(page.url());
    return `${u.pathname}${u.search}`;
  };
  const menu = () =>
    page.locator('aftersight-app header nav a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  /** Waits until no page of the shell is loading any more, then returns the texts shown as errors. */
  const shownErrors = async () => {
    await page.waitForLoadState('networkidle');
    return page.locator('aftersight-app main .error, aftersight-app main #error').allInnerTexts();
  };

  it.each(demoLikeUsers.map((u) => u.username))('%s lands on its home and sees only its pages in the menu', async (username) => {
    await signIn(username);
    await expect.poll(where).toBe(expected[username].lands);
    expect(await menu()).toEqual(expected[username].menu);
    expect(await shownErrors()).toEqual([]);
    // Every page of the menu opens without a refusal.
    for (const path of expected[username].menu) {
      await page.goto(`${base}${path}`);
      await page.locator('aftersight-app main').waitFor();
      expect(await shownErrors(), `${username} on ${path}`).toEqual([]);
    }
    expect(errors).toEqual([]);
  });

  it('a page the role may not use sends it home, without an error', async () => {
    await signIn('manager', '/ingest');
    await expect.poll(where).toBe('/overview');
    await signIn('hr');
    await page.goto(`${base}/quality?lang=en`);
    await expect.poll(where).toBe('/scorecards?lang=en');
    expect(await shownErrors()).toEqual([]);
    // A technician asking for another technician's scorecard sees their own.
    await signIn('e001');
    await page.goto(`${base}/scorecards?technician=E002`);
    await expect.poll(where).toBe('/scorecards?technician=E001');
    expect(await shownErrors()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('the region-limited manager sees its region in the filter and cannot pick another', async () => {
    await signIn('east-manager');
    const options = page.locator('filter-bar select[name="region"] option');
    expect(await options.allInnerTexts()).toEqual(['华东']);
    // A region it may not see, in the URL, is dropped rather than refused.
    await page.goto(`${base}/overview?region=${encodeURIComponent('华南')}`);
    await expect.poll(where).toBe('/overview');
    expect(await shownErrors()).toEqual([]);
    await page.goto(`${base}/quality?quarter=2025Q3`);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('quality-page select#region option').allInnerTexts()).toEqual(['华东']);
    expect(errors).toEqual([]);
  });
});
