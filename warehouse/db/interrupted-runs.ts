// Work a stopped process left unfinished. Only the process that opens the warehouse for writing owns it (DuckDB
// locks the file), so at that moment nothing else can still be running: a refresh left `running`, or a report
// row left without a file or an error, was interrupted (killed, crashed, power lost).
import type { DuckDBConnection } from '@duckdb/node-api';

export const interruptedRefreshError = 'interrupted: the process stopped before the refresh finished';
export const interruptedReportError = 'interrupted: the process stopped before the report was written';

/** Marks interrupted refreshes and reports failed, with the reason; returns how many of each. */
export async function markInterruptedRuns(conn: DuckDBConnection): Promise<{ refreshes: number; reports: number }> {
  const refreshes = (await conn.run(`update refresh_runs set status = 'failed', error = $1 where status = 'running'`, [interruptedRefreshError])).rowsChanged;
  // produceReport inserts the row as failed before writing and sets the file or the error when done.
  const reports = (await conn.run(`update reports set error = $1 where status = 'failed' and error is null`, [interruptedReportError])).rowsChanged;
  return { refreshes, reports };
}
