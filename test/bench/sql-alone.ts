// The refresh's baseline: the same SQL statements in the same order on the same tables, each committed on its
// own: every model, the rollups, and the technician scores and quality flags stored from the table macros. Left
// out is what only the refresh does: one transaction for all, the settings tables, its checks and row counts, the
// run log, early warnings, and the reliability fits and warranty forecast worked out in TypeScript. The tables
// are rebuilt as the refresh builds them, so each model reads what the ones before it built (not last
// refresh's tables), and the warehouse is left as a refresh leaves it.
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { rollupStatements } from '../../warehouse/queries/metric-rollups.ts';
import { listModelFiles } from '../../warehouse/refresh/model-files.ts';
import { modelStatement, storeMacroFigures } from '../../warehouse/refresh/run-refresh.ts';

export async function runSqlAlone(db: Warehouse): Promise<void> {
  const files = listModelFiles();
  await db.allCores(async () => {
    const conn = await db.connect();
    try {
      for (const m of files) await conn.run(modelStatement(m));
      for (const r of rollupStatements()) await conn.run(r.sql);
      await storeMacroFigures(conn, files);
    } finally {
      conn.closeSync();
    }
  });
  // What a reader cached from the tables before is not theirs any more.
  db.cache.clear();
}
