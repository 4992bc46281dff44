// One load = one file = one transaction. Cells are typed and checked in SQL; rows with errors go to `rejects`
// with their reasons, the rest replace earlier versions by key (newest load wins; within a file the last row
// of a key wins). A file already loaded with the same content changes nothing.
import path from 'node:path';
import os from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../warehouse/db/open-warehouse.ts';
import { quoteIdent, quoteLiteral } from '../warehouse/db/sql-text.ts';
import { fileHash } from './file-hash.ts';
import { matchHeaders } from './header-match.ts';
import { IngestFileError } from './ingest-error.ts';
import { readCsvToTable } from './readers/csv.ts';
import { recordKind } from './sources/record-kinds.ts';
import { cellText, checksFor, textColumn, typedExpression } from './typed-columns.ts';

export interface LoadReport {
  loadId: number;
  kind: string;
  file: string;
  status: 'loaded' | 'skipped';
  rowsRead: number;
  rowsLoaded: number;
  rowsUpdated: number;
  rowsSuperseded: number;
  rowsRejected: number;
  rowsWarned: number;
  extraColumns: string[];
  durationMs: number;
}

export interface IngestOptions {
  loadedBy?: string;
}

const num = (v: unknown) => Number(v ?? 0);

export async function ingestFile(db: Warehouse, kindName: string, file: string, opts: IngestOptions = {}): Promise<LoadReport> {
  const kind = recordKind(kindName);
  const started = Date.now();
  const name = path.basename(file);
  const hash = await fileHash(file).catch((e: NodeJS.ErrnoException) => {
    throw new IngestFileError(name, e.code === 'ENOENT' ? 'file not found' : e.message, e.code === 'ENOENT' ? '文件不存在' : '无法读取文件');
  });
  const loadedBy = opts.loadedBy ?? os.userInfo().username;
  const [{ load_id: loadId }] = await db.all<{ load_id: number }>(`select nextval('ingest_run_ids')::integer as load_id`);
  try {
    return await db.write(async (conn) => {
      const previous = await rows(conn, `select load_id from ingest_runs where kind = $1 and file_hash = $2 and status = 'loaded' limit 1`, [kind.kind, hash]);
      const base = { loadId, kind: kind.kind, file: name, extraColumns: [] as string[] };
      if (previous.length > 0) {
        await logRun(conn, { ...base, hash, status: 'skipped', started, loadedBy, message: `same content as load ${previous[0].load_id}` });
        return { ...base, status: 'skipped' as const, rowsRead: 0, rowsLoaded: 0, rowsUpdated: 0, rowsSuperseded: 0, rowsRejected: 0, rowsWarned: 0, durationMs: Date.now() - started };
      }
      const report = await loadInTransaction(conn, kind.kind, file, name, loadId);
      const full = { ...base, ...report, status: 'loaded' as const, durationMs: Date.now() - started };
      await logRun(conn, { ...full, hash, started, loadedBy });
      return full;
    });
  } catch (e) {
    const message = e instanceof IngestFileError ? e.reasonEn : (e as Error).message;
    await db.write((conn) => logRun(conn, { loadId, kind: kind.kind, file: name, hash, status: 'failed', started, loadedBy, message }));
    if (e instanceof IngestFileError) throw new IngestFileError(name, e.reasonEn, e.reasonZh);
    throw new IngestFileError(name, message, '加载失败');
  }
}

type Counts = Omit<LoadReport, 'loadId' | 'kind' | 'file' | 'status' | 'durationMs'>;

