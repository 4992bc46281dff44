// A dry run of a load for the mapping editor: how the headers map, and the first rows as they would load,
// with their problems. Runs in a transaction that is always rolled back: nothing is stored.
import path from 'node:path';
import type { Warehouse } from '../warehouse/db/open-warehouse.ts';
import { IngestFileError } from './ingest-error.ts';
import { stageFile, type IngestOptions } from './run-ingest.ts';
import { recordKind } from '../contract/sources/record-kinds.ts';

export interface PreviewRow {
  row: number;
  values: Record<string, unknown>;
  problems: { field: string; level: string; reason_en: string; reason_zh: string }[];
}

export interface Preview {
  file: string;
  headers: string[];
  /** canonical column -> header in the file */
  mapped: Record<string, string>;
  extras: string[];
  missingRequired: string[];
  rows: PreviewRow[];
}

export async function previewFile(
  db: Warehouse,
  kindName: string,
  file: string,
  opts: IngestOptions & { limit?: number } = {},
): Promise<Preview> {
  const kind = recordKind(kindName);
  const name = opts.name ?? path.basename(file);
  const conn = await db.connect();
  try {
    await conn.run('BEGIN TRANSACTION');
    const staged = await stageFile(conn, kindName, file, name, {
      ...opts,
      timeZone: opts.mapping?.timeZone ?? opts.timeZone ?? db.timeZone,
    });
    const base = {
      file: name,
      headers: staged.headers,
      mapped: Object.fromEntries(staged.match.mapped),
      extras: staged.match.extras,
      missingRequired: staged.match.missingRequired,
    };
    if (staged.match.missingRequired.length > 0) return { ...base, rows: [] };
    const columns = kind.columns.map((c) => `"${c.name}"`).join(', ');
    const rows = (await (
      await conn.run(`select _row, ${columns}, _problems from _staged order by _row limit $1`, [opts.limit ?? 20])
    ).getRowObjectsJS()) as Record<string, unknown>[];
    return {
      ...base,
      rows: rows.map(({ _row, _problems, ...values }) => ({
        row: Number(_row),
        values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
        problems: (_problems as Record<string, string>[]).map(({ field, level, reason_en, reason_zh }) => ({
          field,
          level,
          reason_en,
          reason_zh,
        })),
      })),
    };
  } catch (e) {
    if (e instanceof IngestFileError) throw new IngestFileError(name, e.reasonEn, e.reasonZh);
    throw e;
  } finally {
    await conn.run('ROLLBACK').catch(() => {});
    conn.closeSync();
  }
}
