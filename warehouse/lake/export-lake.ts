// The lake export (`aftersight export`): the raw tables, the marts, the metric views and the settings tables the
// models read, written as Parquet under one folder with Hive-style partitions by quarter (`quarter=2025-Q3`), and
// a manifest.json that lists every table with its path, partition column, row count and columns. Spark, Trino,
// StarRocks, Doris and DuckDB read these files as they are; `lake/trino-lake.ts` registers them in Trino and can
// copy them into Iceberg tables. The export reads one snapshot (one transaction) and replaces the folder at once:
// it is written beside it and renamed into place, so a reader never sees half an export.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../db/open-warehouse.ts';
import { quoteIdent, quoteLiteral } from '../db/sql-text.ts';

export type LakeLayer = 'raw' | 'marts' | 'metrics' | 'settings';

export interface LakeColumn {
  name: string;
  /** The column's type in the Parquet files, as DuckDB names it (VARCHAR, TIMESTAMP WITH TIME ZONE, …). */
  type: string;
  /** The same type in Hive's words (string, timestamp, array<string>, …), for registering the files elsewhere. */
  hiveType: string;
  /** The warehouse's own type, when the files hold it as another (JSON and TIME as VARCHAR, HUGEINT as BIGINT). */
  warehouseType?: string;
}

export interface LakeTable {
  layer: LakeLayer;
  name: string;
  /** The warehouse's table or view it was written from (settings tables live in DuckDB's schema main). */
  source: string;
  /** Folder of the table's files, relative to the export folder. */
  path: string;
  /** Hive partition column (`quarter`), or null for a table written as one file. */
  partitionBy: 'quarter' | null;
  /** The column whose quarter, in the configured time zone, names the partition. */
  partitionSource: string | null;
  rows: number;
  /** Data columns in file order (the partition column is in the folder names, not in the files). */
  columns: LakeColumn[];
}

export interface LakeManifest {
  format: 'parquet';
  exportedAt: string;
  /** Quarters (and the dates in the data) are in this zone; timestamps are stored as UTC instants. */
  timeZone: string;
  tables: LakeTable[];
}

/** The settings tables the models read (written by each refresh): the lake carries them so the models can run there. */
export const settingsTables = [
  'settings',
  'sla_targets',
  'calendar_exceptions',
  'cadence_settings',
  'inspection_steps',
  'installation_grades',
];

/** The event time whose quarter partitions a raw table (its record kind's own date); others fall back to the rules below. */
const rawPartitionSources: Record<string, string> = {
  tickets: 'opened_at',
  repairs: 'started_at',
  complaints: 'received_at',
  parts: 'issued_at',
  callbacks: 'called_at',
  inspections: 'inspected_at',
  installations: 'accepted_at',
};
/** Any other table is partitioned by the first of these columns it has (metrics: the day they are counted on). */
const partitionColumnsByPreference = ['day', 'opened_date', 'received_date'];

/** Staging views are not exported: they only rename and cast the raw tables, which are. */
export const lakeLayers: LakeLayer[] = ['raw', 'marts', 'metrics', 'settings'];

export const manifestFile = 'manifest.json';
/** Hive's name for the partition of rows whose partition value is null. */
export const nullPartition = '__HIVE_DEFAULT_PARTITION__';

export interface ExportOptions {
  /** Layers to write (default: all). */
  layers?: LakeLayer[];
}

export interface ExportResult {
  dir: string;
  manifest: LakeManifest;
  ms: number;
}

/**
 * Writes the lake into `dir`. The folder must be absent, empty, or an earlier export (it has a manifest.json):
 * anything else is refused rather than overwritten.
 */
export async function exportLake(db: Warehouse, dir: string, o: ExportOptions = {}): Promise<ExportResult> {
  const started = Date.now();
  const target = path.resolve(dir);
  if (fs.existsSync(target) && fs.readdirSync(target).length > 0 && !fs.existsSync(path.join(target, manifestFile)))
    throw new Error(`${dir} is not empty and holds no ${manifestFile}: not an earlier export, so it is not replaced`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial);
  const layers = new Set(o.layers ?? lakeLayers);
  const conn = await db.connect();
  const tables: LakeTable[] = [];
  try {
    // One snapshot for every table: a refresh committing meanwhile is not seen half.
    await conn.run('BEGIN TRANSACTION');
    for (const t of await listTables(conn)) {
      if (!layers.has(t.layer)) continue;
      tables.push(await writeTable(conn, partial, t));
    }
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => {});
    fs.rmSync(partial, { recursive: true, force: true });
    throw e;
  } finally {
    conn.closeSync();
  }
  const manifest: LakeManifest = { format: 'parquet', exportedAt: new Date().toISOString(), timeZone: db.timeZone, tables };
  fs.writeFileSync(path.join(partial, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
  // Swap: the old export moves aside, the new one takes its name, the old one is removed.
  const old = `${target}.old-${process.pid}`;
  if (fs.existsSync(target)) fs.renameSync(target, old);
  fs.renameSync(partial, target);
  fs.rmSync(old, { recursive: true, force: true });
  return { dir: target, manifest, ms: Date.now() - started };
}

/** Reads an export's manifest. */
export function readManifest(dir: string): LakeManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, manifestFile), 'utf8')) as LakeManifest;
}

