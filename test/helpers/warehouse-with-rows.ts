// "A warehouse with these rows": the one way the tests build a warehouse from rows written in the test. Each
// record kind's rows are written to a temporary CSV, loaded the way a user's file is (ingestFile), and the models
// refreshed; the temporary files are removed. A rejected row or a failed refresh throws, so a typo in a test's
// rows does not pass silently.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrder } from '../../ingest/load-demo-data.ts';
import { ingestFile, type LoadReport } from '../../ingest/run-ingest.ts';
import { type OpenOptions, openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';

/** One record kind's rows: the CSV text (header first), or its lines. */
export type Rows = string | readonly string[];
export type RowsByKind = Partial<Record<'tickets' | 'repairs' | 'complaints' | 'parts' | 'technicians' | 'callbacks' | 'units', Rows>>;

export interface LoadOptions {
  /** Accept rejected rows (a test of what is rejected); by default a rejected row throws. */
  allowRejects?: boolean;
  /** Refresh the models after loading (the default). */
  refresh?: boolean;
  /** The loads' "loaded by" (ingest_runs.loaded_by). */
  loadedBy?: string;
}

/** Loads files already on disk (a fixture folder, a generated data set) in the demo's kind order, then refreshes. */
export async function loadFiles(db: Warehouse, files: Partial<Record<string, string>>, o: LoadOptions = {}): Promise<LoadReport[]> {
  const reports: LoadReport[] = [];
  for (const kind of loadOrder) {
    const file = files[kind];
    if (!file) continue;
    const r = await ingestFile(db, kind, file, o.loadedBy ? { loadedBy: o.loadedBy } : {});
    if (r.rowsRejected && !o.allowRejects) throw new Error(`${kind}: ${r.rowsRejected} rows rejected (${path.basename(file)})`);
    reports.push(r);
  }
  if (o.refresh !== false) {
    const r = await runRefresh(db, 'test');
    if (r.status !== 'ok') throw new Error(`refresh failed: ${r.error}`);
  }
  return reports;
}

/** Loads the rows into an open warehouse (through temporary CSV files), then refreshes. */
export async function loadRows(db: Warehouse, rows: RowsByKind, o: LoadOptions = {}): Promise<LoadReport[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-rows-'));
  try {
    const files: Record<string, string> = {};
    for (const [kind, r] of Object.entries(rows)) {
      if (r === undefined) continue;
      files[kind] = path.join(dir, `${kind}.csv`);
      const text = typeof r === 'string' ? r : r.join('\n');
      fs.writeFileSync(files[kind], text.endsWith('\n') ? text : `${text}\n`);
    }
    return await loadFiles(db, files, o);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A new warehouse (in memory unless `file` is given) with these rows, refreshed. */
export async function warehouseWithRows(rows: RowsByKind, o: LoadOptions & OpenOptions & { file?: string } = {}): Promise<Warehouse> {
  const { allowRejects, refresh, loadedBy, file, ...open } = o;
  const db = await openWarehouse(file ?? ':memory:', open);
  try {
    await loadRows(db, rows, { allowRejects, refresh, loadedBy });
    return db;
  } catch (e) {
    await db.close();
    throw e;
  }
}
