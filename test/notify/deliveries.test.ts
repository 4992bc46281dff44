// Deliveries against real peers on loopback, on the service quarter (2025-Q3: 华东 20 counted tickets in July,
// 华北 10 in August, 华南 5 in September and one cancelled; 2025-Q2: 华东 4 in June): an SMTP server
// (smtp-server) receives the mails and the test parses them (mailparser); an HTTP server plays the WeCom, DingTalk
// and Feishu robots and checks each request's body and signature as the platforms document them, computed here
// independently. Each message is computed with its recipient's account: a manager limited to 华东 and 华北 gets
// one report per region, each with that region's figures only.
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { defaultConfig } from '../../warehouse/config/config.ts';
import { insertSubscription, listDeliveries, type NewSubscription } from '../../warehouse/queries/subscriptions.ts';
import { createUser, type Role } from '../../web/server/auth/accounts.ts';
import { buildApp } from '../../web/server/app.ts';
import {
  planDigestDeliveries,
  planReportDeliveries,
  runDueDeliveries,
  settleInterrupted,
  type NotifyOptions,
} from '../../notify/deliveries.ts';
import { smtpMailer } from '../../notify/channels/send.ts';
import { checkReportLink } from '../../notify/signed-links.ts';
import { type DeliveryPeers, type RobotCall, startDeliveryPeers } from '../helpers/delivery-peers.ts';
import { serviceQuarterWarehouse } from '../helpers/fixture-warehouse.ts';

