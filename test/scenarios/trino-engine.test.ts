// `engine: "trino"`: the API and the PDF read their figures from the models on Trino, and give the same figures as
// with DuckDB. One generated data set (every record kind, fixed dates in the past) is loaded into a warehouse file,
// copied, and served twice through the real HTTP server: once with engine duckdb, once with engine trino (its
// start-up refresh builds the models on the Trino cluster). The same metric series are asked of both, for a set
// of metrics × filters × grains, and the quarter figures the PDF prints are read from both: counts and the parts
// of ratios exactly, durations to the second. Skipped, saying why, where no Trino cluster runs; CI starts one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../ingest/generator/generate-dataset.ts';
import { defaultConfig, type AftersightConfig } from '../../warehouse/config/config.ts';
import { openWarehouse } from '../../warehouse/db/open-warehouse.ts';
import { startServer, type RunningServer } from '../../web/server/server.ts';
import { readReportFigures } from '../../reports/quarterly/quarter-figures.ts';
import { parseQuarterKey } from '../../contract/period/period.ts';
import { metricCatalog, type MetricKey } from '../../contract/metrics/catalog.ts';
import type { TrinoFigures } from '../../warehouse/trino/trino-figures.ts';
import { loadFiles } from '../helpers/warehouse-with-rows.ts';
import { dropPrefixed, runPrefix, trinoCluster } from '../helpers/trino-cluster.ts';

const trino = await trinoCluster();
const prefix = runPrefix('engine');

/** The series asked of both servers: each metric by quarter and region, and other filters and grains for some. */
const byRegion = 'grain=quarter&by=region';
const oneRegion = 'grain=month&region=__REGION__&from=2025-01-01&to=2025-06-30';
const oneQuarter = 'grain=all&from=2025-07-01&to=2025-09-30';
const metricQueries: [string, string][] = [
  ...[
    'opened',
    'resolution_rate',
    'csat',
    'sla_compliance',
    'repeat_rate',
    'first_time_fix_rate',
    'dissatisfied_rate',
    'complaint_rate',
    'complaint_escalated_rate',
    'parts_return_on_time',
    'satisfaction_distribution',
    'resolution_time',
    'response_time',
    'arrival_time',
    'complaint_resolution_time',
    'backlog',
  ].map((m): [string, string] => [m, byRegion]),
  ['opened', oneRegion],
  ['resolution_rate', oneQuarter],
  ['csat', oneRegion],
  ['response_time', oneRegion],
  ['complaint_resolution_time', oneQuarter],
  ['backlog', oneRegion],
  ['sla_compliance', 'grain=quarter&by=severity,sla_target'],
  ['repeat_rate', 'grain=year&by=repeat_mode'],
  ['resolution_time', 'grain=quarter&by=region&clock=business'],
  ['fault_pareto', 'grain=quarter&by=fault_code&from=2025-04-01&to=2025-06-30'],
];

const durationFields = new Set(['median', 'p90', 'mean']);
/** A duration's row (its value is the median) or the PDF's figure of a duration metric (value, previous, last year). */
const durationsOf = (o: Record<string, unknown>): Set<string> =>
  'median' in o
    ? new Set([...durationFields, 'value'])
    : typeof o.metric === 'string' && metricCatalog[o.metric as MetricKey]?.kind === 'duration' && 'previous' in o
      ? new Set(['value', 'previous', 'lastYear'])
      : durationFields;
/**
 * The answer to compare: durations in seconds, those of the answer expected to the second (within half a second:
 * the last digits of a mean or an interpolated median depend on the order of the arithmetic); counts and ratio
 * parts exactly. The time of the refresh a figure was judged at (as_of) is left out: the two servers refreshed
 * minutes apart.
 */
function comparable(v: unknown, expected: boolean): unknown {
  if (Array.isArray(v)) return v.map((x) => comparable(x, expected));
  if (v && typeof v === 'object') {
    const durations = durationsOf(v as Record<string, unknown>);
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => k !== 'as_of' && k !== 'asOf')
        .map(([k, x]) => [
          k,
          durations.has(k) && typeof x === 'number' ? (expected ? expect.closeTo(x * 3600, 0) : x * 3600) : comparable(x, expected),
        ]),
    );
  }
  return v;
}

/** Runs fn over the items, `n` at a time. */
async function inTurns<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
    }),
  );
}

