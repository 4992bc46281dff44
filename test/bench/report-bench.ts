// npm run bench:report [-- --tickets 5000000 --quarter 2025Q3 --variants management,quality --memory-limit 8GB]: each quarterly report edition written from a
// generated warehouse (target: ≤ 5 s each at 5,000,000 tickets), with its pages and size; cold, after the cache is
// cleared, as after a refresh. The first edition of a closed quarter freezes its figures (reports/quarterly/
// quarter-figures.ts), so it reads every figure; the others read the frozen copy and their own live parts. Each
// edition is printed as it is written. Writes bench-results/report-<time>.json and .txt.
import { defaultConfig } from '../../warehouse/config/config.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeQuarterlyReport } from '../../reports/quarterly/write-quarterly-report.ts';
import { reportVariants } from '../../presentation/reports/report-context.ts';
import { benchResultsDir, openBenchWarehouse } from './bench-warehouse.ts';
import { watchMemory } from './memory-watch.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const tickets = Number(arg('tickets', '1000000'));
const quarter = arg('quarter', '2025Q3');
const memoryLimit = arg('memory-limit', '') || undefined;
const variants = reportVariants.filter((v) => arg('variants', reportVariants.join(',')).split(',').includes(v));
const line = (r: { variant: string; seconds: number; pages: number; kib: number }) =>
  `${r.variant.padEnd(12)} ${r.seconds.toFixed(2).padStart(7)} s  ${String(r.pages).padStart(3)} pages  ${String(r.kib).padStart(5)} KiB  (target ≤ 5 s)`;
const db = await openBenchWarehouse(tickets, memoryLimit, defaultConfig.readThreads);
const memoryWatch = watchMemory(db);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-report-bench-'));
try {
  const results: { variant: string; seconds: number; pages: number; kib: number }[] = [];
  for (const variant of variants) {
    db.cache.clear();
    const t0 = performance.now();
    const r = await writeQuarterlyReport(db, { quarter, variant, out: path.join(work, `${variant}.pdf`) });
    results.push({ variant, seconds: (performance.now() - t0) / 1000, pages: r.pages, kib: Math.round(r.bytes / 1024) });
    console.log(line(results.at(-1)!));
  }
  const memory = await memoryWatch.stop();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const lines = [
    `Aftersight report benchmark ${new Date().toISOString()} — ${tickets.toLocaleString('en')} tickets, quarter ${quarter} (${os.cpus().length} cores), cold cache`,
    ...results.map(line),
    `peak memory: process ${memory.rssPeakMiB} MiB, DuckDB ${memory.duckdbPeakMiB} MiB, spilled ${memory.duckdbSpillPeakMiB} MiB; memory_limit ${memoryLimit ?? 'default'}`,
  ];
  fs.writeFileSync(
    path.join(benchResultsDir, `report-${stamp}.json`),
    JSON.stringify({ tickets, quarter, memoryLimit: memoryLimit ?? null, memory, results }, null, 2),
  );
  fs.writeFileSync(path.join(benchResultsDir, `report-${stamp}.txt`), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
} finally {
  await memoryWatch.stop();
  await db.close();
  fs.rmSync(work, { recursive: true, force: true });
}
