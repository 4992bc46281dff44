// `aftersight serve --replica`: a read replica. It answers reads from the newest snapshot the writer published
// (warehouse/db/replica-warehouse.ts), moves to each new one without failing a request, and refuses writes with
// the writer's address. It runs no scheduled job: refreshes, loads, reports and deliveries are the writer's.
import path from 'node:path';
import type { AftersightConfig } from '../../warehouse/config/config.ts';
import { analysisSettingsOf } from '../../warehouse/config/config.ts';
import { openReplica } from '../../warehouse/db/replica-warehouse.ts';
import { loadLinkSecret } from '../../notify/signed-links.ts';
import { buildApp } from './app.ts';
import { shareSessions, signedOutDirOf } from './auth/sessions.ts';
import type { RunningServer } from './server.ts';

export async function startReplica(
  config: AftersightConfig,
  log?: (msg: string) => void,
  logStream?: { write(line: string): void },
): Promise<RunningServer> {
  let say: (msg: string, level?: 'info' | 'warn' | 'error') => void = log ?? console.log;
  const db = await openReplica(config.db, {
    timeZone: config.timeZone,
    settings: analysisSettingsOf(config),
    memoryLimit: config.memoryLimit,
    readThreads: config.readThreads,
    writerUrl: config.writerUrl,
    onWaiting: (dir) => say(`waiting for the writer's first snapshot in ${dir}…`),
    onSwitch: (s) => say(`now serving snapshot ${s.generation} (opened in ${s.ms} ms)`),
    onError: (e) => say(`snapshot not followed: ${e.message}`, 'error'),
  });
  const linkSecret = loadLinkSecret(process.env, config.db);
  shareSessions(db, { secret: linkSecret, signedOutDir: signedOutDirOf(config.db) });
  const archive = { dir: path.resolve(config.reportsDir), companyName: config.companyName };
  const app = await buildApp({
    db,
    logger: { level: config.logLevel, stream: logStream },
    uploadMaxBytes: config.uploadMaxBytes,
    reports: archive,
    notify: { linkSecret, robots: config.robots, alertDefaults: config.delivery.alertDefaults },
  });
  if (!log && config.logLevel !== 'silent') say = (msg, level = 'info') => app.log[level](msg);
  const url = await app.listen({ port: config.port, host: config.host });
  say(`Aftersight read replica is serving ${url} from snapshot ${db.replica.pointer().generation}`);
  return {
    app,
    db,
    url,
    reportsCaughtUp: Promise.resolve([]),
    async stop() {
      await app.close();
      await db.close();
    },
  };
}
