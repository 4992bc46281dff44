// The lake export in a real Trino cluster (bin/trino/cluster.sh: a coordinator and two workers on loopback): the
// Parquet tables registered in the Hive catalog, copied into Iceberg tables, and read back with the hand-checked
// figures of test/fixtures/README.md. Skipped, saying why, where no cluster runs; CI starts one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { exportLake } from '../../../warehouse/lake/export-lake.ts';
import { trinoRows } from '../../../warehouse/trino/trino-client.ts';
import { copyToIceberg, lakeSchema, registerLake, trinoTypeOf } from '../../../warehouse/trino/trino-lake.ts';
import type { LakeTable } from '../../../warehouse/lake/export-lake.ts';
import { exportIceberg } from '../../../warehouse/trino/export-iceberg.ts';
import { fixtureWarehouse } from '../../helpers/fixture-warehouse.ts';
import { dropPrefixed, runPrefix, trinoCluster } from '../../helpers/trino-cluster.ts';

const trino = await trinoCluster();
const prefix = runPrefix('lake');

describe('the lake in Trino (Hive and Iceberg catalogs)', () => {
  let db: Warehouse;
  let dir: string;
  let tables: LakeTable[] = [];
  const t = trino.options;

  beforeAll(async () => {
    if (trino.missing) return;
    db = await fixtureWarehouse();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-trino-lake-'));
    await exportLake(db, path.join(dir, 'lake'), { layers: ['raw', 'metrics'] });
    tables = await registerLake(t, path.join(dir, 'lake'), { prefix, tables: ['raw.tickets', 'metrics.resolution_rate'] });
    await copyToIceberg(t, tables, { prefix, location: path.join(dir, 'iceberg') });
  }, 600_000);
  afterAll(async () => {
    if (trino.missing) return;
    await dropPrefixed(t, prefix);
    await db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 600_000);

  it.skipIf(trino.missing)('runs as a coordinator and two active workers', trino.testOptions, async () => {
    const nodes = await trinoRows(t, `select coordinator, state from system.runtime.nodes order by coordinator desc`);
    expect(nodes).toEqual([
      { coordinator: true, state: 'active' },
      { coordinator: false, state: 'active' },
      { coordinator: false, state: 'active' },
    ]);
  });

  it.skipIf(trino.missing)(
    'reads the Parquet partitions as Hive tables: quarters, instants and the hand-checked rate',
    trino.testOptions,
    async () => {
      const raw = `hive."${lakeSchema(prefix, 'raw')}".tickets`;
      expect(await trinoRows(t, `select quarter, count(*) as n from ${raw} group by 1 order by 1`)).toEqual([
        { quarter: '2025-Q3', n: 7 },
        { quarter: '2025-Q4', n: 2 },
      ]);
      // T8: 00:30 on 1 October Beijing time is 16:30 UTC on 30 September, stored as that instant.
      expect(await trinoRows(t, `select cast(opened_at as varchar) as opened_at from ${raw} where ticket_id = 'T8'`)).toEqual([
        { opened_at: '2025-09-30 16:30:00.000000' },
      ]);
      const rate = await trinoRows(
        t,
        `select quarter, region, sum(numerator) as numerator, sum(denominator) as denominator
       from hive."${lakeSchema(prefix, 'metrics')}".resolution_rate group by 1, 2 order by 1, 2`,
      );
      expect(rate).toEqual([
        { quarter: '2025-Q3', region: '华东', numerator: 2, denominator: 3 },
        { quarter: '2025-Q3', region: '华北', numerator: 2, denominator: 3 },
        { quarter: '2025-Q4', region: '华南', numerator: 1, denominator: 2 },
      ]);
    },
  );

  it.skipIf(trino.missing)(
    'copies them into Iceberg tables partitioned by quarter, with their metadata beside the data',
    trino.testOptions,
    async () => {
      const ice = `iceberg."${lakeSchema(prefix, 'metrics')}".resolution_rate`;
      const rate = await trinoRows(
        t,
        `select quarter, sum(numerator) as numerator, sum(denominator) as denominator from ${ice} group by 1 order by 1`,
      );
      expect(rate).toEqual([
        { quarter: '2025-Q3', numerator: 4, denominator: 6 },
        { quarter: '2025-Q4', numerator: 1, denominator: 2 },
      ]);
      const partitions = await trinoRows(
        t,
        `select partition.quarter as quarter, record_count as n from iceberg."${lakeSchema(prefix, 'raw')}"."tickets$partitions" order by 1`,
      );
      expect(partitions).toEqual([
        { quarter: '2025-Q3', n: 7 },
        { quarter: '2025-Q4', n: 2 },
      ]);
      const table = path.join(dir, 'iceberg', 'raw', 'tickets');
      expect(fs.readdirSync(path.join(table, 'metadata')).some((f) => f.endsWith('.metadata.json'))).toBe(true);
      expect(fs.readdirSync(path.join(table, 'data')).sort()).toEqual(['quarter=2025-Q3', 'quarter=2025-Q4']);
    },
  );

  it.skipIf(trino.missing)(
    'export --format iceberg: Iceberg tables with a manifest naming their metadata files',
    trino.testOptions,
    async () => {
      const out = path.join(dir, 'iceberg-export');
      const r = await exportIceberg(db, out, t, { prefix: `${prefix}ice_`, layers: ['settings'] });
      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'iceberg', 'manifest.json'), 'utf8'));
      expect(manifest.format).toBe('iceberg');
      expect(manifest.tables.map((x: { name: string }) => x.name)).toContain('sla_targets');
      for (const x of r.tables) expect(fs.existsSync(path.join(out, 'iceberg', x.metadata))).toBe(true);
      // Four severity levels, as the defaults set them.
      expect(await trinoRows(t, `select count(*) as n from iceberg."${prefix}ice_settings".sla_targets`)).toEqual([{ n: 4 }]);
    },
  );

  it('names DuckDB types in Trino words', () => {
    expect(['VARCHAR[]', 'DECIMAL(12,1)', 'TIMESTAMP WITH TIME ZONE', 'INTEGER', 'FLOAT'].map(trinoTypeOf)).toEqual([
      'array(varchar)',
      'decimal(12,1)',
      'timestamp(6)',
      'integer',
      'real',
    ]);
  });
});
