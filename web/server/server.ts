// Starts Aftersight: opens the warehouse (filling it with demo data when empty), refreshes the models, serves
// the API and dashboard, and runs the scheduled refresh in this process (one process owns the DuckDB file).
import type { FastifyInstance } from 'fastify';
import { analysisSettingsOf, type AftersightConfig } from '../../warehouse/config/config.ts';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { isWarehouseEmpty, loadDemoData } from '../../ingest/load-demo-data.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';
import { scheduleRefresh } from '../../warehouse/refresh/refresh-schedule.ts';
import { scheduleDropFolder } from '../../ingest/drop-folder-schedule.ts';
import { dropFoldersUnder } from '../../ingest/drop-folder.ts';
import { removeOrphanTempFiles } from '../../ingest/temp-files.ts';
import path from 'node:path';
import { buildApp } from './app.ts';
import { createFirstUsers } from './auth/first-users.ts';
import { produceMissingReports, scheduleReports } from '../../reports/archive/report-schedule.ts';
import type { ArchivedReport } from '../../reports/archive/report-archive.ts';

export interface RunningServer {
  app: FastifyInstance;
  db: Warehouse;
  url: string;
  /** The start-up production of the reports the schedule missed while the server was down. */
  reportsCaughtUp: Promise<ArchivedReport[]>;
  stop(): Promise<void>;
}

export async function startServer(config: AftersightConfig, log: (msg: string) => void = console.log): Promise<RunningServer> {
  const orphans = removeOrphanTempFiles();
  if (orphans.length) log(`removed ${orphans.length} temporary file(s) left by a load that did not finish: ${orphans.join(', ')}`);
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
  const archive = { dir: path.resolve(config.reportsDir), companyName: config.companyName };
  const app = await buildApp({ db, logger: false, uploadMaxBytes: config.uploadMaxBytes, reports: archive });
  const task = scheduleRefresh(db, {
    cron: config.refreshCron,
    timeZone: config.timeZone,
    onResult: (r) => log(r.status === 'ok' ? `scheduled refresh done in ${r.durationMs} ms` : `scheduled refresh failed: ${r.error}`),
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
    onError: (e: Error) => log(`scheduled reports failed: ${e.message}`),
  };
  const reports = scheduleReports(db, reportSchedule);
  const url = await app.listen({ port: config.port, host: config.host });
  log(`Aftersight is serving ${url}`);
  // After listening: the page answers while the missed reports are written.
  const reportsCaughtUp = produceMissingReports(db, reportSchedule, 'startup').catch((e: Error) => {
    log(`start-up reports failed: ${e.message}`);
    return [];
  });
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
      await app.close();
      await db.close();
    },
  };
}
