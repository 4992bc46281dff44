// node bin/run-ts.js test/bench/page-requests.ts [-- --tickets 1000000 --overviews 3 --drills 10 --quality 0
// --quality-tabs 0 --scorecards 0 --seed 7]: every request of the session mix's page loads (session-mix.ts), one at a
// time, one client, on the warehouse bench:api keeps in bench-results/. Each path is new, so each answer is read, not cached (what the
// server keeps until a refresh, such as which rollups exist, stays cached, as in real use). Per request: wall time
// and the CPU time of this process (server and DuckDB), which says more than wall time on a shared machine. Run it
// alternately with another version of the code on a copy of the same warehouse to compare.
import { defaultConfig } from '../../warehouse/config/config.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../web/server/app.ts';
import { benchResultsDir, openBenchWarehouse } from './bench-warehouse.ts';
import { SessionMix } from './session-mix.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const tickets = arg('tickets', 1_000_000);
const db = await openBenchWarehouse(tickets, undefined, arg('read-threads', defaultConfig.readThreads));
const app = await buildApp({ db, auth: false });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
try {
  const [span] = await db.all<{ first: string; last: string }>(
    `select strftime(min(opened_date), '%Y-%m-%d') as first, strftime(max(opened_date), '%Y-%m-%d') as last from marts.tickets`,
  );
  const lines = await db.all<{ product_line: string; models: string[] }>(
    `select product_line, list(distinct product_model order by product_model) as models from marts.tickets
     where product_line is not null and product_model is not null group by 1 order by 1`,
  );
  const values = async (sql: string) => (await db.all<{ v: string }>(sql)).map((r) => r.v);
  const mix = new SessionMix(
    {
      firstDay: span.first,
      lastDay: span.last,
      regions: await values(`select distinct region as v from marts.tickets where region is not null order by 1`),
      models: new Map(lines.map((l) => [l.product_line, [...l.models]])),
      severities: await values(`select distinct severity::varchar as v from marts.tickets where severity is not null order by 1`),
      technicians: await values(
        `select technician_id as v from marts.tickets where technician_id is not null group by 1 order by count(*) desc, 1 limit 200`,
      ),
    },
    arg('seed', 7),
  );
  const loads = [
    ...Array.from({ length: arg('overviews', 3) }, () => mix.overview()),
    ...Array.from({ length: arg('drills', 10) }, () => mix.drillDown()),
    ...Array.from({ length: arg('quality', 0) }, () => mix.quality()),
    ...Array.from({ length: arg('quality-tabs', 0) }, () => mix.qualityTab()),
    ...Array.from({ length: arg('scorecards', 0) }, () => mix.scorecards()),
  ];
  const seen = new Set<string>();
  const out: { page: string; load: number; path: string; ms: number; cpuMs: number; status: number }[] = [];
  for (const [i, load] of loads.entries()) {
    for (const r of load.requests) {
      if (seen.has(r.path)) continue;
      seen.add(r.path);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const res = await fetch(`${base}${r.path}`);
      await res.arrayBuffer();
      const c = process.cpuUsage(c0);
      const ms = Number((performance.now() - t0).toFixed(1));
      out.push({ page: load.page, load: i, path: r.path, ms, cpuMs: (c.user + c.system) / 1000, status: res.status });
    }
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(benchResultsDir, `pages-${stamp}.json`), JSON.stringify({ tickets, loadAverage: os.loadavg(), out }, null, 1));
  for (const r of [...out].sort((a, b) => b.ms - a.ms).slice(0, 15)) console.log(`${r.ms} ms (CPU ${r.cpuMs} ms)  ${r.path}`);
  console.log(
    `load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
} finally {
  await app.close();
  await db.close();
}
