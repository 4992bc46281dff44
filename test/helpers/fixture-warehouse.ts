// A real DuckDB warehouse (in memory) loaded with the small hand-checked fixture and refreshed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { loadFiles } from './warehouse-with-rows.ts';

export const fixturesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

export async function fixtureWarehouse(file = ':memory:'): Promise<Warehouse> {
  const db = await openWarehouse(file);
  await loadFiles(db, { tickets: path.join(fixturesDir, 'tickets-small.csv') }, { loadedBy: 'test', allowRejects: true });
  return db;
}

/** The hand-built quarter (test/fixtures/service-quarter): every record kind, loaded without a reject. */
export async function serviceQuarterWarehouse(): Promise<Warehouse> {
  const db = await openWarehouse(':memory:');
  const kinds = ['tickets', 'complaints', 'callbacks', 'repairs', 'parts'];
  await loadFiles(db, Object.fromEntries(kinds.map((kind) => [kind, path.join(fixturesDir, 'service-quarter', `${kind}.csv`)])));
  return db;
}
