// npm run bench:scale [-- --tickets 10000000 --memory-limit 8GB --rounds 1 --api-seconds 10 --sessions 20
// --variants management --work DIR --keep]: the whole set at one size, each step in a process of its own
// (scale-step.ts, api-bench.ts, report-bench.ts) under `nice -n 19` and /usr/bin/time, so each step's peak
// resident memory is its own: generate; DuckDB's read_csv of tickets.csv against our ingest (`--rounds`
// alternating runs, medians); every other kind; refresh against the same SQL alone; the API under 32 clients
// (without a refresh of its own); the report editions; then the same SQL alone. With the load average over each step (the machine is
// shared) and the sizes of the files. Writes bench-results/scale-<time>.json and .txt; the warehouse stays in
// bench-results/warehouse-<N>.duckdb for bench:api and bench:report, the generated CSVs are removed (--keep: kept).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchResultsDir } from './bench-warehouse.ts';

const arg = (name: string, dflt = '') => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const tickets = Number(arg('tickets', '1000000'));
const memoryLimit = arg('memory-limit');
const rounds = Number(arg('rounds', '1'));
const apiSeconds = arg('api-seconds', '10');
const sessions = arg('sessions', '20');
const variants = arg('variants', 'management');
const keep = process.argv.includes('--keep');
/** Free space below which the run stops (other work shares the disk). */
const minFreeGiB = Number(arg('min-free-gib', '25'));
fs.mkdirSync(benchResultsDir, { recursive: true });
const work = fs.mkdtempSync(path.join(arg('work', os.tmpdir()), 'aftersight-scale-'));
const dataDir = path.join(work, 'data');
const warehouse = path.join(benchResultsDir, `warehouse-${tickets}.duckdb`);
const memArgs = memoryLimit ? ['--memory-limit', memoryLimit] : [];

const freeGiB = (dir: string) => {
  const s = fs.statfsSync(dir);
  return Number(((s.bavail * s.bsize) / 2 ** 30).toFixed(1));
};
const dirMiB = (dir: string) => Math.round(fs.readdirSync(dir).reduce((a, f) => a + fs.statSync(path.join(dir, f)).size, 0) / 2 ** 20);

interface StepRun {
  name: string;
  seconds: number;
  /** Peak resident set of the step's process (/usr/bin/time), MiB. */
  processPeakMiB: number;
  load: { min: number; mean: number; max: number };
  freeGiBAfter: number;
  result?: Record<string, unknown>;
}
const steps: StepRun[] = [];