describe.skipIf(trino.missing)('engine "trino": the API and the PDF read the figures from Trino', trino.testOptions, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-engine-'));
  let duck: RunningServer;
  let onTrino: RunningServer;
  const cookies = new Map<RunningServer, string>();
  const log: string[] = [];
  let region = '';

  const serve = async (name: string, extra: Partial<AftersightConfig>) => {
    const config: AftersightConfig = {
      ...defaultConfig,
      db: path.join(tmp, `${name}.duckdb`),
      port: 0,
      demoWhenEmpty: false,
      logLevel: 'silent',
      refreshCron: '0 0 1 1 *',
      inboxCron: '0 0 1 1 *',
      inboxDir: path.join(tmp, name, 'inbox'),
      reportsDir: path.join(tmp, name, 'reports'),
      reportLangs: ['en'],
      ...extra,
    };
    const server = await startServer(config, (m) => log.push(`${name}: ${m}`));
    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'engine-test-password' }),
    });
    cookies.set(server, login.headers.get('set-cookie')!.split(';')[0]);
    return server;
  };
  const get = async (server: RunningServer, url: string) => {
    const res = await fetch(`${server.url}${url}`, { headers: { cookie: cookies.get(server)! } });
    expect(res.status, `${url}: ${res.status}`).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    await generateDataset({ tickets: 1500, seed: 23, outDir: path.join(tmp, 'data'), end: '2025-12-31' });
    const db = await openWarehouse(path.join(tmp, 'duck.duckdb'));
    const kinds = ['technicians', 'installations', 'tickets', 'repairs', 'complaints', 'parts', 'callbacks', 'inspections'];
    await loadFiles(db, Object.fromEntries(kinds.map((k) => [k, path.join(tmp, 'data', `${k}.csv`)])), { allowRejects: true });
    region = (await db.all<{ r: string }>(`select region as r from marts.tickets group by 1 order by count(*) desc limit 1`))[0].r;
    await db.close();
    fs.copyFileSync(path.join(tmp, 'duck.duckdb'), path.join(tmp, 'trino.duckdb'));
    process.env.AFTERSIGHT_ADMIN_PASSWORD = 'engine-test-password';
    try {
      duck = await serve('duck', {});
      const t0 = Date.now();
      onTrino = await serve('trino', {
        engine: 'trino',
        trino: { url: trino.options.url, user: 'aftersight', prefix, lakeDir: path.join(tmp, 'lake') },
      });
      console.log(`engine trino: server started (refresh with the models on Trino) in ${Date.now() - t0} ms`);
    } finally {
      delete process.env.AFTERSIGHT_ADMIN_PASSWORD;
    }
    console.log(log.filter((l) => /refreshed|refresh failed/.test(l)).join('\n'));
  }, 1_200_000);

  afterAll(async () => {
    await duck?.stop();
    await onTrino?.stop();
    await dropPrefixed({ ...trino.options, catalog: 'hive' }, prefix);
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 600_000);

  it('the start-up refresh built the models on Trino and says which are read from DuckDB', () => {
    const line = log.find((l) => l.startsWith('trino: models refreshed'));
    expect(line).toMatch(/models on Trino: \d+ in [\d.]+ s/);
    const figures = onTrino.db.figures as TrinoFigures;
    const slot = figures.current()!;
    // The slot named in current.json is the one just built, and lists what it built and what it could not.
    expect(slot.built).toContain('metrics.resolution_time');
    for (const f of slot.failed) expect(line).toContain(f.model);
  });

  it('every series compared is read from Trino there, and from DuckDB on the other server', () => {
    for (const [metric] of metricQueries) expect(onTrino.db.figures!.serves([`metrics.${metric}`]), metric).toBe(true);
    expect(duck.db.figures).toBeUndefined();
  });

  it('the API answers the same series, metrics × filters × grains (durations to the second)', { timeout: 900_000 }, async () => {
    let rows = 0;
    const started = Date.now();
    await inTurns(metricQueries, 3, async ([metric, shape]) => {
      const url = `/api/metrics/${metric}?${shape.replace('__REGION__', encodeURIComponent(region))}`;
      const [expected, actual] = await Promise.all([get(duck, url), get(onTrino, url)]);
      rows += expected.rows.length;
      expect(comparable(actual, false), url).toEqual(comparable(expected, true));
    });
    console.log(`engine trino: ${metricQueries.length} series (${rows} rows) compared in ${Date.now() - started} ms`);
    // A real comparison: the quarterly series by region have rows in every quarter of the two years.
    expect(rows).toBeGreaterThan(500);
  });

  it("the PDF reads the same quarter figures (one region's report)", { timeout: 600_000 }, async () => {
    const ctx = {
      region,
      lang: 'en' as const,
      quarter: parseQuarterKey('2025-Q3'),
      variant: 'management' as const,
      companyName: 'Aftersight',
      asOf: new Date(),
      timeZone: defaultConfig.timeZone,
      catalog: metricCatalog,
    };
    const [expected, actual] = await Promise.all([readReportFigures(duck.db, ctx, 'live'), readReportFigures(onTrino.db, ctx, 'live')]);
    expect(expected.data.kpis.filter((k) => k.value !== null).length).toBeGreaterThanOrEqual(6);
    expect(comparable(actual.data, false)).toEqual(comparable(expected.data, true));
  });
});
