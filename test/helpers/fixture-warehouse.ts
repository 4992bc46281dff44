// A real DuckDB warehouse (in memory) loaded with the small hand-checked fixture and refreshed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

export async function fixtureWarehouse(file = ':memory:'): Promise<Warehouse> {
  const db = await openWarehouse(file);
  await ingestFile(db, 'tickets', path.join(fixturesDir, 'tickets-small.csv'), { loadedBy: 'test' });
  const r = await runRefresh(db, 'test');
  if (r.status !== 'ok') throw new Error(`fixture refresh failed: ${r.error}`);
  return db;
}

/** The hand-built quarter (test/fixtures/service-quarter): every record kind, loaded without a reject. */
export async function serviceQuarterWarehouse(): Promise<Warehouse> {
  const db = await openWarehouse(':memory:');
  for (const kind of ['tickets', 'complaints', 'callbacks', 'repairs', 'parts']) {
    const r = await ingestFile(db, kind, path.join(fixturesDir, 'service-quarter', `${kind}.csv`));
    if (r.rowsRejected !== 0) throw new Error(`service-quarter ${kind}: ${r.rowsRejected} rows rejected`);
  }
  const r = await runRefresh(db, 'test');
  if (r.status !== 'ok') throw new Error(`service-quarter refresh failed: ${r.error}`);
  return db;
}
