// Runs the model refresh on the configured cron schedule inside the server process. node-cron's noOverlap
// skips a tick while the previous refresh still runs.
import cron, { type ScheduledTask } from 'node-cron';
import type { Warehouse } from '../db/open-warehouse.ts';
import { runRefresh, type RefreshResult } from './run-refresh.ts';

export interface RefreshScheduleOptions {
  cron: string;
  timeZone: string;
  onResult?: (r: RefreshResult) => void | Promise<void>;
  onSkipped?: () => void;
  onError?: (e: Error) => void;
}

export function scheduleRefresh(db: Warehouse, o: RefreshScheduleOptions): ScheduledTask {
  const task = cron.schedule(
    o.cron,
    async () => {
      try {
        await o.onResult?.(await runRefresh(db, 'schedule'));
      } catch (e) {
        // The warehouse closed under a scheduled run (server stopping): nothing to report to.
        o.onError?.(e as Error);
      }
    },
    { name: 'model-refresh', timezone: o.timeZone, noOverlap: true },
  );
  task.on('execution:overlap', () => o.onSkipped?.());
  return task;
}
