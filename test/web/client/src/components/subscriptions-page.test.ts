// The Subscriptions page in Chromium, signed in as a manager limited to 华东: the form offers the management
// edition and the digests, e-mail to the account's address and the configured robots; a subscription made there
// is listed, and removed with its button; a refusal shows the server's reason.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { createUser } from '../../../../../web/server/auth/accounts.ts';
import { serviceQuarterWarehouse } from '../../../../helpers/fixture-warehouse.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';
import { axeViolationIds, fitsWidth } from '../../../../helpers/accessibility.ts';

describe('subscriptions page', () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;
  let errors: string[];

  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    await createUser(db, { username: 'east', role: 'manager', regions: ['华东'], email: 'east@example.com', password: 'long enough pw' });
    await createUser(db, { username: 'nomail', role: 'quality', password: 'long enough pw' });
    await createUser(db, { username: 'admin', role: 'admin', email: 'admin@example.com', password: 'long enough pw' });
    ({ page, base, errors } = session = await openPageSession(
      db,
      {},
      {
        auth: true,
        notify: { linkSecret: 's', robots: { 'east-service': { channel: 'dingtalk', url: 'http://127.0.0.1:9/x', secret: 'k' } } },
      },
    ));
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  const signIn = async (username: string) => {
    await page.context().clearCookies();
    expect((await page.request.post(`${base}/api/login`, { data: { username, password: 'long enough pw' } })).status()).toBe(200);
    await page.goto(`${base}/subscriptions`);
  };

  it('subscribes to the monthly digest by DingTalk, lists it, and unsubscribes', async () => {
    await signIn('east');
    await expect.poll(() => page.locator('#subscriptions').innerText()).toContain('还没有订阅');
    const items = await page.locator('select[name="item"] option').allInnerTexts();
    expect(items).toEqual([
      '季度报告 · 管理层版',
      '服务周报',
      '服务月报',
      '提醒 · 新的质量问题与早期预警',
      '提醒 · 时效达标率低于目标',
      '提醒 · 客户满意率低于目标',
      '提醒 · 工单超过天数未解决',
    ]);
    expect(await page.locator('select[name="channel"] option').allInnerTexts()).toEqual([
      '邮件（east@example.com）',
      '钉钉 · east-service',
    ]);
    await page.locator('select[name="item"]').selectOption({ label: '服务月报' });
    await page.locator('select[name="channel"]').selectOption({ label: '钉钉 · east-service' });
    await page.locator('#subscribe button[type="submit"]').click();
    await expect.poll(() => page.locator('#subscriptions tbody tr').count()).toBe(1);
    const row = await page.locator('#subscriptions tbody tr').innerText();
    expect(row).toContain('east');
    expect(row).toContain('服务月报');
    expect(row).toContain('钉钉 · east-service');
    await page.locator('#subscriptions button.remove').click();
    await expect.poll(() => page.locator('#subscriptions').innerText()).toContain('还没有订阅');
    expect(errors).toEqual([]);
  });

  it('subscribes to an alert with its thresholds, the defaults filled in; accessible and fits 390 px', async () => {
    await signIn('east');
    await page.locator('#subscribe').waitFor();
    await page.locator('select[name="item"]').selectOption({ label: '提醒 · 时效达标率低于目标' });
    // The configuration's defaults: 90 % over the last 7 days.
    await expect.poll(() => page.getByLabel('目标（%）').inputValue()).toBe('90');
    expect(await page.getByLabel('统计最近天数').inputValue()).toBe('7');
    expect(await page.locator('select[name="target"] option').allInnerTexts()).toEqual(['全部目标', '首次响应', '到场', '解决']);
    await page.getByLabel('目标（%）').fill('95.5');
    await page.getByLabel('统计最近天数').fill('14');
    await page.locator('select[name="target"]').selectOption({ label: '到场' });

    expect(await axeViolationIds(page, { seriousOnly: true })).toEqual([]);

    await page.locator('#subscribe button[type="submit"]').click();
    await expect.poll(() => page.locator('#subscriptions tbody tr').count()).toBe(1);
    expect(await page.locator('#subscriptions tbody tr').innerText()).toContain(
      '提醒 · 时效达标率低于目标 · 到场 · 低于 95.5%（近 14 天）',
    );
    const [row] = await db.all<{ alert: string }>(`select alert from subscriptions`);
    expect(JSON.parse(row.alert)).toEqual({ topic: 'sla_below', threshold: 0.955, days: 14, target: 'arrival' });

    await page.locator('select[name="item"]').selectOption({ label: '提醒 · 工单超过天数未解决' });
    await expect.poll(() => page.getByLabel('未解决超过（天）').inputValue()).toBe('7');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => fitsWidth(page)).toBe(true);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.locator('#subscriptions button.remove').click();
    await expect.poll(() => page.locator('#subscriptions').innerText()).toContain('还没有订阅');
    expect(errors).toEqual([]);
  });

  it('shows why a subscription is refused', async () => {
    await signIn('nomail');
    await page.locator('#subscribe').waitFor();
    await page.locator('#subscribe button[type="submit"]').click();
    await expect.poll(() => page.locator('#subscription-error').innerText()).toBe('该账户没有电子邮件地址：请管理员设置');
    // The delivery log is an admin's.
    expect(await page.locator('#deliveries').count()).toBe(0);
  });

  it('shows an admin the delivery log, a failure with its reason', async () => {
    const [{ id }] = await db.all<{ id: number }>(
      `insert into subscriptions (user_id, item, lang, channel, robot, created_by, created_at) select user_id, 'digest_monthly', 'zh', 'dingtalk', 'east-service', 'admin', now() from users where username = 'east' returning subscription_id as id`,
    );
    await db.run(
      `insert into deliveries (subscription_id, item_key, username, channel, recipient, status, attempts, last_error, next_attempt_at, created_at) values ($1, 'digest_monthly:2025-09', 'east', 'dingtalk', 'east-service', 'failed', 5, 'HTTP 500', now(), now())`,
      [id],
    );
    await signIn('admin');
    await expect.poll(() => page.locator('#deliveries tbody tr').count()).toBe(1);
    const row = await page.locator('#deliveries tbody tr').innerText();
    for (const text of ['digest_monthly:2025-09', 'east', '钉钉 · east-service', '失败', '5', 'HTTP 500']) expect(row).toContain(text);
  });
});