describe('deliveries to real peers', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-deliveries-'));
  let db: Warehouse;
  let app: FastifyInstance;
  let peers: DeliveryPeers;
  let mails: ParsedMail[] = [];
  let calls: RobotCall[] = [];
  /** Paths the robot server answers 500, and paths it holds without answering until released. */
  let broken: Set<string>;
  let held: Map<string, () => void>;
  let arrivedHeld: string[];
  const ids: Record<string, number> = {};
  /** The robots' messages without WeCom's chart images (sent after a message, as its second request). */
  const texts = () => calls.filter((c) => c.body.msgtype !== 'image');
  let o: NotifyOptions;
  const secret = 'link-secret-for-tests';
  const dingSecret = 'SECdingtalk-test-secret';
  const feishuSecret = 'feishu-test-secret';
  // 08:00 on 1 October 2025 in Shanghai: 2025-Q3 and September have just ended.
  const now = new Date('2025-10-01T08:00:00+08:00');

  const subscribe = async (s: Omit<NewSubscription, 'created_by'>) => {
    const id = await insertSubscription(db, { ...s, created_by: 'test' });
    // Made before the quarter and the month ended (the fixture's clock is 2025's).
    await db.run(`update subscriptions set created_at = '2025-01-01' where subscription_id = $1`, [id]);
    return id;
  };
  const pdfOf = (m: ParsedMail) => m.attachments.find((a) => a.contentType === 'application/pdf')!;
  const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    const users: { username: string; role: Role; regions?: string[]; email: string }[] = [
      { username: 'boss', role: 'manager', email: 'boss@example.com' },
      { username: 'east', role: 'manager', regions: ['华东', '华北'], email: 'east@example.com' },
      { username: 'qe', role: 'quality', email: 'qe@example.com' },
      { username: 'admin', role: 'admin', email: 'admin@example.com' },
    ];
    for (const u of users) ids[u.username] = (await createUser(db, { ...u, password: 'long enough pw' })).user_id;

    peers = await startDeliveryPeers();
    ({ mails, calls, broken, held, arrivedHeld } = peers);
    const { smtpPort, robotUrl } = peers;

    const archive = { dir: tmp, companyName: '华信' };
    o = {
      archive,
      publicUrl: 'https://aftersight.example.com',
      linkSecret: secret,
      timeZone: 'Asia/Shanghai',
      delivery: { ...defaultConfig.delivery, maxAttempts: 3, retrySeconds: 60 },
      robots: {
        wecom: { channel: 'wecom', url: `${robotUrl}/wecom/send?key=wecom-key` },
        ding: { channel: 'dingtalk', url: `${robotUrl}/dingtalk/robot/send?access_token=ding-token`, secretEnv: 'TEST_DING_SECRET' },
        feishu: { channel: 'feishu', url: `${robotUrl}/feishu/hook/abc`, secret: feishuSecret },
        broken: { channel: 'wecom', url: `${robotUrl}/broken?key=k` },
        ...Object.fromEntries([1, 2, 3, 4].map((i) => [`r${i}`, { channel: 'wecom' as const, url: `${robotUrl}/r${i}?key=k` }])),
      },
      env: { TEST_DING_SECRET: dingSecret },
      mailer: smtpMailer({ host: '127.0.0.1', port: smtpPort, secure: false, from: 'Aftersight <reports@example.com>' }, undefined),
    };
    app = await buildApp({ db, reports: archive, notify: { linkSecret: secret, robots: o.robots } });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await peers?.close();
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  beforeEach(async () => {
    mails.length = 0;
    calls.length = 0;
    await db.run('delete from subscriptions');
  });

  it('mails each recipient the quarterly edition of their role, in their language, with their regions only', async () => {
    await subscribe({ user_id: ids.boss, item: 'report', variant: 'management', lang: 'zh', channel: 'email', robot: null });
    await subscribe({ user_id: ids.east, item: 'report', variant: 'management', lang: 'zh', channel: 'email', robot: null });
    await subscribe({ user_id: ids.qe, item: 'report', variant: 'quality', lang: 'en', channel: 'email', robot: null });
    // boss: the company; east: 华东 and 华北, one each; qe: the company.
    expect(await planReportDeliveries(db, o, now)).toBe(4);
    expect(await runDueDeliveries(db, o, now)).toMatchObject({ sent: 4, failed: 0, retrying: 0 });
    expect(mails).toHaveLength(4);
    const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.text;
    const byScope = Object.fromEntries(mails.map((m) => [`${to(m)} ${m.subject}`, m]));
    expect(Object.keys(byScope).sort()).toEqual([
      'boss@example.com Aftersight 季度报告 2025年第3季度 管理层版（全部大区）',
      'east@example.com Aftersight 季度报告 2025年第3季度 管理层版（华东）',
      'east@example.com Aftersight 季度报告 2025年第3季度 管理层版（华北）',
      'qe@example.com Aftersight quarterly report Q3 2025, Quality engineering edition (All regions)',
    ]);

    const text = (m: ParsedMail) => m.text!;
    // Tickets opened, by hand from the fixture: the company 35 against 4 in Q2 (+775 %); 华东 20 against 4 (+400 %);
    // 华北 10 against none.
    expect(text(byScope['boss@example.com Aftersight 季度报告 2025年第3季度 管理层版（全部大区）'])).toContain(
      '新增工单 35，较上季度上升 775.0%。',
    );
    const eastMail = byScope['east@example.com Aftersight 季度报告 2025年第3季度 管理层版（华东）'];
    const northMail = byScope['east@example.com Aftersight 季度报告 2025年第3季度 管理层版（华北）'];
    expect(text(eastMail)).toContain('新增工单 20，较上季度上升 400.0%。');
    expect(text(northMail)).toContain('新增工单 10，较上季度无可比数据。');
    expect(text(byScope['qe@example.com Aftersight quarterly report Q3 2025, Quality engineering edition (All regions)'])).toContain(
      'Tickets opened 35: up 775.0% vs previous quarter.',
    );

    for (const m of mails) {
      expect(m.headers.get('content-language')).toBe(m.subject!.startsWith('Aftersight quarterly') ? 'en' : 'zh-CN');
      expect(text(m)).toMatch(/https:\/\/aftersight\.example\.com\/api\/unsubscribe\?t=\d+\.[A-Za-z0-9_-]{43}/);
      // One-click unsubscribe (RFC 2369, 8058): mailparser reads List-* headers into `list`.
      const list = m.headers.get('list') as Record<string, { id?: string; name?: string }>;
      expect(list.unsubscribe.id).toMatch(/^https:\/\/aftersight\.example\.com\/api\/unsubscribe\?t=\d+\./);
      expect(list['unsubscribe-post'].name).toBe('List-Unsubscribe=One-Click');
      // The PDF, and the chart of the quarter's tickets by month shown inline in the HTML part.
      expect(m.attachments.map((a) => a.contentType).sort()).toEqual(['application/pdf', 'image/png']);
      expect(pdfOf(m).content.subarray(0, 5).toString()).toBe('%PDF-');
      const chart = m.attachments.find((a) => a.contentType === 'image/png')!;
      expect(chart.cid).toBe('chart@aftersight');
      expect(m.html).toContain('src="cid:chart@aftersight"');
      expect([chart.content.subarray(1, 4).toString(), chart.content.readUInt32BE(16), chart.content.readUInt32BE(20)]).toEqual([
        'PNG',
        1280,
        520,
      ]);
    }
    const pdf = (m: ParsedMail) => {
      const file = path.join(tmp, `${pdfOf(m).filename}`);
      fs.writeFileSync(file, pdfOf(m).content);
      return pdfText(file);
    };
    expect(pdf(byScope['qe@example.com Aftersight quarterly report Q3 2025, Quality engineering edition (All regions)'])).toContain(
      'Quality engineering edition',
    );
    // The region-limited manager's mails and PDFs name no other region.
    for (const [m, own, others] of [
      [eastMail, '华东', ['华北', '华南']],
      [northMail, '华北', ['华东', '华南']],
    ] as const) {
      const body = pdf(m);
      expect(body).toContain('管理层版');
      expect(body).toContain(own);
      for (const other of others) {
        expect(body, `${own} PDF`).not.toContain(other);
        expect(text(m), `${own} mail`).not.toContain(other);
      }
    }
    // The editions are in the archive.
    expect(
      (await db.all<{ n: number }>(`select count(*)::integer as n from reports where quarter = '2025-Q3' and status = 'ok'`))[0].n,
    ).toBe(4);
    // A second round, and planning again, send nothing.
    expect(await planReportDeliveries(db, o, now)).toBe(0);
    expect(await runDueDeliveries(db, o, now)).toMatchObject({ sent: 0 });
    expect(mails).toHaveLength(4);
  }, 300_000);

  it('posts to WeCom, DingTalk and Feishu robots in their formats, signed as each platform documents', async () => {
    await subscribe({ user_id: ids.boss, item: 'digest_monthly', variant: null, lang: 'zh', channel: 'wecom', robot: 'wecom' });
    await subscribe({ user_id: ids.boss, item: 'report', variant: 'management', lang: 'zh', channel: 'dingtalk', robot: 'ding' });
    await subscribe({ user_id: ids.qe, item: 'digest_monthly', variant: null, lang: 'en', channel: 'feishu', robot: 'feishu' });
    // The 华东/华北 manager's September digest has no ticket: skipped (delivery.skipEmpty).
    await subscribe({ user_id: ids.east, item: 'digest_monthly', variant: null, lang: 'zh', channel: 'wecom', robot: 'wecom' });
    expect(await planDigestDeliveries(db, o, 'monthly', now)).toBe(3);
    expect(await planReportDeliveries(db, o, now)).toBe(1);
    const before = Date.now();
    expect(await runDueDeliveries(db, o, now)).toMatchObject({ sent: 3, skipped: 1, failed: 0 });
    // Each message once; WeCom's is followed by its chart as an image message (DingTalk and Feishu link to it).
    expect(
      texts()
        .map((c) => c.path)
        .sort(),
    ).toEqual(['/dingtalk/robot/send', '/feishu/hook/abc', '/wecom/send']);
    expect(calls.filter((c) => c.body.msgtype === 'image').map((c) => c.path)).toEqual(['/wecom/send']);

    const wecom = calls.find((c) => c.path === '/wecom/send')!;
    expect(wecom.query.get('key')).toBe('wecom-key');
    expect(Object.keys(wecom.body)).toEqual(['msgtype', 'markdown']);
    expect(wecom.body.msgtype).toBe('markdown');
    // September against August, all regions: 5 counted tickets against 10.
    expect(wecom.body.markdown.content).toContain('### Aftersight 服务月报 2025年9月');
    expect(wecom.body.markdown.content).toContain('新增工单 5，较上月下降 50.0%。');
    expect(wecom.body.markdown.content).toMatch(/\[退订\]\(https:\/\/aftersight\.example\.com\/api\/unsubscribe\?t=/);

    const ding = calls.find((c) => c.path === '/dingtalk/robot/send')!;
    expect(ding.query.get('access_token')).toBe('ding-token');
    const timestamp = ding.query.get('timestamp')!;
    expect(Number(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Number(timestamp)).toBeLessThanOrEqual(ding.at);
    // DingTalk: sign = base64(HmacSHA256(key = secret, timestamp + "\n" + secret)), URL-encoded (decoded here by URLSearchParams).
    expect(ding.query.get('sign')).toBe(crypto.createHmac('sha256', dingSecret).update(`${timestamp}\n${dingSecret}`).digest('base64'));
    expect(ding.body.msgtype).toBe('markdown');
    expect(ding.body.markdown.title).toBe('Aftersight 季度报告 2025年第3季度 管理层版（全部大区）');
    expect(ding.body.markdown.text).toContain('新增工单 35，较上季度上升 775.0%。');
    // The report comes as an expiring signed link, valid for linkHours (7 days) from the delivery.
    const link = /\((https:\/\/aftersight\.example\.com\/api\/shared-reports\/(\d+)\.pdf\?[^)]+)\)/.exec(ding.body.markdown.text);
    expect(link).not.toBeNull();
    const q = new URL(link![1]).searchParams;
    const params = { u: Number(q.get('u')), exp: Number(q.get('exp')), sig: q.get('sig')! };
    expect(params).toMatchObject({ u: ids.boss, exp: Math.floor((now.getTime() + 7 * 24 * 3_600_000) / 1000) });
    expect(checkReportLink(secret, Number(link![2]), params, new Date(now.getTime() + 7 * 24 * 3_600_000 - 1000))).toBe('ok');
    expect(checkReportLink(secret, Number(link![2]), params, new Date(now.getTime() + 7 * 24 * 3_600_000 + 1000))).toBe('expired');
    // The fixture's clock is 2025's: today the link has expired, and the server says so.
    expect((await app.inject({ url: new URL(link![1]).pathname + new URL(link![1]).search })).json()).toEqual({
      error: 'this download link has expired',
      code: 'link_expired',
      params: {},
    });

    const feishu = calls.find((c) => c.path === '/feishu/hook/abc')!;
    expect(Object.keys(feishu.body).sort()).toEqual(['content', 'msg_type', 'sign', 'timestamp']);
    const seconds = feishu.body.timestamp;
    expect(Math.abs(Number(seconds) - Math.floor(feishu.at / 1000))).toBeLessThanOrEqual(1);
    // Feishu: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, empty message)).
    expect(feishu.body.sign).toBe(crypto.createHmac('sha256', `${seconds}\n${feishuSecret}`).update(Buffer.alloc(0)).digest('base64'));
    expect(feishu.body.msg_type).toBe('text');
    expect(feishu.body.content.text).toContain('Aftersight monthly digest 2025-09');
    expect(feishu.body.content.text).toContain('Tickets opened 5: down 50.0% vs previous month.');

    const skipped = (await listDeliveries(db, 100, 'skipped')).find((d) => d.username === 'east')!;
    expect(skipped.last_error).toBe('no ticket in the period (delivery.skipEmpty)');
    // No secret is in the log.
    const log = JSON.stringify(await listDeliveries(db, 100));
    for (const s of [dingSecret, feishuSecret, 'wecom-key', 'ding-token']) expect(log).not.toContain(s);
  }, 300_000);

  it('retries a failing robot with doubling waits, then logs and audits the delivery as failed', async () => {
    broken.add('/broken');
    await subscribe({ user_id: ids.boss, item: 'digest_monthly', variant: null, lang: 'zh', channel: 'wecom', robot: 'broken' });
    expect(await planDigestDeliveries(db, o, 'monthly', now)).toBe(1);
    const at = (s: number) => new Date(now.getTime() + s * 1000);
    expect(await runDueDeliveries(db, o, at(0))).toMatchObject({ retrying: 1 });
    // The second attempt waits retrySeconds (60 s), the third twice that (120 s).
    expect(await runDueDeliveries(db, o, at(59))).toMatchObject({ retrying: 0, failed: 0 });
    expect(await runDueDeliveries(db, o, at(60))).toMatchObject({ retrying: 1 });
    expect(await runDueDeliveries(db, o, at(179))).toMatchObject({ retrying: 0, failed: 0 });
    expect(await runDueDeliveries(db, o, at(180))).toMatchObject({ failed: 1 });
    expect(await runDueDeliveries(db, o, at(10_000))).toMatchObject({ sent: 0, failed: 0, retrying: 0 });
    expect(calls.filter((c) => c.path === '/broken')).toHaveLength(3);
    const [failed] = await listDeliveries(db, 100, 'failed');
    expect(failed).toMatchObject({
      item_key: 'digest_monthly:2025-09',
      username: 'boss',
      channel: 'wecom',
      recipient: 'broken',
      attempts: 3,
      last_error: expect.stringContaining('HTTP 500'),
    });
    // Shown to admins, and audited.
    const cookie = String(
      (await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password: 'long enough pw' } })).headers[
        'set-cookie'
      ],
    ).split(';')[0];
    const shown = (await app.inject({ url: '/api/deliveries?status=failed', headers: { cookie } })).json().deliveries;
    expect(shown.map((d: { delivery_id: number }) => d.delivery_id)).toContain(failed.delivery_id);
    const audit = (await app.inject({ url: '/api/audit', headers: { cookie } })).json().entries;
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'delivery_failed',
        detail: expect.stringContaining('digest_monthly:2025-09 to boss by wecom (broken) after 3 attempts: HTTP 500'),
      }),
    );
    broken.delete('/broken');
  }, 120_000);

  it('waits out the quiet hours', async () => {
    await subscribe({ user_id: ids.boss, item: 'digest_weekly', variant: null, lang: 'zh', channel: 'wecom', robot: 'r1' });
    const quiet = { ...o, delivery: { ...o.delivery, quietHours: { start: '22:00', end: '08:00' } } };
    // 23:00 on Monday 11 August 2025 in Shanghai: the week of 4–10 August (7 counted tickets in 华北) has ended.
    const night = new Date('2025-08-11T23:00:00+08:00');
    expect(await planDigestDeliveries(db, quiet, 'weekly', night)).toBe(1);
    expect(await runDueDeliveries(db, quiet, night)).toMatchObject({ postponed: 1, sent: 0 });
    // Moved to 08:00: not due before.
    expect(await runDueDeliveries(db, quiet, new Date('2025-08-12T07:59:00+08:00'))).toMatchObject({ postponed: 0, sent: 0 });
    expect(calls).toHaveLength(0);
    expect(await runDueDeliveries(db, quiet, new Date('2025-08-12T08:00:00+08:00'))).toMatchObject({ postponed: 0, sent: 1 });
    expect(texts()).toHaveLength(1);
    expect(calls[0].body.markdown.content).toContain('### Aftersight 服务周报 2025-08-04 至 2025-08-10');
    expect(calls[0].body.markdown.content).toContain('新增工单 7，较上周');
  }, 120_000);

  it('a restart in the middle of a round sends nothing twice', async () => {
    for (const r of ['r1', 'r2', 'r3', 'r4'])
      await subscribe({ user_id: ids.boss, item: 'digest_monthly', variant: null, lang: 'zh', channel: 'wecom', robot: r });
    expect(await planDigestDeliveries(db, o, 'monthly', now)).toBe(4);
    // The third robot takes the message and the server stops before the answer arrives.
    held.set('/r3', () => undefined);
    const dying = runDueDeliveries(db, o, now);
    await expect.poll(() => arrivedHeld.includes('/r3'), { timeout: 60_000 }).toBe(true);
    // The restart: the interrupted delivery is settled as failed, the missed schedule planned again and sent.
    expect(await settleInterrupted(db, {})).toBe(1);
    expect(await planDigestDeliveries(db, o, 'monthly', now)).toBe(0);
    expect(await runDueDeliveries(db, o, now)).toMatchObject({ sent: 1 });
    expect(await runDueDeliveries(db, o, now)).toMatchObject({ sent: 0 });
    const sentTo = texts()
      .map((c) => c.path)
      .sort();
    expect(sentTo).toEqual(['/r1', '/r2', '/r3', '/r4']);
    const interrupted = (await listDeliveries(db, 100, 'failed')).find((d) => d.recipient === 'r3')!;
    expect(interrupted.last_error).toContain('interrupted while sending');
    // Let the old round end (a real crash would not): it finds nothing more to send.
    held.get('/r3')!();
    held.delete('/r3');
    await dying;
    expect(
      texts()
        .map((c) => c.path)
        .sort(),
    ).toEqual(['/r1', '/r2', '/r3', '/r4']);
  }, 120_000);
});
