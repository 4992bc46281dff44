// Runs the drop folder on its cron schedule inside the server, never two rounds at once; refreshes the models
// after a round that loaded something.
import cron, { type ScheduledTask } from 'node-cron';
import type { Warehouse } from '../warehouse/db/open-warehouse.ts';
import { runRefresh } from '../warehouse/refresh/run-refresh.ts';
import { ensureDropFolders, processDropFolder, type DropFolders, type DropRound, type FileStamps } from './drop-folder.ts';

export function scheduleDropFolder(
  db: Warehouse,
  folders: DropFolders,
  o: { cron: string; timeZone: string; onRound?: (r: DropRound) => void; onError?: (e: Error) => void },
): ScheduledTask {
  ensureDropFolders(folders);
  // What each round saw, for the next to tell a stable file from one still being written.
  const seen: FileStamps = new Map();
  return cron.schedule(
    o.cron,
    async () => {
      try {
        const round = await processDropFolder(db, folders, seen);
        if (round.loaded.some((r) => r.status === 'loaded')) await runRefresh(db, 'ingest');
        if (round.loaded.length || round.failed.length) o.onRound?.(round);
      } catch (e) {
        o.onError?.(e as Error);
      }
    },
    { name: 'drop-folder', timezone: o.timeZone, noOverlap: true },
  );
}
