// Run in a child process by the crash tests: a query past a small memory limit spills to <file>.tmp; the process
// kills itself with SIGKILL as soon as DuckDB has written a spill file.
import fs from 'node:fs';
import { openWarehouse } from '../../warehouse/db/open-warehouse.ts';

const file = process.argv[2];
const db = await openWarehouse(file, { memoryLimit: '64MB' });
setInterval(() => {
  const dir = `${file}.tmp`;
  if (fs.existsSync(dir) && fs.readdirSync(dir).some((n) => n.startsWith('duckdb_temp_'))) process.kill(process.pid, 'SIGKILL');
}, 20);
await db.all(`select count(*) from (select md5(range::varchar) || md5((range + 1)::varchar) as s from range(30000000) order by s)`);
console.log('the query finished without spilling');
process.exit(2);
