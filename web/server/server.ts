// Starts Aftersight: opens the warehouse (filling it with demo data when empty), refreshes the models, serves
// the API and dashboard, and runs the scheduled refresh in this process (one process owns the DuckDB file).
// With `snapshots` on it also publishes a snapshot of the warehouse after each refresh for read replicas; with
// `replica` on, `aftersight serve` starts a replica instead (replica-server.ts).
import type { FastifyInstance } from 'fastify';
import { analysisSettingsOf, type AftersightConfig } from '../../warehouse/config/config.ts';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { figuresEngineOf } from '../../warehouse/trino/trino-figures.ts';
import { isWarehouseEmpty, loadDemoData } from '../../ingest/load-demo-data.ts';
import { engineWords, runRefresh } from '../../warehouse/refresh/run-refresh.ts';
import { scheduleRefresh } from '../../warehouse/refresh/refresh-schedule.ts';
import { calendarCoverageWarning } from '../../warehouse/refresh/calendar-coverage.ts';
import { scheduleDropFolder } from '../../ingest/drop-folder-schedule.ts';
import { dropFoldersUnder } from '../../ingest/drop-folder.ts';
import path from 'node:path';
import { buildApp } from './app.ts';
import { removeStaleTempFiles } from '../../ingest/temp-files.ts';
import { createFirstUsers } from './auth/first-users.ts';
import { produceMissingReports, scheduleReports } from '../../reports/archive/report-schedule.ts';
import type { ArchivedReport } from '../../reports/archive/report-archive.ts';
import { loadLinkSecret } from '../../notify/signed-links.ts';
import { startNotifier } from '../../notify/delivery-schedule.ts';
import { smtpMailer } from '../../notify/channels/send.ts';
import { publishSnapshot, snapshotDirOf, snapshotPublisher } from '../../warehouse/db/snapshots.ts';
import { removeExpiredSignOuts, shareSessions, signedOutDirOf } from './auth/sessions.ts';
import { importAuditSpool } from './auth/audit-log.ts';

export interface RunningServer {
  app: FastifyInstance;
  db: Warehouse;
  url: string;
  /** The start-up production of the reports the schedule missed while the server was down. */
  reportsCaughtUp: Promise<ArchivedReport[]>;
  stop(): Promise<void>;
}

/**
 * `log` receives the start-up and job messages; by default they go to the server log (JSON lines on stdout, with
 * the requests), or to the console when `logLevel` is 'silent'. `logStream` sends the server log elsewhere (tests).
 */
