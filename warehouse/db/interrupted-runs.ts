// What a stopped process left. Only the process that opens the warehouse for writing owns it (DuckDB locks the
// file), so at that moment nothing else can still be running: a refresh left `running`, or a report row left
// without a file or an error, was interrupted (killed, crashed, power lost), and spill files are nobody's.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

export const interruptedRefreshError = 'interrupted: the process stopped before the refresh finished';
export const interruptedReportError = 'interrupted: the process stopped before the report was written';

/** Marks interrupted refreshes and reports failed, with the reason; returns how many of each. */
export async function markInterruptedRuns(conn: DuckDBConnection): Promise<{ refreshes: number; reports: number }> {
  const refreshes = (
    await conn.run(`update refresh_runs set status = 'failed', error = $1 where status = 'running'`, [interruptedRefreshError])
  ).rowsChanged;
  // produceReport inserts the row as failed before writing and sets the file or the error when done.
  const reports = (await conn.run(`update reports set error = $1 where status = 'failed' and error is null`, [interruptedReportError]))
    .rowsChanged;
  return { refreshes, reports };
}

/**
 * DuckDB spills to `<file>.tmp/duckdb_temp_*` past its memory limit and removes those files when it closes; a
 * killed process leaves them (gigabytes after a large load), and DuckDB does not remove them at the next open.
 * Called once the file is opened for writing, so no other process is using them. Returns the bytes removed.
 */
export function removeLeftoverSpillFiles(dbFile: string): number {
  const dir = `${path.resolve(dbFile)}.tmp`;
  let bytes = 0;
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names.filter((n) => n.startsWith('duckdb_temp_'))) {
    const p = path.join(dir, name);
    try {
      bytes += fs.statSync(p).size;
      fs.rmSync(p, { force: true });
    } catch {
      // Gone meanwhile: nothing to do.
    }
  }
  return bytes;
}
