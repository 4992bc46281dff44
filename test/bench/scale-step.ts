// One step of `npm run bench:scale`, run in a process of its own so its peak memory is its own:
//   generate --tickets N --data DIR | read-csv --data DIR --db FILE | ingest --data DIR --db FILE [--kinds tickets,…]
//   | refresh --db FILE | alone --db FILE     (each with optional --memory-limit 8GB)
// Prints one line `SCALE_STEP {json}`: seconds and what the step did, with its peak memory (memory-watch.ts).
import fs from 'node:fs';
import path from 'node:path';
import { generateDataset } from '../../ingest/generator/generate-dataset.ts';
import { loadOrder } from '../../ingest/load-demo-data.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';
import { openWarehouse } from '../../warehouse/db/open-warehouse.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';
import { rssPeakMiB, watchMemory } from './memory-watch.ts';
import { runSqlAlone } from './sql-alone.ts';

const arg = (name: string, dflt = '') => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const step = process.argv[2];
const dataDir = arg('data');
const dbFile = arg('db');
const memoryLimit = arg('memory-limit');
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const emit = (result: object) => console.log(`SCALE_STEP ${JSON.stringify({ step, memoryLimit: memoryLimit || null, ...result })}`);

if (step === 'generate') {
  const tickets = Number(arg('tickets', '1000000'));
  const t0 = performance.now();
  const gen = await generateDataset({ tickets, seed: 1, outDir: dataDir, start: '2024-01-01' });
  const files = Object.fromEntries(
    Object.entries(gen.files).map(([k, f]) => [k, { rows: f.rows, mib: Math.round(fs.statSync(f.path).size / 2 ** 20) }]),
  );
  emit({
    seconds: seconds(t0),
    tickets,
    files,
    rssPeakMiB: rssPeakMiB(),
    heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  });
} else {
  const db = await openWarehouse(dbFile, { memoryLimit: memoryLimit || undefined });
  const watch = watchMemory(db);
  const t0 = performance.now();
  let extra: object = {};
  try {
    if (step === 'read-csv') {
      await db.run('create or replace table baseline_read_csv as select * from read_csv($1, header = true)', [
        path.join(dataDir, 'tickets.csv'),
      ]);
      extra = { ticketsSeconds: seconds(t0) };
    } else if (step === 'ingest') {
      const kinds: Record<string, { seconds: number; rows: number; rejected: number }> = {};
      const only = arg('kinds') ? arg('kinds').split(',') : undefined;
      for (const kind of ['tickets', ...loadOrder.filter((k) => k !== 'tickets')].filter((k) => !only || only.includes(k))) {
        const file = path.join(dataDir, `${kind}.csv`);
        if (!fs.existsSync(file)) continue;
        const k0 = performance.now();
        const r = await ingestFile(db, kind, file, { loadedBy: 'bench' });
        kinds[kind] = { seconds: seconds(k0), rows: r.rowsLoaded, rejected: r.rowsRejected };
      }
      extra = { kinds };
    } else if (step === 'refresh') {
      const r = await runRefresh(db, 'cli');
      if (r.status !== 'ok') throw new Error(r.error);
      // The slowest models, to compare sizes: what grows faster than the data shows here first.
      extra = {
        slowestModels: [...r.models]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 12)
          .map((m) => ({ model: `${m.layer}.${m.model}`, seconds: m.ms / 1000, rows: m.rows })),
        modelsSeconds: r.models.reduce((a, m) => a + m.ms, 0) / 1000,
      };
    } else if (step === 'alone') {
      await runSqlAlone(db);
      extra = { aloneSeconds: seconds(t0) };
    } else throw new Error(`unknown step ${step}`);
    const s = seconds(t0);
    const memory = await watch.stop();
    await db.close();
    emit({ seconds: s, ...extra, ...memory, dbMiB: Math.round(fs.statSync(dbFile).size / 2 ** 20) });
  } catch (e) {
    await watch.stop();
    await db.close();
    throw e;
  }
}
