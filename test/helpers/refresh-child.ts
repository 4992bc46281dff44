// Run in a child process by the crash tests: opens a new warehouse, starts a refresh and kills itself with
// SIGKILL once the refresh is recorded as running (no close, no checkpoint: as a crash or `kill -9` leaves it).
import { openWarehouse } from '../../warehouse/db/open-warehouse.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';

const db = await openWarehouse(process.argv[2]);
let finished = false;
void runRefresh(db, 'cli').finally(() => (finished = true));
while (!finished) {
  const [{ n }] = await db.all<{ n: number }>(`select count(*) as n from refresh_runs where status = 'running'`);
  if (n > 0) process.kill(process.pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 5));
}
console.log('the refresh finished before it could be killed');
process.exit(2);
