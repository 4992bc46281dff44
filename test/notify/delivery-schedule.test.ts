// The notifier at start: a delivery a stopped server left mid-send is settled as failed (not sent again), the
// digest the schedule missed while the server was down is sent, alert subscriptions are evaluated, and a second
// start sends nothing more.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { defaultConfig } from '../../warehouse/config/config.ts';
import { insertSubscription, listDeliveries, planDelivery } from '../../warehouse/queries/subscriptions.ts';
import { createUser } from '../../web/server/auth/accounts.ts';
import { startNotifier } from '../../notify/delivery-schedule.ts';
import { lastMonth } from '../../notify/periods.ts';
import type { NotifyOptions } from '../../notify/deliveries.ts';
import { serviceQuarterWarehouse } from '../helpers/fixture-warehouse.ts';

describe('the notifier at start', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-notifier-'));
  let db: Warehouse;
  let server: http.Server;
  const received: string[] = [];
  let o: NotifyOptions;

  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        // WeCom's chart images (a second request after a message) are not messages.
        const json = JSON.parse(body);
        if (json.msgtype === 'markdown') received.push(json.markdown.content);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    o = {
      archive: { dir: tmp, companyName: '华信' },
      publicUrl: 'https://aftersight.example.com',
      linkSecret: 's',
      timeZone: 'Asia/Shanghai',
      // Today's month has no ticket in the fixture: sent all the same, so the start-up round is seen.
      delivery: { ...defaultConfig.delivery, skipEmpty: false },
      robots: { hq: { channel: 'wecom', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send?key=k` } },
      env: {},
    };
  }, 120_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('settles interrupted deliveries, catches up the missed digest once, and a second start sends nothing', async () => {
    const { user_id } = await createUser(db, { username: 'boss', role: 'manager', password: 'long enough pw' });
    const id = await insertSubscription(db, {
      user_id,
      item: 'digest_monthly',
      variant: null,
      lang: 'zh',
      channel: 'wecom',
      robot: 'hq',
      created_by: 'test',
    });
    await db.run(`update subscriptions set created_at = '2020-01-01' where subscription_id = $1`, [id]);
    // A delivery of an older month that a stopped server was sending.
    await planDelivery(
      db,
      { subscription_id: id, item_key: 'digest_monthly:2020-01', username: 'boss', channel: 'wecom', recipient: 'hq' },
      new Date('2020-02-01'),
    );
    await db.run(`update deliveries set status = 'sending', attempts = 1`);
    // Today M30 (opened 10 August 2025) and M36 are still open, far more than 7 days: the alert holds.
    const alert = await insertSubscription(db, {
      user_id,
      item: 'alert',
      variant: null,
      lang: 'zh',
      channel: 'wecom',
      robot: 'hq',
      created_by: 'test',
      alert: { topic: 'backlog_older', days: 7 },
    });
    await db.run(`update subscriptions set created_at = '2020-01-01' where subscription_id = $1`, [alert]);

    const first = startNotifier(db, o);
    await first.caughtUp;
    await first.stop();
    const month = lastMonth(new Date(), 'Asia/Shanghai').key;
    expect(received).toHaveLength(2);
    expect(received.find((m) => m.includes('Aftersight 服务月报'))).toBeDefined();
    expect(received.find((m) => m.includes('### Aftersight 提醒：2 张工单超过 7 天未解决'))).toBeDefined();
    const rows = await listDeliveries(db, 10);
    expect(rows.map((d) => [d.item_key, d.status]).sort()).toEqual([
      ['alert:backlog_older:1', 'sent'],
      ['digest_monthly:2020-01', 'failed'],
      [`digest_monthly:${month}`, 'sent'],
    ]);

    const second = startNotifier(db, o);
    await second.caughtUp;
    await second.afterReports();
    await second.stop();
    // The report subscription list is empty, the digest and the alert were sent: nothing more.
    expect(received).toHaveLength(2);
  }, 120_000);
});
