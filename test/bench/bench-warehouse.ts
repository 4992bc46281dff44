// A generated warehouse of a given size for the benchmarks that read one (API, reports): made once per size and
// kept in bench-results/ (ignored by git) for later runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDataset } from '../../ingest/generator/generate-dataset.ts';
import { loadOrder } from '../../ingest/load-demo-data.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';

export const benchResultsDir = path.resolve('bench-results');

/**
 * `memoryLimit`: DuckDB's memory_limit (such as '8GB') for the load, the refresh and the benchmark after them;
 * `readThreads`: DuckDB's threads for the reads between them, as the server's setting (readThreads) of that name.
 */
export async function openBenchWarehouse(tickets: number, memoryLimit?: string, readThreads?: number): Promise<Warehouse> {
  fs.mkdirSync(benchResultsDir, { recursive: true });
  const dbFile = path.join(benchResultsDir, `warehouse-${tickets}.duckdb`);
  if (!fs.existsSync(dbFile)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-bench-data-'));
    try {
      console.log(`generating and loading ${tickets.toLocaleString('en')} tickets into ${dbFile} …`);
      await generateDataset({ tickets, seed: 1, outDir: dir, start: '2024-01-01' });
      const db = await openWarehouse(dbFile, { memoryLimit });
      for (const kind of loadOrder.filter((k) => fs.existsSync(path.join(dir, `${k}.csv`))))
        await ingestFile(db, kind, path.join(dir, `${kind}.csv`), { loadedBy: 'bench' });
      const r = await runRefresh(db, 'cli');
      console.log(`refresh: ${r.status} in ${r.durationMs} ms`);
      await db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return openWarehouse(dbFile, { memoryLimit, readThreads });
}
