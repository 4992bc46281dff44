// A warehouse (in memory) loaded with a generated data set and refreshed; the temporary files are removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDataset, type Planted } from '../../ingest/generator/generate-dataset.ts';
import { loadOrder } from '../../ingest/load-demo-data.ts';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { loadFiles } from './warehouse-with-rows.ts';

export async function generatedWarehouse(o: {
  tickets: number;
  seed: number;
  plant?: boolean;
}): Promise<{ db: Warehouse; planted: Planted }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-generated-'));
  try {
    // The planted problems are dated from the default start (2024-01-01), as the tests that read them are.
    const { planted } = await generateDataset({ tickets: o.tickets, seed: o.seed, outDir: dir, plant: o.plant, start: '2024-01-01' });
    const db = await openWarehouse(':memory:');
    await loadFiles(
      db,
      Object.fromEntries(
        loadOrder.filter((k) => fs.existsSync(path.join(dir, `${k}.csv`))).map((kind) => [kind, path.join(dir, `${kind}.csv`)]),
      ),
      { allowRejects: true },
    );
    return { db, planted };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
