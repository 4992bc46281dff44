// Conformance: the same models on DuckDB and on Trino give the same figures. A generated data set (every record
// kind, fixed dates in the past, so no open ticket crosses a target between the two runs) is loaded and refreshed
// in DuckDB, exported as a lake, and the models run on the Trino cluster over that lake (each model's one source,
// its DuckDB .sql file, transpiled). Every metric view that builds on Trino (all but the two table macros), every
// quarter by region: counts and ratio parts exactly, amounts as decimals of 6 places row by row, durations (median
// and p90, exact on both engines; durations in days row by row) to the second. Skipped, saying why, where no Trino
// cluster runs; CI starts one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../ingest/generator/generate-dataset.ts';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { exportLake } from '../../warehouse/lake/export-lake.ts';
import { trinoRows } from '../../warehouse/trino/trino-client.ts';
import {
  durationFiguresSql,
  durationMetrics,
  ratioFiguresSql,
  ratioMetrics,
  type RatioMetric,
  viewFigures,
  viewFiguresSql,
} from '../../warehouse/trino/engine-figures.ts';
import { modelsToBuild, runModelsOnTrino, type TrinoModelsResult } from '../../warehouse/trino/run-trino-models.ts';
import { loadFiles } from '../helpers/warehouse-with-rows.ts';
import { dropPrefixed, runPrefix, trinoCluster } from '../helpers/trino-cluster.ts';

const trino = await trinoCluster();
const prefix = runPrefix('conf');
// Every metric view that builds on Trino, and the marts whose rules are written for both engines apart from the
// metrics (fault names: ltrim's characters; installation grades: bands joined, not a subquery per project).
const durations = [...durationMetrics.map((m) => [m, 'hours'] as const), ['resolution_time', 'business_hours'] as const];
const metrics = [...Object.keys(ratioMetrics), ...durationMetrics, ...Object.keys(viewFigures)].map((m) => `metrics.${m}`);
const marts = ['marts.fault_names', 'marts.installation_scores'];
const faultNamesSql = (schema: string) =>
  `select fault_code, fault_name, fault_name_en, source, cast(uses as bigint) as uses, cast(described as bigint) as described
   from ${schema}.fault_names order by fault_code`;
const gradesSql = (schema: string) =>
  `select cast(year(day) as varchar) || '-Q' || cast(quarter(day) as varchar) as quarter, region, grade, cast(count(*) as bigint) as n
   from ${schema}.installation_scores group by 1, 2, 3 order by 1, 2, 3`;

