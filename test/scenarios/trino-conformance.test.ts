// Conformance: the same models on DuckDB and on Trino give the same figures. A generated data set (every record
// kind, fixed dates in the past, so no open ticket crosses a target between the two runs) is loaded and refreshed
// in DuckDB, exported as a lake, and the models run on the Trino cluster over that lake (each model's one source,
// its DuckDB .sql file, transpiled). Every quarter by region: counts and ratio parts exactly, durations (median and
// p90, exact on both engines) to the second. Skipped, saying why, where no Trino cluster runs; CI starts one.
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
} from '../../warehouse/trino/engine-figures.ts';
import { runModelsOnTrino, type TrinoModelsResult } from '../../warehouse/trino/run-trino-models.ts';
import { loadFiles } from '../helpers/warehouse-with-rows.ts';
import { dropPrefixed, runPrefix, trinoCluster } from '../helpers/trino-cluster.ts';

const trino = await trinoCluster();
const prefix = runPrefix('conf');
const metrics = [...Object.keys(ratioMetrics), ...durationMetrics].map((m) => `metrics.${m}`);

describe('the models on DuckDB and on Trino give the same figures', () => {
  let db: Warehouse;
  let dir: string;
  let run: TrinoModelsResult;
  const t = { ...trino.options, catalog: 'hive' };
  const duck = async (sql: string) => (await db.all(sql)) as Record<string, unknown>[];
  const onTrino = (sql: string) => trinoRows(t, sql);

  beforeAll(async () => {
    if (trino.missing) return;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-conformance-'));
    await generateDataset({ tickets: 3000, seed: 23, outDir: path.join(dir, 'data'), end: '2025-12-31' });
    db = await openWarehouse(':memory:');
    const kinds = ['technicians', 'installations', 'tickets', 'repairs', 'complaints', 'parts', 'callbacks', 'inspections'];
    await loadFiles(db, Object.fromEntries(kinds.map((k) => [k, path.join(dir, 'data', `${k}.csv`)])), { allowRejects: true });
    const exported = await exportLake(db, path.join(dir, 'lake'), { layers: ['raw', 'settings'] });
    run = await runModelsOnTrino({ trino: trino.options, lakeDir: path.join(dir, 'lake'), prefix, models: metrics });
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

  for (const metric of Object.keys(ratioMetrics) as RatioMetric[]) {
    it.skipIf(trino.missing)(`${metric}: numerator and denominator, every quarter by region`, trino.testOptions, async () => {
      const expected = await duck(ratioFiguresSql(metric));
      // Eight quarters of data in several regions: a real comparison, not two empty lists.
      expect(new Set(expected.map((r) => r.quarter)).size).toBeGreaterThanOrEqual(8);
      expect(await onTrino(ratioFiguresSql(metric, `${prefix}metrics`))).toEqual(expected);
    });
  }

  const seconds = (rows: Record<string, unknown>[]) =>
    rows.map((r) => ({ ...r, median: Math.round(Number(r.median) * 3600), p90: Math.round(Number(r.p90) * 3600) }));
  const durations = [...durationMetrics.map((m) => [m, 'hours'] as const), ['resolution_time', 'business_hours'] as const];
  for (const [metric, column] of durations) {
    it.skipIf(trino.missing)(
      `${metric} (${column}): n, median and p90 every quarter by region, to the second`,
      trino.testOptions,
      async () => {
        const expected = await duck(durationFiguresSql(metric, 'metrics', column));
        expect(expected.length).toBeGreaterThanOrEqual(8);
        // The rank formula is DuckDB's own quantile_cont.
        const native = await duck(
          `select cast(year(day) as varchar) || '-Q' || cast(quarter(day) as varchar) as quarter, region, count(*)::bigint as n,
           quantile_cont(${column}, 0.5) as median, quantile_cont(${column}, 0.9) as p90
         from metrics.${metric} where ${column} is not null group by 1, 2 order by 1, 2`,
        );
        expect(seconds(native)).toEqual(seconds(expected));
        expect(seconds(await onTrino(durationFiguresSql(metric, `${prefix}metrics`, column)))).toEqual(seconds(expected));
      },
    );
  }
});
