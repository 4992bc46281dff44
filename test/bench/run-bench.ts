// npm run bench [-- --tickets 1000000 --rounds 3 --only ingest --memory-limit 8GB]: generator speed, ingest vs DuckDB
// read_csv, refresh vs the same SQL run alone (`--only ingest` leaves the refresh out). Writes
// bench-results/<timestamp>.json and a readable table, so runs can be compared.
import fs from 'node:fs';
import os from 'node:os';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import path from 'node:path';
import { generateDataset } from '../../ingest/generator/generate-dataset.ts';
import { loadOrder } from '../../ingest/load-demo-data.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';
import { rssPeakMiB } from './memory-watch.ts';
import { runSqlAlone } from './sql-alone.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const tickets = arg('tickets', 1_000_000);
const rounds = arg('rounds', 3);
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1] : undefined;
if (only !== undefined && only !== 'ingest') throw new Error(`--only ${only}: the one part that runs alone is "ingest"`);
/** DuckDB's memory_limit for every warehouse opened here ('' = DuckDB's default). */
const memoryLimit = process.argv.includes('--memory-limit') ? process.argv[process.argv.indexOf('--memory-limit') + 1] : '';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The machine is shared: its load average at the start and the end is part of the result.
const loadAtStart = os.loadavg();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-bench-'));
const results: { name: string; seconds: number; baseline?: number; ratio?: number; note?: string }[] = [];
const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const t0 = performance.now();
  const out = await fn();
  return [out, (performance.now() - t0) / 1000];
};

try {
  const dataDir = path.join(work, 'data');
  const [gen, genSeconds] = await time(() => generateDataset({ tickets, seed: 1, outDir: dataDir, start: '2024-01-01' }));
  const totalRows = Object.values(gen.files).reduce((a, f) => a + f.rows, 0);
  results.push({
    name: `generate ${tickets.toLocaleString('en')} tickets (${totalRows.toLocaleString('en')} rows, 6 kinds)`,
    seconds: genSeconds,
    note: `${Math.round(tickets / genSeconds).toLocaleString('en')} tickets/s`,
  });

  // This machine's timings wander by ±20 % from one run to the next, so each of DuckDB's read_csv and our ingest
  // runs `rounds` times, alternating, every ingest into a warehouse of its own (every row new); the medians are
  // compared. The last UTF-8 ingest is the warehouse the refresh is timed on.
  const ticketsCsv = path.join(dataDir, 'tickets.csv');
  const gbCsv = path.join(dataDir, 'tickets-gb18030.csv');
  // The same tickets as Excel on Chinese Windows writes them: GB18030.
  await pipeline(fs.createReadStream(ticketsCsv), iconv.decodeStream('utf-8'), iconv.encodeStream('gb18030'), fs.createWriteStream(gbCsv));
  const baselines: number[] = [];
  const ingests: number[] = [];
  const gbIngests: number[] = [];
  let db: Warehouse | undefined;
  let rowsLoaded = 0;
  let gbRowsLoaded = 0;
  for (let round = 0; round < rounds; round++) {
    const scratch = await openWarehouse(path.join(work, `baseline-${round}.duckdb`), { memoryLimit });
    baselines.push(
      (await time(() => scratch.run(`create table baseline_read_csv as select * from read_csv($1, header = true)`, [ticketsCsv])))[1],
    );
    await scratch.close();
    const last = round === rounds - 1;
    const target = await openWarehouse(path.join(work, last ? 'bench.duckdb' : `ingest-${round}.duckdb`), { memoryLimit });
    const [report, seconds] = await time(() => ingestFile(target, 'tickets', ticketsCsv, { loadedBy: 'bench' }));
    ingests.push(seconds);
    rowsLoaded = report.rowsLoaded;
    if (last) db = target;
    else await target.close();
    const gbDb = await openWarehouse(path.join(work, `bench-gb-${round}.duckdb`), { memoryLimit });
    const [gbReport, gbSeconds] = await time(() => ingestFile(gbDb, 'tickets', gbCsv, { loadedBy: 'bench' }));
    gbIngests.push(gbSeconds);
    gbRowsLoaded = gbReport.rowsLoaded;
    await gbDb.close();
    for (const f of fs.readdirSync(work).filter((f) => f.endsWith('.duckdb') && f !== 'bench.duckdb')) fs.rmSync(path.join(work, f));
  }
  const baseline = median(baselines);
  const spread = (xs: number[]) => `${rounds} runs: ${xs.map((x) => x.toFixed(1)).join(' / ')} s`;
  const ingestSeconds = median(ingests);
  results.push({
    name: `ingest tickets.csv (${rowsLoaded.toLocaleString('en')} rows, validated)`,
    seconds: ingestSeconds,
    baseline,
    ratio: ingestSeconds / baseline,
    note: `baseline: DuckDB read_csv into a table, ${spread(baselines)}; ingest ${spread(ingests)}`,
  });
  const gbSeconds = median(gbIngests);
  results.push({
    name: `ingest tickets as GB18030 (${gbRowsLoaded.toLocaleString('en')} rows)`,
    seconds: gbSeconds,
    baseline,
    ratio: gbSeconds / baseline,
    note: `baseline: read_csv of the UTF-8 file; ${spread(gbIngests)}`,
  });
  // --only ingest: the refresh (and the other kinds it needs) left out.
  if (only !== 'ingest') {
    for (const kind of loadOrder.filter((k) => k !== 'tickets' && fs.existsSync(path.join(dataDir, `${k}.csv`))))
      await ingestFile(db!, kind, path.join(dataDir, `${kind}.csv`), { loadedBy: 'bench' });

    const [refresh, refreshSeconds] = await time(() => runRefresh(db!, 'cli'));
    if (refresh.status !== 'ok') throw new Error(refresh.error);
    const [, aloneSeconds] = await time(() => runSqlAlone(db!));
    results.push({
      name: `refresh all models at ${tickets.toLocaleString('en')} tickets`,
      seconds: refreshSeconds,
      baseline: aloneSeconds,
      ratio: refreshSeconds / aloneSeconds,
      note: 'baseline: the same SQL run alone',
    });
  }
  await db!.close();

  const out = path.resolve('bench-results');
  fs.mkdirSync(out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const loads = `${loadAtStart.map((l) => l.toFixed(1)).join(' ')} at the start, ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} at the end`;
  const table = [
    `Aftersight benchmark ${new Date().toISOString()} (${os.cpus().length} cores, node ${process.version}, load average ${loads}; memory_limit ${memoryLimit || 'default'}, peak RSS ${rssPeakMiB()} MiB)`,
    ...results.map(
      (r) =>
        `${r.name.padEnd(64)} ${r.seconds.toFixed(2).padStart(8)} s${r.baseline !== undefined ? `  baseline ${r.baseline.toFixed(2)} s  ratio ${r.ratio!.toFixed(2)}×` : ''}${r.note ? `  (${r.note})` : ''}`,
    ),
  ].join('\n');
  fs.writeFileSync(
    path.join(out, `${stamp}.json`),
    JSON.stringify(
      { at: new Date().toISOString(), tickets, load: loads, memoryLimit: memoryLimit || null, rssPeakMiB: rssPeakMiB(), results },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(out, `${stamp}.txt`), `${table}\n`);
  console.log(table);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
