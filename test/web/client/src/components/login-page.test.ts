// Signing in and out in Chromium: the pages show the sign-in form until a session exists, a wrong password says
// so, the right one opens the dashboard with the user's name, and signing out closes it again.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { createUser } from '../../../../../web/server/auth/accounts.ts';
import { fixtureWarehouse } from '../../../../helpers/fixture-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';

describe('sign in and out', () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    db = await fixtureWarehouse();
    await createUser(db, { username: 'zhang', role: 'manager', password: 'a long enough password' });
    await createUser(db, { username: 'root', role: 'admin', password: 'an admin password' });
    ({ page, base } = session = await openPageSession(db, {}, { auth: true }));
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  it('shows the sign-in form, refuses a wrong password, opens the dashboard, and signs out', async () => {
    await page.goto(`${base}/?from=2025-07-01&to=2025-12-31&grain=quarter`);
    await page.locator('login-page #login').waitFor();
    expect(await page.locator('overview-page').count()).toBe(0);
    await page.locator('input[name="username"]').fill('zhang');
    await page.locator('input[name="password"]').fill('wrong password');
    await page.locator('login-page button[type="submit"]').click();
    // The page speaks Chinese, in its words and its lang; the server's refusal comes in Chinese too.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expect.poll(() => page.locator('#login-error').innerText()).toBe('用户名或密码错误');
    await page.locator('aftersight-app #lang').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.locator('login-page button[type="submit"]').click();
    await expect.poll(() => page.locator('#login-error').innerText()).toBe('wrong user name or password');
    expect(await page.locator('login-page h2').innerText()).toBe('Sign in');
    await page.locator('input[name="password"]').fill('a long enough password');
    await page.locator('login-page button[type="submit"]').click();
    await page.locator('overview-page #trend metric-chart[data-rendered="true"]').waitFor();
    // Signed in, the language chosen on the sign-in page stays.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('aftersight-app .who').innerText()).toBe('zhang · Manager');
    // The cookie is not readable by the page's script.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.locator('#logout').click();
    await page.locator('login-page #login').waitFor();
    expect((await page.request.get(`${base}/api/tickets?limit=1`)).status()).toBe(401);
  });

  it('an admin sees the administration page: users, a new account, and the audit log', async () => {
    await page.goto(`${base}/admin`);
    await page.locator('input[name="username"]').fill('root');
    await page.locator('input[name="password"]').fill('an admin password');
    await page.locator('login-page button[type="submit"]').click();
    // Each step waits for the page's state (expect.poll's timeout is generous in test/vitest.config.ts): on a busy
    // machine the sign-in, the page's two fetches and the new account each take their time.
    await expect.poll(() => page.locator('admin-page #users tbody tr').count()).toBe(2);
    await expect.poll(() => page.locator('aftersight-app nav a[href^="/admin"]').count()).toBe(1);
    await page.locator('admin-page #users input[name="username"]').fill('wang');
    await page.locator('admin-page #users select[name="role"]').selectOption('hr');
    await page.locator('admin-page #users input[name="password"]').fill('wang password 1');
    await page.locator('admin-page #users button[type="submit"]').click();
    await expect.poll(() => page.locator('admin-page #users tr[data-user="wang"]').count()).toBe(1);
    expect(await page.locator('admin-page #users tr[data-user="wang"]').innerText()).toContain('人事');
    await expect.poll(() => page.locator('admin-page #audit tbody').innerText()).toContain('登录失败');
    expect(await page.locator('admin-page #audit tbody').innerText()).toContain('root');
  }, 120_000);
});
