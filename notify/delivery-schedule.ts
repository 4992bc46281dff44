// Deliveries on schedule: the weekly and monthly digests on their crons, the quarterly report editions after the
// report schedule has produced them, and a round of due deliveries (retries, the end of quiet hours) on sendCron.
// At start the digests and report a stopped server missed are planned (each item is sent once per subscription:
// a catch-up of what was sent finds nothing). Alert subscriptions are evaluated on alertCron and at start (an
// alert is planned once per flag or episode: notify/alerts.ts). Rounds run one at a time.
import cron, { type ScheduledTask } from 'node-cron';
import { defaultConfig } from '../warehouse/config/config.ts';
import type { Warehouse } from '../warehouse/db/open-warehouse.ts';
import { planAlertDeliveries } from './alerts.ts';
import { planDigestDeliveries, planReportDeliveries, runDueDeliveries, settleInterrupted, type NotifyOptions } from './deliveries.ts';

export interface Notifier {
  /** The start-up work: interrupted deliveries settled, missed digests planned and sent. */
  caughtUp: Promise<void>;
  /** After the quarterly reports were produced (schedule or start-up): their editions planned and sent. */
  afterReports(): Promise<void>;
  stop(): Promise<void>;
}

export function startNotifier(db: Warehouse, o: NotifyOptions): Notifier {
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  // Stopping ends a round between two deliveries, not in the middle of one.
  const stopping = new AbortController();
  const serial = (what: string, work: () => Promise<unknown>): Promise<void> =>
    (chain = chain.then(async () => {
      if (stopped) return;
      try {
        await work();
      } catch (e) {
        o.log?.(`${what} failed: ${(e as Error).message}`);
      }
    }));
  const round = async () => {
    const r = await runDueDeliveries(db, o, new Date(), stopping.signal);
    if (r.sent + r.failed + r.retrying + r.skipped + r.postponed > 0)
      o.log?.(
        `deliveries: ${r.sent} sent, ${r.retrying} to retry, ${r.failed} failed, ${r.skipped} skipped, ${r.postponed} waiting for the end of the quiet hours`,
      );
  };
  const digest = (kind: 'weekly' | 'monthly') => async () => {
    await planDigestDeliveries(db, o, kind);
    await round();
  };
  const alerts = async () => {
    const n = await planAlertDeliveries(db, o);
    if (n > 0) o.log?.(`alerts: ${n} to send`);
    await round();
  };
  const options = { timezone: o.timeZone, noOverlap: true };
  const tasks: ScheduledTask[] = [
    cron.schedule(o.delivery.weeklyCron, () => serial('weekly digest', digest('weekly')), { ...options, name: 'weekly-digest' }),
    cron.schedule(o.delivery.monthlyCron, () => serial('monthly digest', digest('monthly')), { ...options, name: 'monthly-digest' }),
    cron.schedule(o.delivery.sendCron, () => serial('deliveries', round), { ...options, name: 'deliveries' }),
    cron.schedule(o.delivery.alertCron ?? defaultConfig.delivery.alertCron!, () => serial('alerts', alerts), {
      ...options,
      name: 'alerts',
    }),
  ];
  const caughtUp = serial('start-up deliveries', async () => {
    await settleInterrupted(db, o);
    await planDigestDeliveries(db, o, 'weekly');
    await planDigestDeliveries(db, o, 'monthly');
    await planAlertDeliveries(db, o);
    await round();
  });
  return {
    caughtUp,
    afterReports: () =>
      serial('report deliveries', async () => {
        await planReportDeliveries(db, o);
        await round();
      }),
    async stop() {
      stopped = true;
      stopping.abort();
      for (const t of tasks) await t.destroy();
      await chain;
    },
  };
}
