// Alert subscriptions against real peers on loopback, on the service quarter (test/fixtures/service-quarter):
// an SMTP server (smtp-server) receives the mails, parsed with mailparser; an HTTP server plays the WeCom and
// DingTalk robots and checks their requests (DingTalk's signature computed here independently). Figures by hand:
// - CSAT, 1 July – 10 August 2025: 华东 (M01–M20) 16 of 20 rated tickets score 4–5 = 80.0 %; 华北 (M21–M26 rated,
//   M25 by its callback) 5 of 6; the company 21 of 26 = 80.8 %.
// - Open on 1 October 2025 08:00 (Shanghai): M30 (华北, opened 10 August), M36 (华南, 25 September 10:00, 5 d 22 h),
//   M34 (华南, 30 September 21:00); older than 7 days: 1 (M30); older than 5 days: 2.
// - Quality flags of 2025-Q3: BCD-450 / F1 (华北, ten severity-1 tickets: major impact); none in 华东.
import crypto from 'node:crypto';
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
import { runDueDeliveries, type NotifyOptions } from '../../notify/deliveries.ts';
import { planAlertDeliveries } from '../../notify/alerts.ts';
import { smtpMailer } from '../../notify/channels/send.ts';
import { type DeliveryPeers, type RobotCall, startDeliveryPeers } from '../helpers/delivery-peers.ts';
import { serviceQuarterWarehouse } from '../helpers/fixture-warehouse.ts';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A PNG's width and height from its IHDR chunk, after checking the signature and the chunk's CRC. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const crc32 = (b: Buffer) => {
    let c = ~0;
    for (const byte of b) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  expect(png.readUInt32BE(29)).toBe(crc32(png.subarray(12, 29)));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('alert subscriptions', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-alerts-'));
  let db: Warehouse;
  let app: FastifyInstance;
  let peers: DeliveryPeers;
  let mails: ParsedMail[] = [];
  let calls: RobotCall[] = [];
  const ids: Record<string, number> = {};
  let o: NotifyOptions;
  const secret = 'link-secret-for-tests';
  const dingSecret = 'SECdingtalk-test-secret';

  const subscribe = async (s: Omit<NewSubscription, 'created_by' | 'variant' | 'robot' | 'item'> & { robot?: string }) => {
    const id = await insertSubscription(db, { variant: null, robot: null, item: 'alert', ...s, created_by: 'test' });
    await db.run(`update subscriptions set created_at = '2025-01-01' where subscription_id = $1`, [id]);
    return id;
  };
  const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)!.text;

  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    const users: { username: string; role: Role; regions?: string[]; email: string }[] = [
      { username: 'boss', role: 'manager', email: 'boss@example.com' },
      { username: 'east', role: 'manager', regions: ['华东'], email: 'east@example.com' },
      { username: 'north', role: 'manager', regions: ['华北'], email: 'north@example.com' },
      { username: 'qe', role: 'quality', email: 'qe@example.com' },
    ];
    for (const u of users) ids[u.username] = (await createUser(db, { ...u, password: 'long enough pw' })).user_id;

    peers = await startDeliveryPeers();
    ({ mails, calls } = peers);
    const { smtpPort, robotUrl } = peers;

    const archive = { dir: tmp, companyName: '华信' };
    o = {
      archive,
      publicUrl: 'https://aftersight.example.com',
      linkSecret: secret,
      timeZone: 'Asia/Shanghai',
      delivery: { ...defaultConfig.delivery },
      robots: {
        wecom: { channel: 'wecom', url: `${robotUrl}/wecom/send?key=wecom-key` },
        ding: { channel: 'dingtalk', url: `${robotUrl}/dingtalk/robot/send?access_token=ding-token`, secret: dingSecret },
      },
      env: {},
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
    await db.run('delete from deliveries');
    await db.run('delete from subscriptions');
  });

  it('sends a CSAT alert below its threshold once, with the recipient regions only, and not again after a restart', async () => {
    // 22:00 on 10 August 2025: the last 41 days are 1 July – 10 August.
    const at = new Date('2025-08-10T22:00:00+08:00');
    await subscribe({ user_id: ids.boss, lang: 'zh', channel: 'email', alert: { topic: 'satisfaction_below', threshold: 0.85, days: 41 } });
    await subscribe({ user_id: ids.east, lang: 'en', channel: 'email', alert: { topic: 'satisfaction_below', threshold: 0.85, days: 41 } });
    // 华东's 80.0 % is not below 80 %: no alert.
    await subscribe({ user_id: ids.east, lang: 'en', channel: 'email', alert: { topic: 'satisfaction_below', threshold: 0.8, days: 41 } });
    expect(await planAlertDeliveries(db, o, at)).toBe(2);
    expect(await runDueDeliveries(db, o, at)).toMatchObject({ sent: 2, failed: 0 });
    const byTo = Object.fromEntries(mails.map((m) => [to(m), m]));
    expect(Object.keys(byTo).sort()).toEqual(['boss@example.com', 'east@example.com']);
    expect(byTo['boss@example.com'].subject).toBe('Aftersight 提醒：客户满意率低于目标');
    expect(byTo['boss@example.com'].text).toContain('近 41 天客户满意率为 80.8%，低于目标 85.0%。');
    expect(byTo['boss@example.com'].text).toContain('范围：全部大区');
    const east = byTo['east@example.com'];
    expect(east.subject).toBe('Aftersight alert: CSAT below target');
    expect(east.text).toContain('CSAT over the last 41 days is 80.0%, below the target of 85.0%.');
    expect(east.text).toContain('Scope: 华东');
    // No other region's figure: neither 华北 nor the company's 80.8 %.
    expect(east.text).not.toMatch(/华北|80\.8/);
    expect(east.text).toContain('https://aftersight.example.com/overview');
    // The chart, rendered on the server, inline in the HTML part.
    const chart = east.attachments.find((a) => a.contentType === 'image/png')!;
    expect(pngSize(chart.content)).toEqual({ width: 1280, height: 520 });

    // The next evaluation (the condition still holds) and a restart (a new evaluation from the tables alone) send nothing.
    expect(await planAlertDeliveries(db, o, new Date(at.getTime() + 1_800_000))).toBe(0);
    // Even when the state was lost after the delivery was planned (a stop between the two writes).
    await db.run('update subscriptions set alert_state = null');
    expect(await planAlertDeliveries(db, o, new Date(at.getTime() + 3_600_000))).toBe(0);
    expect(await runDueDeliveries(db, o, new Date(at.getTime() + 3_600_000))).toMatchObject({ sent: 0 });
    expect(mails).toHaveLength(2);
    expect((await listDeliveries(db, 10)).map((d) => d.status)).toEqual(['sent', 'sent']);
  });

  it('sends a condition again only after it stopped holding (a new episode)', async () => {
    const id = await subscribe({ user_id: ids.boss, lang: 'en', channel: 'email', alert: { topic: 'backlog_older', days: 7 } });
    const oct1 = new Date('2025-10-01T08:00:00+08:00');
    expect(await planAlertDeliveries(db, o, oct1)).toBe(1);
    await runDueDeliveries(db, o, oct1);
    expect(mails[0].subject).toBe('Aftersight alert: 1 ticket open for more than 7 days');
    expect(mails[0].text).toContain('1 open ticket was opened more than 7 days ago.');
    // On 5 August M30 was not yet opened: nothing open for more than 7 days, the episode ends …
    expect(await planAlertDeliveries(db, o, new Date('2025-08-05T08:00:00+08:00'))).toBe(0);
    // … and when it holds again it is a new one.
    expect(await planAlertDeliveries(db, o, oct1)).toBe(1);
    expect(
      (await listDeliveries(db, 10))
        .filter((d) => d.subscription_id === id)
        .map((d) => d.item_key)
        .sort(),
    ).toEqual(['alert:backlog_older:1', 'alert:backlog_older:2']);
  });

  it('respects the backlog age and the regions', async () => {
    const oct1 = new Date('2025-10-01T08:00:00+08:00');
    await subscribe({ user_id: ids.boss, lang: 'zh', channel: 'email', alert: { topic: 'backlog_older', days: 5 } });
    // 华东 has no open ticket: no alert.
    await subscribe({ user_id: ids.east, lang: 'zh', channel: 'email', alert: { topic: 'backlog_older', days: 5 } });
    expect(await planAlertDeliveries(db, o, oct1)).toBe(1);
    await runDueDeliveries(db, o, oct1);
    expect(mails.map(to)).toEqual(['boss@example.com']);
    expect(mails[0].text).toContain('有 2 张未解决的工单已开单超过 5 天。');
  });

  it('sends new quality flags once to a WeCom robot, with the chart as an image message of the right MD5', async () => {
    const sept30 = new Date('2025-09-30T12:00:00+08:00');
    await subscribe({ user_id: ids.qe, lang: 'zh', channel: 'wecom', robot: 'wecom', alert: { topic: 'new_flags' } });
    // The east manager's regions have no flag of the quarter.
    await subscribe({ user_id: ids.east, lang: 'zh', channel: 'email', alert: { topic: 'new_flags' } });
    expect(await planAlertDeliveries(db, o, sept30)).toBe(1);
    await runDueDeliveries(db, o, sept30);
    expect(mails).toHaveLength(0);
    expect(calls).toHaveLength(1);
    expect(calls[0].body.msgtype).toBe('markdown');
    const md: string = calls[0].body.markdown.content;
    expect(md).toContain('### Aftersight 提醒：新的质量问题 1 项、早期预警 0 项');
    expect(md).toContain('机型 BCD-450 故障 F1');
    expect(md).toContain('(https://aftersight.example.com/quality)');
    // Evaluated again: the same flag is not new; nor after a restart that lost the subscription's state (the log holds it).
    expect(await planAlertDeliveries(db, o, new Date(sept30.getTime() + 3_600_000))).toBe(0);
    await db.run('update subscriptions set alert_state = null');
    expect(await planAlertDeliveries(db, o, new Date(sept30.getTime() + 3_600_000))).toBe(0);

    // An SLA alert to WeCom carries its chart as a second, image message.
    calls.length = 0;
    await subscribe({
      user_id: ids.qe,
      lang: 'zh',
      channel: 'wecom',
      robot: 'wecom',
      alert: { topic: 'sla_below', threshold: 1, days: 92 },
    });
    expect(await planAlertDeliveries(db, o, sept30)).toBe(1);
    const round = await runDueDeliveries(db, o, sept30);
    expect(round.sent, JSON.stringify((await listDeliveries(db, 10)).map((d) => [d.status, d.last_error]))).toBe(1);
    expect(calls.map((c) => c.body.msgtype)).toEqual(['markdown', 'image']);
    const { base64, md5 } = calls[1].body.image;
    const png = Buffer.from(base64, 'base64');
    expect(md5).toBe(crypto.createHash('md5').update(png).digest('hex'));
    expect(pngSize(png)).toEqual({ width: 1280, height: 520 });
  });

  it('shows the chart to DingTalk by a signed expiring link the server answers with the PNG', async () => {
    const sept30 = new Date('2025-09-30T12:00:00+08:00');
    await subscribe({
      user_id: ids.boss,
      lang: 'en',
      channel: 'dingtalk',
      robot: 'ding',
      alert: { topic: 'sla_below', threshold: 1, days: 92, target: 'arrival' },
    });
    expect(await planAlertDeliveries(db, o, sept30)).toBe(1);
    // The fixture's clock is 2025's: a link valid for three years is still valid when the test opens it.
    await runDueDeliveries(db, { ...o, delivery: { ...o.delivery, linkHours: 3 * 366 * 24 } }, sept30);
    expect(calls).toHaveLength(1);
    const c = calls[0];
    const sign = crypto
      .createHmac('sha256', dingSecret)
      .update(`${c.query.get('timestamp')}\n${dingSecret}`)
      .digest('base64');
    expect(c.query.get('sign')).toBe(sign);
    const text: string = c.body.markdown.text;
    expect(c.body.markdown.title).toBe('Aftersight alert: SLA compliance (Arrival) below target');
    const link = /!\[[^\]]*\]\((https:\/\/aftersight\.example\.com(\/api\/shared-charts\/[0-9a-f]{32}\.png\?exp=\d+&sig=[^)]+))\)/.exec(
      text,
    );
    expect(link).not.toBeNull();
    const res = await app.inject({ method: 'GET', url: link![2] });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    pngSize(res.rawPayload);
    // Altered, the link opens nothing.
    expect((await app.inject({ method: 'GET', url: link![2].replace(/sig=./, 'sig=X') })).statusCode).toBe(404);
    // Once it has expired, it says so.
    await runDueDeliveries(db, o, sept30);
    calls.length = 0;
    await db.run('delete from deliveries');
    await db.run('update subscriptions set alert_state = null');
    await planAlertDeliveries(db, o, sept30);
    await runDueDeliveries(db, o, sept30);
    const expired = /\((https:\/\/aftersight\.example\.com(\/api\/shared-charts\/[^)]+))\)/.exec(calls[0].body.markdown.text)!;
    expect((await app.inject({ method: 'GET', url: expired[2] })).statusCode).toBe(410);
  });
});
