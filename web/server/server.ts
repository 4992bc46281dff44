// Starts Aftersight: opens the warehouse (filling it with demo data when empty), refreshes the models, serves
// the API and dashboard, and runs the scheduled refresh in this process (one process owns the DuckDB file).
import type { FastifyInstance } from 'fastify';
import { analysisSettingsOf, type AftersightConfig } from '../../warehouse/config/config.ts';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { isWarehouseEmpty, loadDemoData } from '../../ingest/load-demo-data.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';
import { scheduleRefresh } from '../../warehouse/refresh/refresh-schedule.ts';
import { calendarCoverageWarning } from '../../warehouse/refresh/calendar-coverage.ts';
import { scheduleDropFolder } from '../../ingest/drop-folder-schedule.ts';
import { dropFoldersUnder } from '../../ingest/drop-folder.ts';
import path from 'node:path';
import { buildApp } from './app.ts';
import { createFirstUsers } from './auth/first-users.ts';
import { produceMissingReports, scheduleReports } from '../../reports/archive/report-schedule.ts';
import type { ArchivedReport } from '../../reports/archive/report-archive.ts';
import { loadLinkSecret } from '../../notify/signed-links.ts';
import { startNotifier } from '../../notify/delivery-schedule.ts';
import { smtpMailer } from '../../notify/channels/send.ts';

export interface RunningServer {
  app: FastifyInstance;
  db: Warehouse;
  url: string;
  /** The start-up production of the reports the schedule missed while the server was down. */
  reportsCaughtUp: Promise<ArchivedReport[]>;
  stop(): Promise<void>;
}

export async function startServer(config: AftersightConfig, log: (msg: string) => void = console.log): Promise<RunningServer> {
  const db = await openWarehouse(config.db, { timeZone: config.timeZone, settings: analysisSettingsOf(config), memoryLimit: config.memoryLimit });
  let demo = false;
  if (config.demoWhenEmpty && (await isWarehouseEmpty(db))) {
    log(`warehouse ${config.db} is empty: loading ${config.demoTickets.toLocaleString('en')} generated demo tickets…`);
    await loadDemoData(db, { tickets: config.demoTickets, seed: 1 });
    demo = true;
  }
  for (const line of await createFirstUsers(db, { demo, adminPassword: process.env.AFTERSIGHT_ADMIN_PASSWORD })) log(line);
  const first = await runRefresh(db, 'start');
  log(first.status === 'ok' ? `models refreshed in ${first.durationMs} ms` : `refresh failed: ${first.error}`);
  // Working days counted past the holiday calendar's end: said once, after the first refresh whose data reach
  // past it (at start, or a scheduled one after new data); the calendar only changes with a restart.
  let calendarWarned = false;
  const warnOfCalendarEnd = async () => {
    const w = calendarWarned ? undefined : await calendarCoverageWarning(db);
    if (w) log(`${w.en}\n${w.zh}`);
    calendarWarned ||= w !== undefined;
  };
  if (first.status === 'ok') await warnOfCalendarEnd();
  const archive = { dir: path.resolve(config.reportsDir), companyName: config.companyName };
  const linkSecret = loadLinkSecret(process.env, config.db);
  const app = await buildApp({ db, logger: false, uploadMaxBytes: config.uploadMaxBytes, reports: archive, notify: { linkSecret, robots: config.robots } });
  const task = scheduleRefresh(db, {
    cron: config.refreshCron,
    timeZone: config.timeZone,
    onResult: async (r) => {
      log(r.status === 'ok' ? `scheduled refresh done in ${r.durationMs} ms` : `scheduled refresh failed: ${r.error}`);
      if (r.status === 'ok') await warnOfCalendarEnd();
    },
    onSkipped: () => log('scheduled refresh skipped: the previous one is still running'),
  });
  const inbox = scheduleDropFolder(db, { ...dropFoldersUnder(path.dirname(config.inboxDir)), inbox: config.inboxDir }, {
    cron: config.inboxCron,
    timeZone: config.timeZone,
    onRound: (r) => log(`drop folder: ${r.loaded.length} loaded, ${r.failed.length} failed${r.failed.map((f) => `\n  ${f.error}`).join('')}`),
  });
  const reportSchedule = {
    ...archive,
    cron: config.reportCron,
    timeZone: config.reportTimeZone,
    langs: config.reportLangs,
    onProduced: (r: ArchivedReport) => log(r.status === 'ok' ? `report ${r.quarter} ${r.variant} ${r.lang}: ${r.file} (${r.pages} pages)` : `report ${r.quarter} ${r.variant} ${r.lang} failed: ${r.error}`),
    onRound: () => void notifier.afterReports(),
    onError: (e: Error) => log(`scheduled reports failed: ${e.message}`),
  };
  const notifier = startNotifier(db, {
    archive,
    publicUrl: config.publicUrl,
    linkSecret,
    timeZone: config.timeZone,
    delivery: config.delivery,
    robots: config.robots,
    env: process.env,
    mailer: config.smtp ? smtpMailer(config.smtp, process.env.AFTERSIGHT_SMTP_PASSWORD) : undefined,
    log,
  });
  const reports = scheduleReports(db, reportSchedule);
  const url = await app.listen({ port: config.port, host: config.host });
  log(`Aftersight is serving ${url}`);
  // After listening: the page answers while the missed reports are written.
  const reportsCaughtUp = produceMissingReports(db, reportSchedule, 'startup').catch((e: Error) => {
    log(`start-up reports failed: ${e.message}`);
    return [];
  });
  // The report editions the subscriptions missed follow the start-up reports.
  const deliveriesCaughtUp = reportsCaughtUp.then(() => notifier.afterReports());
  return {
    app,
    db,
    url,
    reportsCaughtUp,
    async stop() {
      await task.destroy();
      await inbox.destroy();
      await reports.destroy();
      await reportsCaughtUp;
      await notifier.stop();
      await deliveriesCaughtUp;
      await app.close();
      await db.close();
    },
  };
}
