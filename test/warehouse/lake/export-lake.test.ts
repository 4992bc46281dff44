// The lake export read back by DuckDB from the Parquet files alone: every table's rows, the quarter partitions in
// the configured time zone, and figures of the hand-checked fixture (test/fixtures/README.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { exportLake, hiveTypeOf, readManifest, type LakeManifest } from '../../../warehouse/lake/export-lake.ts';
import { fixtureWarehouse } from '../../helpers/fixture-warehouse.ts';

describe('lake export (Parquet, Hive partitions by quarter)', () => {
  let db: Warehouse;
  let dir: string;
  let lake: string;
  let manifest: LakeManifest;
  let reader: DuckDBInstance;
  let conn: DuckDBConnection;
  const rows = async (sql: string) => (await (await conn.run(sql)).getRowObjectsJS()) as Record<string, unknown>[];
  const files = (rel: string) => `read_parquet('${path.join(lake, rel)}/**/*.parquet', hive_partitioning = true, union_by_name = true)`;

  beforeAll(async () => {
    db = await fixtureWarehouse();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-lake-'));
    lake = path.join(dir, 'lake');
    manifest = (await exportLake(db, lake)).manifest;
    // A reader of its own, with nothing of the warehouse: UTC, so quarters can only come from the folder names.
    reader = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
    conn = await reader.connect();
    await conn.run(`SET TimeZone = 'UTC'`);
  });
  afterAll(async () => {
    conn?.closeSync();
    reader?.closeSync();
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists raw tables, marts, metric views and the settings tables, each with the warehouse row count', async () => {
    const names = manifest.tables.map((t) => `${t.layer}.${t.name}`);
    expect(names).toEqual(expect.arrayContaining(['raw.tickets', 'marts.tickets', 'metrics.resolution_rate', 'settings.sla_targets']));
    expect(names.some((n) => n.startsWith('staging.'))).toBe(false);
    // quality_flags is a table macro (it takes the regions as a parameter): nothing to export.
    expect(names).not.toContain('metrics.quality_flags');
    for (const t of manifest.tables) {
      const [{ n }] = await db.all<{ n: number }>(
        `select count(*)::integer as n from ${t.source === `main.${t.name}` ? 'main' : t.layer}."${t.name}"`,
      );
      expect([t.name, t.rows]).toEqual([t.name, n]);
      // A partitioned table without rows is an empty folder (its columns are in the manifest).
      const m =
        n === 0 && t.partitionBy
          ? fs.readdirSync(path.join(lake, t.path)).length
          : (await rows(`select count(*)::integer as m from ${files(t.path)}`))[0].m;
      expect([t.name, m]).toEqual([t.name, n]);
    }
    expect(manifest.tables.find((t) => t.name === 'tickets' && t.layer === 'raw')?.rows).toBe(9);
    expect(readManifest(lake)).toEqual(manifest);
  });

  it('partitions by the quarter in the configured zone: 00:30 on 1 October Beijing time (16:30 UTC on 30 September) is Q4', async () => {
    expect(fs.readdirSync(path.join(lake, 'raw/tickets')).sort()).toEqual(['quarter=2025-Q3', 'quarter=2025-Q4']);
    const t8 = await rows(`select quarter, opened_at::varchar as opened_at from ${files('raw/tickets')} where ticket_id = 'T8'`);
    expect(t8).toEqual([{ quarter: '2025-Q4', opened_at: '2025-09-30 16:30:00+00' }]);
    const counts = await rows(`select quarter, count(*)::integer as n from ${files('raw/tickets')} group by 1 order by 1`);
    expect(counts).toEqual([
      { quarter: '2025-Q3', n: 7 },
      { quarter: '2025-Q4', n: 2 },
    ]);
    const raw = manifest.tables.find((t) => t.layer === 'raw' && t.name === 'tickets')!;
    expect([raw.partitionBy, raw.partitionSource]).toEqual(['quarter', 'opened_at']);
    // The partition column lives in the folder names, not in the files.
    expect(raw.columns.map((c) => c.name)).not.toContain('quarter');
  });

  it('gives the hand-checked resolution rate by quarter and region from the metric view', async () => {
    const r = await rows(
      `select quarter, region, sum(numerator)::integer as numerator, sum(denominator)::integer as denominator
       from ${files('metrics/resolution_rate')} group by 1, 2 order by 1, 2`,
    );
    expect(r).toEqual([
      { quarter: '2025-Q3', region: '华东', numerator: 2, denominator: 3 },
      { quarter: '2025-Q3', region: '华北', numerator: 2, denominator: 3 },
      { quarter: '2025-Q4', region: '华南', numerator: 1, denominator: 2 },
    ]);
  });

  it('keeps durations and dates: resolution hours by quarter (T1 9 h, T2 24 h, T6 27 h, T7 43.5 h; T8 4.5 h)', async () => {
    const r = await rows(
      `select quarter, count(*)::integer as n, sum(hours) as hours from ${files('metrics/resolution_time')} group by 1 order by 1`,
    );
    expect(r).toEqual([
      { quarter: '2025-Q3', n: 4, hours: 103.5 },
      { quarter: '2025-Q4', n: 1, hours: 4.5 },
    ]);
    const t8 = await rows(`select opened_date::varchar as d from ${files('marts/tickets')} where ticket_id = 'T8'`);
    expect(t8).toEqual([{ d: '2025-10-01' }]);
  });

  it('writes unpartitioned tables as one file, with types every reader takes (TIME and JSON as text)', async () => {
    const settings = manifest.tables.find((t) => t.layer === 'settings' && t.name === 'settings')!;
    expect(settings.partitionBy).toBeNull();
    expect(fs.readdirSync(path.join(lake, settings.path))).toEqual(['part-0.parquet']);
    const types = Object.fromEntries(settings.columns.map((c) => [c.name, c.hiveType]));
    expect(types).toMatchObject({ service_start: 'string', technician_score: 'string', on_site_service_types: 'array<string>' });
    const [s] = await rows(`select service_start from ${files(settings.path)}`);
    expect(s.service_start).toBe('08:30:00');
  });

  it('replaces an earlier export, and refuses a folder that is not one', async () => {
    fs.writeFileSync(path.join(lake, 'stale.txt'), 'from before');
    await exportLake(db, lake, { layers: ['raw'] });
    expect(fs.existsSync(path.join(lake, 'stale.txt'))).toBe(false);
    expect(readManifest(lake).tables.every((t) => t.layer === 'raw')).toBe(true);
    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'notes.txt'), 'mine');
    await expect(exportLake(db, other)).rejects.toThrow(/not an earlier export/);
    expect(fs.readdirSync(other)).toEqual(['notes.txt']);
  });

  it('names DuckDB types in Hive words', () => {
    expect(['VARCHAR[]', 'DECIMAL(12,1)', 'TIMESTAMP WITH TIME ZONE', 'INTEGER'].map(hiveTypeOf)).toEqual([
      'array<string>',
      'decimal(12,1)',
      'timestamp',
      'int',
    ]);
    expect(() => hiveTypeOf('INTERVAL')).toThrow(/no Hive type/);
  });
});
