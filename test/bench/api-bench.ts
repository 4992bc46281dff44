// npm run bench:api [-- --tickets 5000000 --seconds 10]: the dashboard API under 32 concurrent clients
// (autocannon, loopback only): the overview's metric reads and a filtered drill-down page. The warehouse is
// generated once per size and kept in bench-results/ (ignored by git) for later runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../../web/server/app.ts';
import { benchResultsDir, openBenchWarehouse } from './bench-warehouse.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const tickets = arg('tickets', 1_000_000);
const seconds = arg('seconds', 10);
const out = benchResultsDir;
const db = await openBenchWarehouse(tickets);
const app = await buildApp({ db, auth: false });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const range = 'from=2025-01-01&to=2025-12-31';
const overview = [
  `/api/metrics/resolution_rate?${range}&grain=month`,
  `/api/metrics/opened?${range}&grain=month`,
  `/api/metrics/sla_compliance?${range}&grain=all&by=severity,sla_target`,
  `/api/metrics/response_time?${range}&grain=all`,
  `/api/metrics/csat?${range}&grain=all`,
  `/api/metrics/cost?${range}&grain=all&by=cost_type,warranty`,
];
// Different pages of a filtered ticket list: each is a fresh query (the ticket list is not cached).
const drillDown = Array.from(
  { length: 20 },
  (_, i) =>
    `/api/tickets?${range}&region=${encodeURIComponent('华东')}&severity=3&metric=resolution_rate&part=denominator&sort=opened_at&limit=50&offset=${i * 50}`,
);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function run(name: string, paths: string[]) {
  let i = 0;
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: 32,
        duration: seconds,
        requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    // autocannon reports p97.5 but not p95: keep every response time.
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  const ms = (p: number) => Number(percentile(latencies, p).toFixed(1));
  return { name, requests: latencies.length, non2xx: result.non2xx, p50: ms(50), p95: ms(95), p99: ms(99), max: ms(100) };
}

// Cold: each read the first time after a refresh, one at a time (the answer is then cached until the next refresh).
async function firstReads(paths: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const p of paths) {
    db.cache.clear();
    const t0 = performance.now();
    await fetch(`${base}${p}`).then((r) => r.arrayBuffer());
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}
const coldOverview = await firstReads(overview);
const cold = await firstReads(drillDown);

try {
  const results = [
    await run('overview metrics (6 series, cached after the first read)', overview),
    await run('filtered drill-down pages (20 pages, cached after the first read)', drillDown),
  ];
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const lines = [
    `Aftersight API benchmark ${new Date().toISOString()} — ${tickets.toLocaleString('en')} tickets, 32 connections, ${seconds} s each (${os.cpus().length} cores)`,
    ...results.map(
      (r) =>
        `${r.name.padEnd(58)} ${String(r.requests).padStart(7)} req  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  max ${r.max} ms  non-2xx ${r.non2xx}`,
    ),
  ];
  lines.push(
    `overview metric, first read after a refresh, one client: median ${percentile(coldOverview, 50).toFixed(1)} ms, max ${coldOverview.at(-1)!.toFixed(1)} ms (${coldOverview.length} series)`,
  );
  lines.push(
    `filtered drill-down page, first read, one client: median ${percentile(cold, 50).toFixed(1)} ms, max ${cold.at(-1)!.toFixed(1)} ms (${cold.length} pages)`,
  );
  fs.writeFileSync(
    path.join(out, `api-${stamp}.json`),
    JSON.stringify({ tickets, seconds, results, coldOverviewMs: coldOverview, coldDrillDownMs: cold }, null, 2),
  );
  fs.writeFileSync(path.join(out, `api-${stamp}.txt`), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
} finally {
  await app.close();
  await db.close();
}
