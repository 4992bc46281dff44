// The lake export (lake/export-lake.ts) in Trino: each table of the manifest registered as an external Hive table
// over its Parquet folder (partitions found by sync_partition_metadata), and, for the Iceberg format, copied into
// Iceberg tables (Trino's Iceberg connector writes the data files and the Iceberg metadata).
import path from 'node:path';
import { readManifest, type LakeLayer, type LakeManifest, type LakeTable } from '../lake/export-lake.ts';
import { quoteIdent, quoteLiteral } from '../db/sql-text.ts';
import { trinoQuery, type TrinoOptions } from './trino-client.ts';

/** Where a layer's tables go in Trino: a schema per layer, its name prefixed (one lake per prefix). */
export const lakeSchema = (prefix: string, layer: LakeLayer | 'staging'): string => `${prefix}${layer}`;

/** The type of a column of the export, in Trino's words. */
export function trinoTypeOf(duckType: string): string {
  const list = /^(.*)\[\]$/.exec(duckType);
  if (list) return `array(${trinoTypeOf(list[1])})`;
  if (/^DECIMAL\(\d+,\s*\d+\)$/.test(duckType)) return duckType.toLowerCase().replace(/\s/g, '');
  const simple: Record<string, string> = {
    VARCHAR: 'varchar',
    BOOLEAN: 'boolean',
    TINYINT: 'tinyint',
    SMALLINT: 'smallint',
    INTEGER: 'integer',
    BIGINT: 'bigint',
    FLOAT: 'real',
    DOUBLE: 'double',
    DATE: 'date',
    // UTC instants in the files; the Hive connector reads them as timestamps in UTC.
    TIMESTAMP: 'timestamp(6)',
    'TIMESTAMP WITH TIME ZONE': 'timestamp(6)',
  };
  const t = simple[duckType];
  if (!t) throw new Error(`no Trino type for the DuckDB type ${duckType}`);
  return t;
}

export interface RegisterOptions {
  /** Prefix of the schemas (default ''): raw, marts, metrics, settings become `${prefix}raw` … */
  prefix?: string;
  /** Layers to register (default: all the manifest has). */
  layers?: LakeLayer[];
  /** Only these tables, as `layer.name` (default: all). */
  tables?: string[];
}

/** Registers every table of the export at `dir` in Trino's Hive catalog; returns the tables registered. */
export async function registerLake(trino: TrinoOptions, dir: string, o: RegisterOptions = {}): Promise<LakeTable[]> {
  const manifest: LakeManifest = readManifest(dir);
  const prefix = o.prefix ?? '';
  const tables = manifest.tables.filter(
    (t) => (!o.layers || o.layers.includes(t.layer)) && (!o.tables || o.tables.includes(`${t.layer}.${t.name}`)),
  );
  const hive = { ...trino, catalog: 'hive' };
  for (const layer of new Set(tables.map((t) => t.layer)))
    await trinoQuery(hive, `create schema if not exists hive.${quoteIdent(lakeSchema(prefix, layer))}`);
  for (const t of tables) {
    const schema = quoteIdent(lakeSchema(prefix, t.layer));
    const name = `hive.${schema}.${quoteIdent(t.name)}`;
    const columns = t.columns.map((c) => `${quoteIdent(c.name)} ${trinoTypeOf(c.type)}`);
    if (t.partitionBy) columns.push(`${quoteIdent(t.partitionBy)} varchar`);
    const location = `file://${path.resolve(dir, t.path)}`;
    await trinoQuery(hive, `drop table if exists ${name}`);
    await trinoQuery(
      hive,
      `create table ${name} (${columns.join(', ')}) with (external_location = ${quoteLiteral(location)}, format = 'PARQUET'${
        t.partitionBy ? `, partitioned_by = array[${quoteLiteral(t.partitionBy)}]` : ''
      })`,
    );
    if (t.partitionBy)
      await trinoQuery(
        hive,
        `call hive.system.sync_partition_metadata(${quoteLiteral(lakeSchema(prefix, t.layer))}, ${quoteLiteral(t.name)}, 'FULL')`,
      );
  }
  return tables;
}

/**
 * Copies registered Hive tables into Iceberg tables (same schema names in the `iceberg` catalog), partitioned by
 * quarter like the Parquet export, with their files under `location` when given (else the catalog's own folder).
 */
export async function copyToIceberg(
  trino: TrinoOptions,
  tables: LakeTable[],
  o: { prefix?: string; location?: string } = {},
): Promise<void> {
  const prefix = o.prefix ?? '';
  const ice = { ...trino, catalog: 'iceberg' };
  for (const layer of new Set(tables.map((t) => t.layer)))
    await trinoQuery(ice, `create schema if not exists iceberg.${quoteIdent(lakeSchema(prefix, layer))}`);
  for (const t of tables) {
    const schema = quoteIdent(lakeSchema(prefix, t.layer));
    const props = [
      `format = 'PARQUET'`,
      ...(t.partitionBy ? [`partitioning = array[${quoteLiteral(t.partitionBy)}]`] : []),
      ...(o.location ? [`location = ${quoteLiteral(`file://${path.resolve(o.location, t.layer, t.name)}`)}`] : []),
    ];
    await trinoQuery(ice, `drop table if exists iceberg.${schema}.${quoteIdent(t.name)}`);
    await trinoQuery(
      ice,
      `create table iceberg.${schema}.${quoteIdent(t.name)} with (${props.join(', ')}) as select * from hive.${schema}.${quoteIdent(t.name)}`,
    );
  }
}