describe('the models on DuckDB and on Trino give the same figures', () => {
  let db: Warehouse;
  let dir: string;
  let run: TrinoModelsResult;
  const t = { ...trino.options, catalog: 'hive' };
  const duck = async (sql: string) => (await db.all(sql)) as Record<string, unknown>[];
  const onTrino = (sql: string) => trinoRows(t, sql);
  const trinoAnswers = new Map<string, Promise<Record<string, unknown>[]>>();
  // Every answer is asked for at once before the tests; on a loaded machine the last ones take minutes.
  const answered = { ...trino.testOptions, timeout: 300_000 };

  beforeAll(async () => {
    if (trino.missing) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-conformance-'));
    await generateDataset({ tickets: 3000, seed: 23, outDir: path.join(dir, 'data'), end: '2025-12-31' });
    db = await openWarehouse(':memory:');
    const kinds = ['technicians', 'installations', 'units', 'tickets', 'repairs', 'complaints', 'parts', 'callbacks', 'inspections'];
    await loadFiles(db, Object.fromEntries(kinds.map((k) => [k, path.join(dir, 'data', `${k}.csv`)])), { allowRejects: true });
    const exported = await exportLake(db, path.join(dir, 'lake'), { layers: ['raw', 'settings'] });
    run = await runModelsOnTrino({ trino: trino.options, lakeDir: path.join(dir, 'lake'), prefix, models: [...metrics, ...marts] });
    // Trino's answers asked for at once (each is mostly round trips); each test awaits its own.
    for (const m of Object.keys(ratioMetrics) as RatioMetric[]) trinoAnswers.set(m, onTrino(ratioFiguresSql(m, `${prefix}metrics`)));
    for (const [m, column] of durations) trinoAnswers.set(`${m} ${column}`, onTrino(durationFiguresSql(m, `${prefix}metrics`, column)));
    for (const v of Object.keys(viewFigures)) trinoAnswers.set(v, onTrino(viewFiguresSql(v, `${prefix}metrics`)));
    trinoAnswers.set('fault_names', onTrino(faultNamesSql(`${prefix}marts`)));
    trinoAnswers.set('grades', onTrino(gradesSql(`${prefix}marts`)));
    for (const a of trinoAnswers.values()) a.catch(() => {}); // a failure is reported by its test
    console.log(
      `conformance: export ${exported.ms} ms; models on Trino ${run.ms} ms (${run.models.map((m) => `${m.layer}.${m.model} ${m.ms}`).join(', ')})`,
    );
  }, 900_000);
  afterAll(async () => {
    if (trino.missing) return;
    await dropPrefixed(t, prefix);
    await db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 600_000);

  it('compares every metric view the models build on Trino (a new metric needs its figures here)', () => {
    const built = modelsToBuild()
      .filter((m) => m.layer === 'metrics')
      .map((m) => `metrics.${m.name}`);
    expect([...new Set(metrics)].sort()).toEqual(built.sort());
  });

  for (const metric of Object.keys(ratioMetrics) as RatioMetric[]) {
    it.skipIf(trino.missing)(`${metric}: numerator and denominator, every quarter by region`, answered, async () => {
      const expected = await duck(ratioFiguresSql(metric));
      // Eight quarters of data in several regions: a real comparison, not two empty lists.
      expect(new Set(expected.map((r) => r.quarter)).size).toBeGreaterThanOrEqual(8);
      expect(await trinoAnswers.get(metric)).toEqual(expected);
    });
  }

  const seconds = (rows: Record<string, unknown>[]) =>
    rows.map((r) => ({ ...r, median: Math.round(Number(r.median) * 3600), p90: Math.round(Number(r.p90) * 3600) }));
  for (const [metric, column] of durations) {
    it.skipIf(trino.missing)(`${metric} (${column}): n, median and p90 every quarter by region, to the second`, answered, async () => {
      const expected = await duck(durationFiguresSql(metric, 'metrics', column));
      expect(expected.length).toBeGreaterThanOrEqual(8);
      // The rank formula is DuckDB's own quantile_cont.
      const native = await duck(
        `select cast(year(day) as varchar) || '-Q' || cast(quarter(day) as varchar) as quarter, region, count(*)::bigint as n,
           quantile_cont(${column}, 0.5) as median, quantile_cont(${column}, 0.9) as p90
         from metrics.${metric} where ${column} is not null group by 1, 2 order by 1, 2`,
      );
      expect(seconds(native)).toEqual(seconds(expected));
      expect(seconds((await trinoAnswers.get(`${metric} ${column}`))!)).toEqual(seconds(expected));
    });
  }

  // Rows and measures of every other metric view (engine-figures.ts: counts exactly, amounts to 6 decimal places
  // per row, durations in days to the second per row), every quarter by region and the view's own split.
  for (const view of Object.keys(viewFigures)) {
    it.skipIf(trino.missing)(`${view}: rows and measures, every quarter by region`, answered, async () => {
      const expected = await duck(viewFiguresSql(view));
      // Several quarters of data: a real comparison, not two empty lists.
      expect(new Set(expected.map((r) => r.quarter)).size).toBeGreaterThanOrEqual(4);
      expect(await trinoAnswers.get(view)).toEqual(expected);
    });
  }

  it.skipIf(trino.missing)(
    "fault names: each code's name from its tickets, a leading model and separators taken off",
    answered,
    async () => {
      const expected = await duck(faultNamesSql('marts'));
      expect(expected.length).toBeGreaterThanOrEqual(10);
      // Names the generator's descriptions start with a product model and a separator (ltrim's characters).
      expect(expected.some((r) => /^[ ：:\-—·,，]/.test(String(r.fault_name)))).toBe(false);
      expect(await trinoAnswers.get('fault_names')).toEqual(expected);
    },
  );

  it.skipIf(trino.missing)('installation grades: projects by grade band, every quarter by region', answered, async () => {
    const expected = await duck(gradesSql('marts'));
    expect(new Set(expected.map((r) => r.grade)).size).toBeGreaterThanOrEqual(3);
    expect(await trinoAnswers.get('grades')).toEqual(expected);
  });
});