/** Runs one benchmark script niced in a child process; its output passes through; returns its SCALE_STEP line. */
function runChild(name: string, script: string, args: string[]): Promise<StepRun> {
  return new Promise((resolve, reject) => {
    const loads: number[] = [os.loadavg()[0]];
    const sampler = setInterval(() => loads.push(os.loadavg()[0]), 5000);
    const t0 = performance.now();
    const child = spawn('nice', ['-n', '19', '/usr/bin/time', '-f', 'PEAK_RSS_KB %M', process.execPath, 'bin/run-ts.js', script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => {
      clearInterval(sampler);
      loads.push(os.loadavg()[0]);
      const peak = /PEAK_RSS_KB (\d+)/.exec(err);
      const line = out.split('\n').find((l) => l.startsWith('SCALE_STEP '));
      const run: StepRun = {
        name,
        seconds: (performance.now() - t0) / 1000,
        processPeakMiB: peak ? Math.round(Number(peak[1]) / 1024) : -1,
        load: {
          min: Math.min(...loads),
          mean: Number((loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(1)),
          max: Math.max(...loads),
        },
        freeGiBAfter: freeGiB(work),
        result: line ? JSON.parse(line.slice('SCALE_STEP '.length)) : undefined,
      };
      steps.push(run);
      // A failed or stopped step is kept with its time and peak memory so far.
      if (code !== 0)
        return reject(new Error(`${name} failed (exit ${code}) after ${run.seconds.toFixed(0)} s, peak ${run.processPeakMiB} MiB`));
      console.log(`— ${name}: ${run.seconds.toFixed(1)} s, peak ${run.processPeakMiB} MiB, load ${run.load.min}–${run.load.max}`);
      if (run.freeGiBAfter < minFreeGiB) return reject(new Error(`only ${run.freeGiBAfter} GiB free after ${name}: stopped`));
      resolve(run);
    });
  });
}

/** The newest bench-results/<prefix>*.json written after `since`. */
const newestResult = (prefix: string, since: number) => {
  const f = fs
    .readdirSync(benchResultsDir)
    .filter((n) => n.startsWith(prefix) && n.endsWith('.json') && fs.statSync(path.join(benchResultsDir, n)).mtimeMs >= since)
    .sort()
    .at(-1);
  return f ? JSON.parse(fs.readFileSync(path.join(benchResultsDir, f), 'utf8')) : undefined;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const step = 'test/bench/scale-step.ts';
const startedAt = new Date().toISOString();
let failure: string | undefined;

try {
  for (const f of [warehouse, `${warehouse}.wal`]) fs.rmSync(f, { force: true });
  const gen = await runChild('generate', step, ['generate', '--tickets', String(tickets), '--data', dataDir]);
  const csvMiB = dirMiB(dataDir);
  const readCsv: number[] = [];
  const ingestTickets: number[] = [];
  let ingestAll: StepRun | undefined;
  for (let round = 0; round < rounds; round++) {
    const scratch = path.join(work, `read-csv-${round}.duckdb`);
    const r = await runChild(`read_csv round ${round + 1}`, step, ['read-csv', '--data', dataDir, '--db', scratch, ...memArgs]);
    readCsv.push(r.result!.ticketsSeconds as number);
    for (const f of fs.readdirSync(work).filter((n) => n.endsWith('.duckdb') || n.endsWith('.wal'))) fs.rmSync(path.join(work, f));
    // The last round's ingest is the warehouse the rest runs on; the earlier ones load the tickets into a scratch one.
    const last = round === rounds - 1;
    const target = last ? warehouse : path.join(work, `ingest-${round}.duckdb`);
    const i = await runChild(`ingest round ${round + 1}`, step, [
      'ingest',
      '--data',
      dataDir,
      '--db',
      target,
      ...memArgs,
      ...(last ? [] : ['--kinds', 'tickets']),
    ]);
    ingestTickets.push((i.result!.kinds as Record<string, { seconds: number }>).tickets.seconds);
    if (last) ingestAll = i;
    for (const f of fs.readdirSync(work).filter((n) => n.endsWith('.duckdb') || n.endsWith('.wal'))) fs.rmSync(path.join(work, f));
  }
  if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  const refresh = await runChild('refresh', step, ['refresh', '--db', warehouse, ...memArgs]);
  const warehouseMiB = Math.round(fs.statSync(warehouse).size / 2 ** 20);
  const apiSince = Date.now();
  const api = await runChild('API, 32 clients', 'test/bench/api-bench.ts', [
    '--tickets',
    String(tickets),
    '--seconds',
    apiSeconds,
    '--sessions',
    sessions,
    '--refresh',
    '0',
    ...memArgs,
  ]);
  api.result = newestResult('api-', apiSince);
  const reportSince = Date.now();
  const report = await runChild('report', 'test/bench/report-bench.ts', ['--tickets', String(tickets), '--variants', variants, ...memArgs]);
  report.result = newestResult('report-', reportSince);

  // Last: it rebuilds every model beside the refresh's (and drops them), the longest step and only a baseline.
  const alone = await runChild('the same SQL alone', step, ['alone', '--db', warehouse, ...memArgs]);
  const summary = {
    tickets,
    memoryLimit: memoryLimit || null,
    rounds,
    startedAt,
    finishedAt: new Date().toISOString(),
    cores: os.cpus().length,
    node: process.version,
    generate: { seconds: gen.result!.seconds, ticketsPerSecond: Math.round(tickets / (gen.result!.seconds as number)), csvMiB },
    ingestVsReadCsv: {
      readCsvSeconds: readCsv,
      ingestTicketsSeconds: ingestTickets,
      ratio: median(ingestTickets) / median(readCsv),
    },
    refreshVsAlone: {
      refreshSeconds: refresh.result!.seconds,
      aloneSeconds: alone.result!.aloneSeconds,
      ratio: (refresh.result!.seconds as number) / (alone.result!.aloneSeconds as number),
    },
    warehouseMiB,
    ingestAll: ingestAll?.result,
    steps,
  };
  writeSummary(summary);
} catch (e) {
  failure = (e as Error).message;
  writeSummary({ tickets, memoryLimit: memoryLimit || null, startedAt, failedAt: new Date().toISOString(), failure, steps });
  process.exitCode = 1;
} finally {
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
}

function writeSummary(summary: Record<string, unknown>) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const lines = [
    `Aftersight scale benchmark ${startedAt} — ${tickets.toLocaleString('en')} tickets, memory_limit ${memoryLimit || 'default'} (${os.cpus().length} cores, niced)`,
    ...steps.map(
      (s) =>
        `${s.name.padEnd(28)} ${s.seconds.toFixed(1).padStart(8)} s  peak RSS ${String(s.processPeakMiB).padStart(6)} MiB` +
        `${s.result && typeof s.result.duckdbPeakMiB === 'number' ? `  DuckDB peak ${s.result.duckdbPeakMiB} MiB, spill ${s.result.duckdbSpillPeakMiB} MiB` : ''}` +
        `  load ${s.load.min}–${s.load.max} (mean ${s.load.mean})`,
    ),
    ...(failure ? [`FAILED: ${failure}`] : []),
  ];
  fs.writeFileSync(path.join(benchResultsDir, `scale-${stamp}.json`), JSON.stringify(summary, null, 2));
  fs.writeFileSync(path.join(benchResultsDir, `scale-${stamp}.txt`), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
  if (!failure) console.log(JSON.stringify(summary, null, 2));
}
