// Headless Debian Chromium driven by playwright-core (never a downloaded browser), and the session every page
// test starts with: the client built, the real server listening on the warehouse, a page collecting errors.
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildClient } from '../../web/client/build.js';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { buildApp, type AppOptions } from '../../web/server/app.ts';
import { createUser } from '../../web/server/auth/accounts.ts';
import { serviceQuarterWarehouse } from './fixture-warehouse.ts';

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });

export interface PageSession {
  /** The server's address, e.g. http://127.0.0.1:41234 */
  base: string;
  page: Page;
  /** Console errors and uncaught exceptions of the page, for a test to assert there were none. */
  errors: string[];
  /** Closes the browser and the server (the warehouse stays the caller's). */
  close(): Promise<void>;
}

export async function openPageSession(
  db: Warehouse,
  options: BrowserContextOptions = {},
  appOptions: Omit<AppOptions, 'db'> = {},
): Promise<PageSession> {
  await buildClient();
  const app: FastifyInstance = await buildApp({ auth: false, ...appOptions, db });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, ...options });
  // Playwright's own 30 s default is too short for a busy two-core machine: wait for states, for long.
  page.setDefaultTimeout(90_000);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  // A failed answer names its request, so a test's error list says which one failed.
  page.on(
    'response',
    (r) => r.status() >= 500 && errors.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`),
  );
  return {
    base,
    page,
    errors,
    close: async () => {
      await browser.close();
      await app.close();
    },
  };
}

/** Signs in through the form (any earlier session dropped) and waits until the shell shows the account. */
export async function signInAs(page: Page, base: string, username: string, password: string, path = '/'): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${base}${path}`);
  // The first page of a session loads the whole bundle: on a busy machine that took over 30 s once.
  await page.locator('login-page input[name="username"]').waitFor({ timeout: 120_000 });
  await page.locator('login-page input[name="username"]').fill(username);
  await page.locator('login-page input[name="password"]').fill(password);
  await page.locator('login-page button[type="submit"]').click();
  await page.locator('aftersight-app #logout').waitFor({ timeout: 120_000 });
}

/** The demo accounts (web/server/auth/first-users.ts) and an admin, on a warehouse holding 华东 and technician E001. */
export const demoLikeUsers = [
  { username: 'admin', role: 'admin' },
  { username: 'manager', role: 'manager' },
  { username: 'quality', role: 'quality' },
  { username: 'hr', role: 'hr' },
  { username: 'east-manager', role: 'manager', regions: ['华东'] },
  { username: 'e001', role: 'technician', technician_id: 'E001' },
] as const;

/** The password of the demo-like accounts. */
export const demoPassword = 'demo password 1';

/** The service quarter with the demo-like accounts, served with sign-in, and a browser page on it. */
export async function demoRolesSession(
  options: BrowserContextOptions = { viewport: { width: 1440, height: 1000 } },
): Promise<{ db: Warehouse; session: PageSession }> {
  const db = await serviceQuarterWarehouse();
  for (const u of demoLikeUsers)
    await createUser(db, { ...u, regions: 'regions' in u ? [...u.regions] : undefined, password: demoPassword });
  return { db, session: await openPageSession(db, options, { auth: true }) };
}