async function loadInTransaction(conn: DuckDBConnection, kindName: string, file: string, name: string, loadId: number): Promise<Counts> {
  const kind = recordKind(kindName);
  const headers = await readCsvToTable(conn, file, '_load');
  const match = matchHeaders(kind, headers);
  if (match.missingRequired.length > 0) {
    const expected = kind.columns.filter((c) => c.required).map((c) => `${c.name} (${c.aliases.join('/')})`);
    throw new IngestFileError(
      name,
      `missing required column(s) ${match.missingRequired.join(', ')}; headers found: ${headers.join(', ')}; expected: ${expected.join(', ')}`,
      `缺少必需列 ${match.missingRequired.join('、')}；文件中的表头：${headers.join('、')}`,
    );
  }
  // _typed: every canonical column typed (null when the file lacks it), its text, and the extras.
  // rowids of a table made inside a transaction start at a large offset but stay in file order.
  const typed: string[] = ['(rowid - (select min(rowid) from _load) + 2)::integer as _row'];
  for (const c of kind.columns) {
    const header = match.mapped.get(c.name);
    const text = header ? cellText(header) : 'null::varchar';
    typed.push(`${text} as ${textColumn(c.name)}`, `${header ? typedExpression(c, text) : 'null'} as ${quoteIdent(c.name)}`);
  }
  const extras = match.extras.length > 0 ? `json_object(${match.extras.map((h) => `${quoteLiteral(h)}, ${quoteIdent(h)}`).join(', ')})` : 'null::json';
  typed.push(`${extras} as extras`);
  await conn.run(`create temp table _typed as select ${typed.join(',\n ')} from _load`);

  const checks = checksFor(kind, new Set(match.mapped.keys()));
  if (checks.length > 0) {
    const parts = checks.map(
      (c) =>
        `select $1::integer, $2, _row, ${quoteLiteral(c.field)}, ${textColumn(c.field)}, ${quoteLiteral(c.level)}, ${quoteLiteral(c.reasonEn)}, ${quoteLiteral(c.reasonZh)} from _typed where ${c.failsWhen}`,
    );
    await conn.run(`insert into rejects ${parts.join('\nunion all\n')}`, [loadId, name]);
  }
  const key = quoteIdent(kind.key);
  await conn.run(
    `create temp table _final as
     select * from _typed
     where _row not in (select row_number from rejects where load_id = $1 and level = 'error')
     qualify row_number() over (partition by ${key} order by _row desc) = 1`,
    [loadId],
  );
  const [counts] = await rows(
    conn,
    `select (select count(*) from _typed) as read,
            (select count(*) from _final) as final,
            (select count(distinct row_number) from rejects where load_id = $1 and level = 'error') as rejected,
            (select count(distinct row_number) from rejects where load_id = $1 and level = 'warning'
               and row_number not in (select row_number from rejects where load_id = $1 and level = 'error')) as warned,
            (select count(*) from _final where ${key} in (select ${key} from raw.${quoteIdent(kind.kind)})) as updated`,
    [loadId],
  );
  const target = `raw.${quoteIdent(kind.kind)}`;
  await conn.run(`delete from ${target} where ${key} in (select ${key} from _final)`);
  const columns = kind.columns.map((c) => quoteIdent(c.name)).join(', ');
  await conn.run(
    `insert into ${target} (${columns}, extras, _load_id, _source_file, _row) select ${columns}, extras, $1, $2, _row from _final order by _row`,
    [loadId, name],
  );
  for (const t of ['_load', '_typed', '_final']) await conn.run(`drop table ${t}`);
  const read = num(counts.read);
  const rejected = num(counts.rejected);
  const final = num(counts.final);
  return {
    rowsRead: read,
    rowsLoaded: final,
    rowsUpdated: num(counts.updated),
    rowsSuperseded: read - rejected - final,
    rowsRejected: rejected,
    rowsWarned: num(counts.warned),
    extraColumns: match.extras,
  };
}

async function rows(conn: DuckDBConnection, sqlText: string, params: (string | number)[] = []) {
  return (await conn.run(sqlText, params)).getRowObjectsJS();
}

interface RunLog {
  loadId: number;
  kind: string;
  file: string;
  hash: string;
  status: string;
  started: number;
  loadedBy: string;
  message?: string;
  rowsRead?: number;
  rowsLoaded?: number;
  rowsUpdated?: number;
  rowsSuperseded?: number;
  rowsRejected?: number;
  rowsWarned?: number;
}

async function logRun(conn: DuckDBConnection, r: RunLog): Promise<void> {
  await conn.run(
    `insert into ingest_runs (load_id, kind, file, file_hash, status, rows_read, rows_loaded, rows_updated, rows_superseded,
       rows_rejected, rows_warned, message, started_at, duration_ms, loaded_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, to_timestamp($13 / 1000.0), $14, $15)`,
    [
      r.loadId, r.kind, r.file, r.hash, r.status, r.rowsRead ?? 0, r.rowsLoaded ?? 0, r.rowsUpdated ?? 0, r.rowsSuperseded ?? 0,
      r.rowsRejected ?? 0, r.rowsWarned ?? 0, r.message ?? null, r.started, Date.now() - r.started, r.loadedBy,
    ],
  );
}