export async function startServer(
  config: AftersightConfig,
  log?: (msg: string) => void,
  logStream?: { write(line: string): void },
): Promise<RunningServer> {
  /** A start-up or job message; failures at level 'error' in the server log. */
  let say: (msg: string, level?: 'info' | 'warn' | 'error') => void = log ?? console.log;
  const db = await openWarehouse(config.db, {
    timeZone: config.timeZone,
    settings: analysisSettingsOf(config),
    memoryLimit: config.memoryLimit,
    readThreads: config.readThreads,
    figures: figuresEngineOf(config, config.timeZone),
    onReopen: () => say('the warehouse was opened again after a fatal DuckDB error (see the error before this line)', 'error'),
  });
  const archive = { dir: path.resolve(config.reportsDir), companyName: config.companyName };
  const linkSecret = loadLinkSecret(process.env, config.db);
  const app = await buildApp({
    db,
    logger: { level: config.logLevel, stream: logStream },
    uploadMaxBytes: config.uploadMaxBytes,
    reports: archive,
    notify: { linkSecret, robots: config.robots, alertDefaults: config.delivery.alertDefaults },
  });
  if (!log && config.logLevel !== 'silent') say = (msg, level = 'info') => app.log[level](msg);
  const temps = removeStaleTempFiles();
  if (temps.length)
    say(
      `removed ${temps.length} temp files left by an earlier crash (${(temps.reduce((a, t) => a + t.bytes, 0) / 1024 ** 2).toFixed(1)} MiB)`,
    );
  let demo = false;
  if (config.demoWhenEmpty && (await isWarehouseEmpty(db))) {
    say(`warehouse ${config.db} is empty: loading ${config.demoTickets.toLocaleString('en')} generated demo tickets…`);
    await loadDemoData(db, { tickets: config.demoTickets, seed: 1 });
    demo = true;
  }
  for (const line of await createFirstUsers(db, { demo, adminPassword: process.env.AFTERSIGHT_ADMIN_PASSWORD })) say(line);
  const first = await runRefresh(db, 'start');
  if (first.status === 'ok') say(`models refreshed in ${first.durationMs} ms${engineWords(first)}`);
  else say(`refresh failed: ${first.error}`, 'error');
  // Working days counted past the holiday calendar's end: said once, after the first refresh whose data reach
  // past it (at start, or a scheduled one after new data); the calendar only changes with a restart.
  let calendarWarned = false;
  const warnOfCalendarEnd = async () => {
    const w = calendarWarned ? undefined : await calendarCoverageWarning(db);
    if (w) say(`${w.en}\n${w.zh}`, 'warn');
    calendarWarned ||= w !== undefined;
  };
  if (first.status === 'ok') await warnOfCalendarEnd();
  const snapshots = config.snapshots ? publishSnapshots(db, linkSecret, (m, level) => say(m, level)) : undefined;
  const task = scheduleRefresh(db, {
    cron: config.refreshCron,
    timeZone: config.timeZone,
    onResult: async (r) => {
      if (r.status === 'ok') {
        say(`scheduled refresh done in ${r.durationMs} ms${engineWords(r)}`);
        await warnOfCalendarEnd();
      } else say(`scheduled refresh failed: ${r.error}`, 'error');
    },
    onSkipped: () => say('scheduled refresh skipped: the previous one is still running'),
    onError: (e) => say(`scheduled refresh failed: ${e.message}`, 'error'),
  });
  const inbox = scheduleDropFolder(
    db,
    { ...dropFoldersUnder(path.dirname(config.inboxDir)), inbox: config.inboxDir },
    {
      cron: config.inboxCron,
      timeZone: config.timeZone,
      onRound: (r) =>
        say(
          `drop folder: ${r.loaded.length} loaded, ${r.failed.length} failed${r.failed.map((f) => `\n  ${f.error}`).join('')}`,
          r.failed.length ? 'error' : 'info',
        ),
      onError: (e) => say(`drop folder failed: ${e.message}`, 'error'),
    },
  );
  const reportSchedule = {
    ...archive,
    cron: config.reportCron,
    timeZone: config.reportTimeZone,
    langs: config.reportLangs,
    onProduced: (r: ArchivedReport) =>
      r.status === 'ok'
        ? say(`report ${r.quarter} ${r.variant} ${r.lang}: ${r.file} (${r.pages} pages)`)
        : say(`report ${r.quarter} ${r.variant} ${r.lang} failed: ${r.error}`, 'error'),
    onError: (e: Error) => say(`scheduled reports failed: ${e.message}`, 'error'),
    onRound: () => void notifier.afterReports(),
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
    log: (m) => say(m),
  });
  const reports = scheduleReports(db, reportSchedule);
  const url = await app.listen({ port: config.port, host: config.host });
  say(`Aftersight is serving ${url}`);
  // After listening: the page answers while the missed reports are written.
  const reportsCaughtUp = produceMissingReports(db, reportSchedule, 'startup').catch((e: Error) => {
    say(`start-up reports failed: ${e.message}`, 'error');
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
      await snapshots?.idle();
      await db.close();
    },
  };
}

/**
 * The writer's side of read replicas: sessions signed (valid on every replica), and a snapshot published now and
 * after each refresh or change of accounts, with the replicas' audit entries moved into the audit log first.
 */
function publishSnapshots(db: Warehouse, secret: string, say: (msg: string, level?: 'info' | 'warn' | 'error') => void) {
  const signedOutDir = signedOutDirOf(db.path);
  shareSessions(db, { secret, signedOutDir });
  const publisher = snapshotPublisher(
    async () => {
      await importAuditSpool(db);
      removeExpiredSignOuts(signedOutDir);
      return publishSnapshot(db);
    },
    {
      published: (p) =>
        say(`snapshot ${p.generation} published in ${p.ms} ms (${(p.bytes / 1024 ** 2).toFixed(1)} MiB, ${snapshotDirOf(db.path)})`),
      failed: (e) => say(`snapshot not published: ${e.message}`, 'error'),
    },
  );
  db.changeListeners.add(() => void publisher.request());
  void publisher.request();
  return publisher;
}
