// /api/subscriptions, /api/deliveries, /api/unsubscribe and /api/shared-reports on the service quarter: each
// account manages its own subscriptions and an admin everyone's; what a role may not receive is refused with the
// reason; the delivery log is the admin's; an unsubscribe link works once its signature is right and only with a
// POST; a report's download link opens that report only, until it expires, and only while the account may see it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { createUser, type Role } from '../../../../web/server/auth/accounts.ts';
import { produceReport } from '../../../../reports/archive/report-archive.ts';
import { reportLinkParams, unsubscribeToken } from '../../../../notify/signed-links.ts';
import { serviceQuarterWarehouse } from '../../../helpers/fixture-warehouse.ts';

const password = 'correct horse battery';
const secret = 'test-link-secret';
const robots = { east: { channel: 'dingtalk' as const, url: 'http://127.0.0.1:9/robot/send?access_token=t', secret: 's' } };

describe('subscriptions API', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-subscriptions-api-'));
  let db: Warehouse;
  let app: FastifyInstance;
  const cookie: Record<string, string> = {};
  const ids: Record<string, number> = {};
  const as = (who: string | null, method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: who ? { cookie: cookie[who] } : {} });

  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    app = await buildApp({ db, reports: { dir: tmp, companyName: '华信' }, notify: { linkSecret: secret, robots } });
    const users: { username: string; role: Role; regions?: string[]; technician_id?: string; email?: string }[] = [
      { username: 'admin', role: 'admin', email: 'admin@example.com' },
      { username: 'boss', role: 'manager', email: 'boss@example.com' },
      { username: 'east', role: 'manager', regions: ['华东'], email: 'east@example.com' },
      { username: 'hr', role: 'hr' },
      { username: 'e1', role: 'technician', technician_id: 'E001', email: 'e1@example.com' },
    ];
    for (const u of users) {
      ids[u.username] = (await createUser(db, { ...u, password })).user_id;
      const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username: u.username, password } });
      cookie[u.username] = String(r.headers['set-cookie']).split(';')[0];
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('each account subscribes itself; what its role may not receive is refused with the reason', async () => {
    const mine = await as('boss', 'POST', '/api/subscriptions', { item: 'report', variant: 'management', lang: 'en', channel: 'email' });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({
      username: 'boss',
      item: 'report',
      variant: 'management',
      lang: 'en',
      channel: 'email',
      robot: null,
      created_by: 'boss',
    });
    const refused: [string, object, string][] = [
      ['boss', { item: 'report', variant: 'hr', channel: 'email' }, 'the manager role may receive the management edition only'],
      ['e1', { item: 'report', variant: 'management', channel: 'email' }, 'the technician role receives no report edition'],
      ['e1', { item: 'digest_weekly', channel: 'email' }, "the technician role may not see the overview's figures"],
      ['hr', { item: 'digest_monthly', channel: 'email' }, 'the account has no e-mail address'],
      ['boss', { item: 'digest_weekly', channel: 'wecom', robot: 'east' }, 'robot "east" is a dingtalk robot, not wecom'],
      ['boss', { item: 'digest_weekly', channel: 'dingtalk', robot: 'west' }, 'no robot "west" in the configuration; robots: east'],
      ['boss', { item: 'digest_weekly', channel: 'dingtalk' }, 'a dingtalk subscription names a robot of the configuration'],
      ['boss', { item: 'report', channel: 'email' }, 'a report subscription names its edition (variant)'],
    ];
    for (const [who, body, error] of refused) {
      const r = await as(who, 'POST', '/api/subscriptions', body);
      expect([r.statusCode, r.json().error], JSON.stringify(body)).toEqual([400, expect.stringContaining(error)]);
    }
    const robot = await as('east', 'POST', '/api/subscriptions', { item: 'digest_weekly', channel: 'dingtalk', robot: 'east' });
    expect(robot.statusCode, robot.body).toBe(201);
  });

  it('only an admin subscribes another account, and sees every subscription', async () => {
    expect(
      (await as('boss', 'POST', '/api/subscriptions', { item: 'digest_weekly', channel: 'email', user_id: ids.east })).statusCode,
    ).toBe(403);
    const r = await as('admin', 'POST', '/api/subscriptions', { item: 'digest_monthly', channel: 'email', user_id: ids.east });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ username: 'east', created_by: 'admin' });
    const own = (who: string) =>
      as(who, 'GET', '/api/subscriptions').then((x) => x.json().subscriptions.map((s: { username: string }) => s.username));
    expect(await own('east')).toEqual(['east', 'east']);
    expect(await own('boss')).toEqual(['boss']);
    expect((await own('admin')).sort()).toEqual(['boss', 'east', 'east']);
    expect((await as(null, 'GET', '/api/subscriptions')).statusCode).toBe(401);
    // The page's choices: the role's editions, whether digests are allowed, the address, the robots (no secret).
    expect((await as('east', 'GET', '/api/subscriptions')).json().choices).toEqual({
      variants: ['management'],
      digests: true,
      email: 'east@example.com',
      robots: [{ name: 'east', channel: 'dingtalk' }],
      deliveries: false,
      // Every alert topic for a manager, with the configuration's default thresholds.
      alerts: ['new_flags', 'sla_below', 'satisfaction_below', 'backlog_older'],
      alertDefaults: { slaBelow: 0.9, satisfactionBelow: 0.85, days: 7, backlogOlderDays: 7 },
      slaTargets: ['response', 'arrival', 'resolution'],
    });
    expect((await as('e1', 'GET', '/api/subscriptions')).json().choices).toMatchObject({ variants: [], digests: false, alerts: [] });
  });

  it('a subscription is deleted by its account or an admin; another account gets 404', async () => {
    const [s] = (await as('boss', 'GET', '/api/subscriptions')).json().subscriptions;
    expect((await as('east', 'DELETE', `/api/subscriptions/${s.subscription_id}`)).statusCode).toBe(404);
    expect((await as('boss', 'DELETE', `/api/subscriptions/${s.subscription_id}`)).statusCode).toBe(200);
    expect((await as('boss', 'GET', '/api/subscriptions')).json().subscriptions).toEqual([]);
    const audit = (await as('admin', 'GET', '/api/audit')).json().entries.map((e: { action: string }) => e.action);
    expect(audit).toContain('subscription_create');
    expect(audit).toContain('subscription_delete');
  });

  it("the delivery log is the admin's", async () => {
    expect((await as('admin', 'GET', '/api/deliveries')).json()).toEqual({ deliveries: [] });
    expect((await as('admin', 'GET', '/api/deliveries?status=failed')).statusCode).toBe(200);
    expect((await as('boss', 'GET', '/api/deliveries')).statusCode).toBe(403);
    expect((await as(null, 'GET', '/api/deliveries')).statusCode).toBe(401);
  });

  it("an admin sets an account's e-mail address; a bad one is refused", async () => {
    expect((await as('admin', 'PATCH', `/api/users/${ids.hr}`, { email: 'hr@example.com' })).statusCode).toBe(200);
    expect((await as('hr', 'POST', '/api/subscriptions', { item: 'report', variant: 'hr', channel: 'email' })).statusCode).toBe(201);
    expect((await as('admin', 'PATCH', `/api/users/${ids.hr}`, { email: 'not an address' })).statusCode).toBe(400);
    expect((await as('boss', 'PATCH', `/api/users/${ids.hr}`, { email: 'x@example.com' })).statusCode).toBe(403);
    expect((await as('admin', 'PATCH', '/api/users/999', { email: 'x@example.com' })).statusCode).toBe(404);
  });

  it('an unsubscribe link asks first (GET) and unsubscribes on POST; a forged one is refused', async () => {
    const [s] = (await as('east', 'GET', '/api/subscriptions')).json().subscriptions;
    const t = unsubscribeToken(secret, s.subscription_id);
    const ask = await app.inject({ url: `/api/unsubscribe?t=${t}` });
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain('不再接收这项订阅的消息');
    expect(ask.body).toContain('method="post"');
    // Asking deleted nothing.
    expect((await as('east', 'GET', '/api/subscriptions')).json().subscriptions).toHaveLength(2);
    // Another subscription's id with this signature, and another secret's signature, are refused.
    expect((await app.inject({ method: 'POST', url: `/api/unsubscribe?t=${s.subscription_id + 1}.${t.split('.')[1]}` })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ method: 'POST', url: `/api/unsubscribe?t=${unsubscribeToken('another secret', s.subscription_id)}` })).statusCode,
    ).toBe(404);
    // One-click unsubscribe from a mail client (RFC 8058): a form POST without an Origin.
    const done = await app.inject({
      method: 'POST',
      url: `/api/unsubscribe?t=${t}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.body).toContain('已退订');
    expect(
      (await as('east', 'GET', '/api/subscriptions')).json().subscriptions.map((x: { subscription_id: number }) => x.subscription_id),
    ).not.toContain(s.subscription_id);
    expect((await app.inject({ method: 'POST', url: `/api/unsubscribe?t=${t}` })).statusCode).toBe(404);
  });

  it('a signed download link opens its report until it expires, only while the account may see it', async () => {
    const east = await produceReport(
      db,
      { dir: tmp, companyName: '华信' },
      { quarter: '2025-Q3', variant: 'management', lang: 'zh', region: '华东' },
      'manual',
    );
    const all = await produceReport(
      db,
      { dir: tmp, companyName: '华信' },
      { quarter: '2025-Q3', variant: 'management', lang: 'zh' },
      'manual',
    );
    expect([east.status, all.status]).toEqual(['ok', 'ok']);
    const now = Date.now();
    const link = (id: number, user: number, exp: Date, s = secret) => {
      const p = reportLinkParams(s, id, user, exp);
      return `/api/shared-reports/${id}.pdf?u=${p.u}&exp=${p.exp}&sig=${p.sig}`;
    };
    const ok = await app.inject({ url: link(east.report_id, ids.east, new Date(now + 3_600_000)) });
    expect(ok.statusCode).toBe(200);
    expect(ok.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await app.inject({ url: link(east.report_id, ids.east, new Date(now - 1000)) })).json().error).toBe(
      'this download link has expired',
    );
    expect((await app.inject({ url: link(east.report_id, ids.east, new Date(now - 1000)) })).statusCode).toBe(410);
    expect((await app.inject({ url: link(east.report_id, ids.east, new Date(now + 3_600_000), 'forged') })).statusCode).toBe(404);
    // The signature names the report: the same parameters on another id are refused.
    expect(
      (
        await app.inject({
          url: link(east.report_id, ids.east, new Date(now + 3_600_000)).replace(`${east.report_id}.pdf`, `${all.report_id}.pdf`),
        })
      ).statusCode,
    ).toBe(404);
    // A link made for the region-limited account to the company-wide edition opens nothing.
    expect((await app.inject({ url: link(all.report_id, ids.east, new Date(now + 3_600_000)) })).statusCode).toBe(404);
    // The normal route still needs a session.
    expect((await app.inject({ url: `/api/reports/${east.report_id}.pdf` })).statusCode).toBe(401);
    const audit = (await as('admin', 'GET', '/api/audit')).json().entries;
    expect(audit).toContainEqual(
      expect.objectContaining({
        username: 'east',
        action: 'report_download',
        detail: `GET /api/shared-reports/${east.report_id}.pdf (signed link)`,
      }),
    );
  }, 120_000);

  it('an alert subscription names its topic and thresholds; a topic the role may not read is refused', async () => {
    const r = await as('boss', 'POST', '/api/subscriptions', {
      item: 'alert',
      alert: { topic: 'sla_below', threshold: 0.95, days: 14, target: 'arrival' },
      lang: 'en',
      channel: 'email',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ item: 'alert', alert: { topic: 'sla_below', threshold: 0.95, days: 14, target: 'arrival' } });
    const listed = (await as('boss', 'GET', '/api/subscriptions'))
      .json()
      .subscriptions.find((x: { subscription_id: number }) => x.subscription_id === r.json().subscription_id);
    expect(listed.alert).toEqual({ topic: 'sla_below', threshold: 0.95, days: 14, target: 'arrival' });
    const refused: [string, object, number, string][] = [
      ['boss', { item: 'alert', channel: 'email' }, 400, 'an alert subscription names its topic'],
      [
        'e1',
        { item: 'alert', alert: { topic: 'backlog_older' }, channel: 'email' },
        400,
        'the technician role may not see what the backlog_older alert reads',
      ],
      ['boss', { item: 'alert', alert: { topic: 'sla_below', threshold: 90 }, channel: 'email' }, 400, 'threshold'],
      ['boss', { item: 'alert', alert: { topic: 'sla_below', target: 'lunch' }, channel: 'email' }, 400, 'target'],
    ];
    for (const [who, body, status, error] of refused) {
      const x = await as(who, 'POST', '/api/subscriptions', body);
      expect([x.statusCode, JSON.stringify(x.json())], JSON.stringify(body)).toEqual([status, expect.stringContaining(error)]);
    }
  });
});
