// Run in a child process by the kill -9 test: loads one file and prints each phase as it starts.
import { openWarehouse } from '../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';

const [dbFile, kind, file] = process.argv.slice(2);
const db = await openWarehouse(dbFile);
let last = '';
await ingestFile(db, kind, file, {
  onProgress: (phase) => {
    if (phase !== last) console.log(`phase ${phase}`);
    last = phase;
  },
});
console.log('done');
await db.close();