interface SourceTable {
  layer: LakeLayer;
  schema: string;
  name: string;
}

/** The tables and views to export, in a stable order (table macros such as metrics.quality_flags take parameters: not exported). */
async function listTables(conn: DuckDBConnection): Promise<SourceTable[]> {
  const rows = (await (
    await conn.run(
      `select table_schema as schema, table_name as name from information_schema.tables
       where table_schema in ('raw', 'marts', 'metrics')
          or (table_schema = 'main' and table_name in (${settingsTables.map(quoteLiteral).join(', ')}))
       order by case table_schema when 'raw' then 1 when 'marts' then 2 when 'metrics' then 3 else 4 end, table_name`,
    )
  ).getRowObjectsJS()) as { schema: string; name: string }[];
  return rows.map((r) => ({ layer: (r.schema === 'main' ? 'settings' : r.schema) as LakeLayer, schema: r.schema, name: r.name }));
}

async function writeTable(conn: DuckDBConnection, root: string, t: SourceTable): Promise<LakeTable> {
  const source = `${t.schema}.${quoteIdent(t.name)}`;
  const described = (await (await conn.run(`describe ${source}`)).getRowObjectsJS()) as { column_name: string; column_type: string }[];
  // Types every reader takes: JSON and TIME as text, HUGEINT (a DuckDB sum of integers) as BIGINT.
  const columns = described.map((c) => {
    const type = c.column_type === 'JSON' || c.column_type === 'TIME' ? 'VARCHAR' : c.column_type === 'HUGEINT' ? 'BIGINT' : c.column_type;
    return { name: c.column_name, type, hiveType: hiveTypeOf(type), cast: type !== c.column_type, warehouseType: c.column_type };
  });
  const names = new Set(columns.map((c) => c.name));
  const partitionSource =
    t.layer === 'settings'
      ? null
      : t.layer === 'raw'
        ? (rawPartitionSources[t.name] ?? null)
        : (partitionColumnsByPreference.find((c) => names.has(c)) ?? null);
  const rel = path.join(t.layer, t.name);
  const out = path.join(root, rel);
  const select = columns.map((c) => (c.cast ? `cast(${quoteIdent(c.name)} as ${c.type}) as ${quoteIdent(c.name)}` : quoteIdent(c.name)));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  let rows: number;
  if (partitionSource) {
    // The quarter in the configured zone (the session TimeZone): the period a ticket belongs to.
    const src = quoteIdent(partitionSource);
    const quarter = `coalesce(strftime(${src}, '%Y') || '-Q' || quarter(${src}), ${quoteLiteral(nullPartition)}) as quarter`;
    rows = Number(
      (
        await conn.run(
          `copy (select ${[...select, quarter].join(', ')} from ${source}) to ${quoteLiteral(out)}
           (format parquet, compression zstd, partition_by (quarter), filename_pattern 'part-{i}')`,
        )
      ).rowsChanged,
    );
  } else {
    fs.mkdirSync(out, { recursive: true });
    rows = Number(
      (
        await conn.run(
          `copy (select ${select.join(', ')} from ${source}) to ${quoteLiteral(path.join(out, 'part-0.parquet'))} (format parquet, compression zstd)`,
        )
      ).rowsChanged,
    );
  }
  // A table without rows still gets its folder, so every manifest path exists.
  fs.mkdirSync(out, { recursive: true });
  return {
    layer: t.layer,
    name: t.name,
    source: `${t.schema}.${t.name}`,
    path: rel,
    partitionBy: partitionSource ? 'quarter' : null,
    partitionSource,
    rows,
    columns: columns.map(({ name, type, hiveType, cast, warehouseType }) => ({ name, type, hiveType, ...(cast ? { warehouseType } : {}) })),
  };
}

/** DuckDB's type name in Hive's words. */
export function hiveTypeOf(duckType: string): string {
  const list = /^(.*)\[\]$/.exec(duckType);
  if (list) return `array<${hiveTypeOf(list[1])}>`;
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/.exec(duckType);
  if (decimal) return `decimal(${decimal[1]},${decimal[2]})`;
  const simple: Record<string, string> = {
    VARCHAR: 'string',
    BOOLEAN: 'boolean',
    TINYINT: 'tinyint',
    SMALLINT: 'smallint',
    INTEGER: 'int',
    BIGINT: 'bigint',
    FLOAT: 'float',
    DOUBLE: 'double',
    DATE: 'date',
    TIMESTAMP: 'timestamp',
    'TIMESTAMP WITH TIME ZONE': 'timestamp',
  };
  const h = simple[duckType];
  if (!h) throw new Error(`no Hive type for the DuckDB type ${duckType}`);
  return h;
}
