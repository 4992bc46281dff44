// `aftersight export --format iceberg`: the lake as Iceberg tables. The Parquet export is written first
// (<dir>/parquet, as `--format parquet` writes it), registered in Trino's Hive catalog, and copied by Trino's
// Iceberg connector into Iceberg tables under <dir>/iceberg/<layer>/<name> (data/ and metadata/), partitioned by
// quarter. <dir>/iceberg/manifest.json names each table's current metadata file, which Spark, Trino, StarRocks,
// Doris and DuckDB (iceberg_scan) open directly or register in their own catalog.
import fs from 'node:fs';
import path from 'node:path';
import type { Warehouse } from '../db/open-warehouse.ts';
import { exportLake, manifestFile, type LakeLayer } from '../lake/export-lake.ts';
import type { TrinoOptions } from './trino-client.ts';
import { copyToIceberg, lakeSchema, registerLake } from './trino-lake.ts';

export interface IcebergTableEntry {
  layer: string;
  name: string;
  /** The table's folder, relative to <dir>/iceberg. */
  path: string;
  /** Its current metadata file, relative to <dir>/iceberg. */
  metadata: string;
  /** The Trino table that wrote it. */
  trinoTable: string;
  rows: number;
}

export interface IcebergExportResult {
  dir: string;
  tables: IcebergTableEntry[];
  ms: number;
}

export async function exportIceberg(
  db: Warehouse,
  dir: string,
  trino: TrinoOptions,
  o: { prefix?: string; layers?: LakeLayer[] } = {},
): Promise<IcebergExportResult> {
  const started = Date.now();
  const root = path.resolve(dir);
  if (fs.existsSync(root) && fs.readdirSync(root).some((f) => !['parquet', 'iceberg'].includes(f)))
    throw new Error(`${dir} holds other files than an earlier Iceberg export (parquet/, iceberg/): not replaced`);
  const prefix = o.prefix ?? 'aftersight_';
  const parquet = path.join(root, 'parquet');
  const lake = await exportLake(db, parquet, { layers: o.layers });
  const tables = await registerLake(trino, parquet, { prefix });
  const icebergDir = path.join(root, 'iceberg');
  fs.rmSync(icebergDir, { recursive: true, force: true });
  await copyToIceberg(trino, tables, { prefix, location: icebergDir });
  const entries: IcebergTableEntry[] = tables.map((t) => {
    const metadataDir = path.join(icebergDir, t.layer, t.name, 'metadata');
    const current = fs
      .readdirSync(metadataDir)
      .filter((f) => f.endsWith('.metadata.json'))
      .sort()
      .at(-1);
    if (!current) throw new Error(`Iceberg table ${t.layer}.${t.name}: no metadata file in ${metadataDir}`);
    return {
      layer: t.layer,
      name: t.name,
      path: path.join(t.layer, t.name),
      metadata: path.join(t.layer, t.name, 'metadata', current),
      trinoTable: `iceberg.${lakeSchema(prefix, t.layer)}.${t.name}`,
      rows: t.rows,
    };
  });
  fs.writeFileSync(
    path.join(icebergDir, manifestFile),
    `${JSON.stringify({ format: 'iceberg', exportedAt: lake.manifest.exportedAt, timeZone: lake.manifest.timeZone, tables: entries }, null, 2)}\n`,
  );
  return { dir: root, tables: entries, ms: Date.now() - started };
}
