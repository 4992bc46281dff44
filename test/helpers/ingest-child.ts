// Run in a child process by the kill -9 and large-file tests: loads one file, prints each phase as it starts,
// then the load report and the process's peak resident memory.
import { openWarehouse } from '../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';

const [dbFile, kind, file] = process.argv.slice(2);
const db = await openWarehouse(dbFile);
let last = '';
const report = await ingestFile(db, kind, file, {
  onProgress: (phase) => {
    if (phase !== last) console.log(`phase ${phase}`);
    last = phase;
  },
});
console.log(`report ${JSON.stringify(report)}`);
console.log(`maxrss ${process.resourceUsage().maxRSS * 1024}`);
console.log('done');
await db.close();
