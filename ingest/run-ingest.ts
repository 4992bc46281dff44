// One load = one file = one transaction. Cells are typed and checked in SQL; rows with errors go to `rejects`
// with their reasons, the rest replace earlier versions by key (newest load wins; within a file the last row
// of a key wins). A file already loaded with the same content changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../warehouse/db/open-warehouse.ts';
import { quoteIdent, quoteLiteral } from '../warehouse/db/sql-text.ts';
import { sqlTypeOf } from '../warehouse/db/column-types.ts';
import { fileHash } from './file-hash.ts';
import { tracked, type ProgressListener } from './load-progress.ts';
import { headerConflicts, matchHeaders, normaliseHeader, type HeaderConflict, type HeaderMatch } from './header-match.ts';
import type { RecordKind } from '../contract/sources/record-kind.ts';
import { diskFullReason, isDiskFull, plainDiskFull } from '../warehouse/db/disk-full.ts';
import { IngestFileError } from './ingest-error.ts';
import { openFileSource, unreadable, type ReadOptions } from './readers/read-file.ts';
import { SystemTranscodingFailed } from './readers/csv.ts';
import { recordKind } from '../contract/sources/record-kinds.ts';
import {
  cellText,
  checksFor,
  textColumn,
  trimmedCell,
  typedExpression,
  localTime,
  localTimeColumn,
  nearestZoneRuns,
  zoneRunsSql,
  type ZoneRun,
  type CellContext,
} from './typed-columns.ts';
import type { Mapping } from './mapping.ts';

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

export interface IngestOptions extends ReadOptions {
  loadedBy?: string;
  /** The name to report and store (an upload's original name); defaults to the file's base name. */
  name?: string;
  /** A validated mapping (see mapping.ts). */
  mapping?: Mapping;
  /** Zone of times without an offset when the mapping names none; defaults to the warehouse's. */
  timeZone?: string;
  onProgress?: ProgressListener;
}

const num = (v: unknown) => Number(v ?? 0);
/** From this size on, a file's times are converted by runs of the zone's offsets (see zoneRunsSql). */
export const zoneRunsFromBytes = 4 * 1024 ** 2;

export function ingestFile(db: Warehouse, kindName: string, file: string, opts: IngestOptions = {}): Promise<LoadReport> {
  // One large job: on every core, whatever the server's reads run on.
  return db.allCores(() => ingestOnAllCores(db, kindName, file, opts));
}

async function ingestOnAllCores(db: Warehouse, kindName: string, file: string, opts: IngestOptions): Promise<LoadReport> {
  const kind = recordKind(kindName);
  const started = Date.now();
  const name = opts.name ?? path.basename(file);
  // A file that cannot be opened is refused before anything is logged.
  try {
    fs.closeSync(fs.openSync(file, 'r'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new IngestFileError(
      name,
      code === 'ENOENT' ? 'file not found' : (e as Error).message,
      code === 'ENOENT' ? '文件不存在' : '无法读取文件',
    );
  }
  // The file's hash is taken by the pass that reads it anyway (see csvSource); a failure before logs it from here.
  let hash: string | undefined;
  const loadedBy = opts.loadedBy ?? os.userInfo().username;
  // Another sheet or mapping is another load.
  const options = JSON.stringify({ sheet: opts.sheet ?? null, format: opts.format ?? null, mapping: opts.mapping ?? null });
  const [{ load_id: loadId }] = await db.all<{ load_id: number }>(`select nextval('ingest_run_ids')::integer as load_id`);
  const loadOpts = { ...opts, timeZone: opts.mapping?.timeZone ?? opts.timeZone ?? db.timeZone };
  let previous: number | undefined;
  let staged: Staged | undefined;
  // Writes run one at a time, so what `stage` finds is still true when the transaction starts. The file is read
  // and typed into this connection's temp tables before it: the same work inside is about twice as slow, and temp
  // tables need no undoing. Same bytes read the same way as a load before: the typing is stopped, nothing stored.
  const stage = async (conn: DuckDBConnection) => {
    staged = await stageFile(conn, kind.kind, file, name, {
      ...loadOpts,
      unlessLoaded: async (h) => {
        hash = h;
        const [done] = await db.all<{ load_id: number }>(
          `select load_id from ingest_runs where kind = $1 and file_hash = $2 and options = $3 and status = 'loaded' limit 1`,
          [kind.kind, h, options],
        );
        if (done) previous = Number(done.load_id);
        return done !== undefined;
      },
    });
  };
  const load = async (conn: DuckDBConnection): Promise<LoadReport> => {
    const base = { loadId, kind: kind.kind, file: name, extraColumns: [] as string[] };
    if (!staged || staged.loadedBefore) {
      await logRun(conn, {
        ...base,
        hash: hash!,
        options,
        status: 'skipped',
        started,
        loadedBy,
        message: `same content as load ${previous}`,
        code: 'same_content',
        params: { load: previous! },
      });
      return {
        ...base,
        status: 'skipped' as const,
        rowsRead: 0,
        rowsLoaded: 0,
        rowsUpdated: 0,
        rowsSuperseded: 0,
        rowsRejected: 0,
        rowsWarned: 0,
        durationMs: Date.now() - started,
      };
    }
    const report = await loadInTransaction(conn, kind.kind, name, loadId, staged, loadOpts);
    const full = { ...base, ...report, status: 'loaded' as const, durationMs: Date.now() - started };
    await logRun(conn, { ...full, hash: hash!, options, started, loadedBy });
    return full;
  };
  try {
    return await db.write(load, stage);
  } catch (e) {
    const message = e instanceof IngestFileError ? e.reasonEn : isDiskFull(e) ? diskFullReason.en : (e as Error).message;
    // The history words the failure in the reader's language: the file's reason in both, or a load that failed.
    const said: Pick<RunLog, 'code' | 'params'> =
      e instanceof IngestFileError
        ? { code: 'file_refused', params: { reason_en: e.reasonEn, reason_zh: e.reasonZh } }
        : isDiskFull(e)
          ? { code: 'file_refused', params: { reason_en: diskFullReason.en, reason_zh: diskFullReason.zh } }
          : { code: 'load_failed', params: { detail: message } };
    hash ??= await fileHash(file).catch(() => '');
    await db.write((conn) =>
      logRun(conn, { loadId, kind: kind.kind, file: name, hash: hash!, options, status: 'failed', started, loadedBy, message, ...said }),
    );
    // Not the file's fault: answered as a full disk (507), with no server path.
    if (isDiskFull(e)) throw plainDiskFull(e);
    if (e instanceof IngestFileError) throw new IngestFileError(name, e.reasonEn, e.reasonZh);
    throw new IngestFileError(name, message, '加载失败');
  }
}

type Counts = Omit<LoadReport, 'loadId' | 'kind' | 'file' | 'status' | 'durationMs'>;

async function loadInTransaction(
  conn: DuckDBConnection,
  kindName: string,
  name: string,
  loadId: number,
  staged: Staged,
  opts: IngestOptions,
): Promise<Counts> {
  const kind = recordKind(kindName);
  if (staged.match.missingRequired.length > 0) throw missingColumnsError(kind, name, staged.headers, staged.match.missingRequired);
  return applyStaged(conn, kindName, name, loadId, staged.match.extras, opts);
}

export function missingColumnsError(kind: RecordKind, name: string, headers: string[], missing: string[]): IngestFileError {
  const expected = kind.columns.filter((c) => c.required).map((c) => `${c.name} (${c.aliases.join('/')})`);
  return new IngestFileError(
    name,
    `missing required column(s) ${missing.join(', ')}; headers found: ${headers.join(', ')}; expected: ${expected.join(', ')}`,
    `缺少必需列 ${missing.join('、')}；文件中的表头：${headers.join('、')}`,
  );
}

export function headerConflictError(name: string, conflicts: HeaderConflict[]): IngestFileError {
  const same = (c: HeaderConflict) => new Set(c.headers.map((h) => normaliseHeader(h.header))).size === 1;
  const en = conflicts.map((c) => {
    const list = c.headers.map((h) => `"${h.header}" (column ${h.position})`).join(', ');
    return `${list} ${c.headers.length === 2 ? 'both' : 'all'} hold ${c.column}: ${same(c) ? 'rename or remove one' : 'keep one, or name the one to load in a mapping file ("columns": {"<header>": "' + c.column + '"})'}`;
  });
  const zh = conflicts.map((c) => {
    const list = c.headers.map((h) => `第 ${h.position} 列“${h.header}”`).join('、');
    return `${list}都对应 ${c.column}：${same(c) ? '请重命名或删除其中一列' : '请只保留一列，或在映射文件中指定要加载的那一列'}`;
  });
  return new IngestFileError(name, en.join('; '), zh.join('；'));
}

/** The mapping's combined columns, with each header as the file names it; a header not in the file is an error. */
function combinedHeaders(name: string, headers: string[], combine: Record<string, string[]>): Map<string, string[]> {
  const byKey = new Map(headers.map((h) => [normaliseHeader(h), h]));
  return new Map(
    Object.entries(combine).map(([column, parts]) => [
      column,
      parts.map((p) => {
        const h = byKey.get(normaliseHeader(p));
        if (!h)
          throw new IngestFileError(
            name,
            `the mapping combines "${p}" into ${column}, but the file has no such header; headers found: ${headers.join(', ')}`,
            `映射要把“${p}”组合进 ${column}，但文件中没有这一列；文件中的表头：${headers.join('、')}`,
          );
        return h;
      }),
    ]),
  );
}

const problemType = 'struct(field varchar, value varchar, level varchar, reason_en varchar, reason_zh varchar)';

export interface Staged {
  headers: string[];
  match: HeaderMatch;
  /** unlessLoaded said the same content was loaded before: nothing was typed. */
  loadedBefore?: boolean;
}

/**
 * Reads the file and types every cell into the temp table `_typed` (typed columns, extras, and each row's
 * `_problems`: the errors and warnings of the row rules), seen with each row's number through the view `_staged`,
 * on the caller's connection. With required columns missing it stops after matching the headers.
 */
export async function stageFile(
  conn: DuckDBConnection,
  kindName: string,
  file: string,
  name: string,
  opts: IngestOptions & {
    timeZone: string;
    /** Asked once the file's hash is known, while the file is typed (on another connection: this one is busy). */
    unlessLoaded?: (hash: string) => Promise<boolean>;
    /** Trim every cell: a cell past the first bytes was found padded. */
    paddedCells?: boolean;
  },
): Promise<Staged> {
  const kind = recordKind(kindName);
  const source = await tracked(conn, 'read', opts.onProgress, () => openFileSource(conn, file, name, opts));
  try {
    const { headers } = source;
    const mapping = opts.mapping ?? {};
    const combined = combinedHeaders(name, headers, mapping.combine ?? {});
    const constants = Object.entries(mapping.constants ?? {});
    const built = [...combined.keys(), ...constants.map(([c]) => c)];
    const conflicts = headerConflicts(kind, source.fileHeaders, mapping.columns, built);
    if (conflicts.length > 0) throw headerConflictError(name, conflicts);
    const match = matchHeaders(kind, headers, mapping.columns, { columns: built, fromHeaders: [...combined.values()].flat() });
    if (match.missingRequired.length > 0) return { headers, match };
    const { ctx, params } = mappingCells(mapping);
    params.file = source.path;
    // Cells are typed straight from the file; a row's number is the reader's own column, or else its place in
    // _typed (a table keeps the file's row order), given by the view _staged.
    const rowSelect = source.rowColumn ? `${quoteIdent(source.rowColumn)}::integer as _row, ` : '';
    // A row whose every cell is empty (",,,," as Excel writes formatted but empty rows) is no record: _blank
    // rows keep their place in _typed, so the rows after them keep their numbers, and _staged leaves them out.
    const row = source.rowColumn ? '_row, _blank, ' : '_blank, ';
    // Each header the load reads is trimmed once (_cells), then null tokens and value maps apply (_texts).
    const used = [...new Set([...match.mapped.values(), ...[...combined.values()].flat()])];
    const cell = new Map(used.map((h, i) => [h, quoteIdent(`_cell_${i}`)]));
    const padded = opts.paddedCells ?? source.paddedCells ?? true;
    const cells = used.map((h) => `${trimmedCell(h, padded)} as ${cell.get(h)}`);
    const texts = kind.columns.map((c) => {
      const header = match.mapped.get(c.name);
      const parts = combined.get(c.name);
      const constant = constants.findIndex(([column]) => column === c.name);
      let text = header ? cellText(cell.get(header)!, c.name, ctx) : 'null::varchar';
      // A combined key is null when any of its parts is (|| keeps nulls), so the row is refused, not mis-keyed.
      if (parts) text = `(${parts.map((h) => cellText(cell.get(h)!, '', ctx)).join(` || '-' || `)})`;
      if (constant >= 0) {
        params[`constant_${constant}`] = String(constants[constant][1]);
        text = `$constant_${constant}::varchar`;
      }
      return `${text} as ${textColumn(c.name)}`;
    });
    const provided = new Set([...match.mapped.keys(), ...built]);
    const extras =
      match.extras.length > 0 ? `json_object(${match.extras.map((h) => `${quoteLiteral(h)}, ${quoteIdent(h)}`).join(', ')})` : 'null::json';
    // Blank: every cell the load reads is empty, and every extra one.
    const emptyExtras =
      match.extras.length > 0 ? `coalesce(${match.extras.map((h) => trimmedCell(h, padded)).join(', ')}) is null` : 'true';
    const blank = used.length > 0 ? `coalesce(${[...cell.values()].join(', ')}) is null and _empty_extras` : '_empty_extras';
    // Timestamps: the wall-clock time once per cell (_locals), then its instant in the zone (typedExpression).
    const timestamps = kind.columns.filter((c) => c.type === 'timestamp' && provided.has(c.name));
    // Asking ICU for a zone's runs costs as much as converting some thousands of times: a small file converts each.
    const bytes = source.pipeProgress ? fs.statSync(file).size : fs.statSync(source.path).size;
    const byRuns = timestamps.length > 0 && bytes >= zoneRunsFromBytes;
    const runs = byRuns ? nearestZoneRuns(await zoneRuns(conn, opts.timeZone), BigInt(Date.now()) * 1000n) : [];
    runs.forEach((r, i) => {
      params[`zone_from_${i}`] = r.from;
      params[`zone_to_${i}`] = r.to;
      params[`zone_offset_${i}`] = r.offset;
    });
    ctx.zoneRuns = runs.length;
    const locals = timestamps.map((c) => `, ${localTime(textColumn(c.name), ctx)} as ${localTimeColumn(c.name)}`).join('');
    // Typed values read the text columns, so the user's null tokens and value maps apply once per cell.
    const typedValues = kind.columns.map(
      (c) =>
        `${provided.has(c.name) ? typedExpression(c, textColumn(c.name), ctx) : `null::${sqlTypeOf[c.type]}`} as ${quoteIdent(c.name)}`,
    );
    const checks = checksFor(kind, provided);
    const problems = checks.map(
      (c) =>
        `case when ${c.failsWhen} then {'field': ${quoteLiteral(c.field)}, 'value': ${textColumn(c.field)}, 'level': ${quoteLiteral(c.level)}, 'reason_en': ${quoteLiteral(c.reasonEn)}, 'reason_zh': ${quoteLiteral(c.reasonZh)}} end`,
    );
    // Most rows pass every check: their list of problems is built only when some check fails (CASE evaluates
    // a branch only for its rows), which saves building and filtering a list per row. Whether a row is rejected
    // is then read from its list (an error in it), not from the checks again.
    const anyFails = checks.length > 0 ? checks.map((c) => `coalesce(${c.failsWhen}, false)`).join(' or ') : 'false';
    const columns = kind.columns.map((c) => quoteIdent(c.name)).join(', ');
    const typedSql = `create temp table _typed as
      with _cells as (select ${rowSelect}${[...cells, `${extras} as extras`, `${emptyExtras} as _empty_extras`].join(', ')} from ${source.sql}),
      _texts as (select ${rowSelect ? '_row, ' : ''}${blank} as _blank, ${texts.join(', ')}, extras from _cells),
      _locals as (select *${locals} from _texts),
      _vals as (select ${row}${kind.columns.map((c) => textColumn(c.name)).join(', ')}, ${typedValues.join(',\n ')}, extras from _locals),
      _checked as (select ${row}${columns}, extras,
        case when ${anyFails} then list_filter([${problems.join(',\n ')}], p -> p is not null) else []::${problemType}[] end as _problems
        from _vals)
      select *, case when len(_problems) = 0 then false else list_contains(list_transform(_problems, p -> p.level), 'error') end as _rejected
      from _checked`;
    params.tz = opts.timeZone;
    if (mapping.dateFormat !== undefined) params.date_format = mapping.dateFormat;
    // DuckDB types the file while the pass over its bytes (source.whole) hashes and measures it: the same content
    // loaded before stops the typing; the pass's verdict on the file comes before DuckDB's.
    let loadedBefore = false;
    const whole = source.whole.then(async (w) => {
      if (await opts.unlessLoaded?.(w.hash)) {
        loadedBefore = true;
        conn.interrupt();
      }
      return w;
    });
    const typing = tracked(
      conn,
      'check',
      opts.onProgress,
      () => conn.run(typedSql, usedParams(typedSql, params)),
      source.pipeProgress,
    ).finally(() => source.readEnded());
    const [typed, checked] = await Promise.allSettled([typing, whole]);
    if (checked.status === 'rejected' && checked.reason instanceof SystemTranscodingFailed) {
      // The transcoder refused a byte: read again, transcoded here, which names the line or reads the file whole.
      await conn.run('drop table if exists _typed');
      source.cleanup();
      return stageFile(conn, kindName, file, name, { ...opts, inProcessTranscoding: true });
    }
    if (checked.status === 'rejected') throw checked.reason;
    if (loadedBefore) {
      await conn.run('drop table if exists _typed');
      return { headers, match, loadedBefore: true };
    }
    if (typed.status === 'rejected') throw unreadable(name, source.format, typed.reason, source.path, file);
    if (checked.value.paddedCells && !padded) {
      // A padded cell past the first bytes (rare: padding is usually in every row): typed again, trimming cells.
      await conn.run('drop table _typed');
      source.cleanup();
      return stageFile(conn, kindName, file, name, { ...opts, paddedCells: true });
    }
    let rowNumber = '';
    if (!source.rowColumn) {
      // Inside a transaction (the preview's) the rowids of a new temp table start at a large offset.
      const [{ first }] = await rows(conn, 'select coalesce(min(rowid), 0)::bigint as first from _typed');
      rowNumber = `(rowid - ${BigInt(first as bigint)} + ${source.firstRow})::integer as _row, `;
    }
    await conn.run(`create temp view _staged as select ${rowNumber}* exclude (_blank) from _typed where not _blank`);
    return { headers, match };
  } finally {
    source.cleanup();
  }
}

/** Writes the staged rows' problems to `rejects`, then replaces records by key with the rows without an error. */
async function applyStaged(
  conn: DuckDBConnection,
  kindName: string,
  name: string,
  loadId: number,
  extraColumns: string[],
  opts: IngestOptions,
): Promise<Counts> {
  const kind = recordKind(kindName);
  const key = quoteIdent(kind.key);
  const target = `raw.${quoteIdent(kind.kind)}`;
  await conn.run(
    `insert into rejects
     select $load, $file, _row, p.field, p.value, p.level, p.reason_en, p.reason_zh
     from (select _row, unnest(_problems) as p from _staged where len(_problems) > 0)`,
    { load: loadId, file: name },
  );
  // The keys the load keeps are found once (half the time of counting them, then finding them again).
  const [counts] = await rows(
    conn,
    `with _keys as materialized (select distinct ${key} from _staged where not _rejected and ${key} is not null)
     select count(*) as read,
            count(*) filter (where _rejected) as rejected,
            count(*) filter (where not _rejected and len(_problems) > 0) as warned,
            (select count(*) from _keys) as final,
            (select count(*) from _keys where ${key} in (select ${key} from ${target})) as updated
     from _staged`,
  );
  const columns = kind.columns.map((c) => quoteIdent(c.name)).join(', ');
  const changeLog = num(counts.read) - num(counts.rejected) > num(counts.final);
  await tracked(conn, 'write', opts.onProgress, async () => {
    if (num(counts.updated) > 0) await conn.run(`delete from ${target} where ${key} in (select ${key} from _staged where not _rejected)`);
    // Several rows with one key are a change log: the last row in file order wins. Without one (the usual file)
    // the rows go straight in, in file order, with no window over the whole file.
    await conn.run(
      changeLog
        ? `insert into ${target} (${columns}, extras, _load_id, _source_file, _row)
           select ${columns}, extras, $1, $2, _row from _staged where not _rejected
           qualify row_number() over (partition by ${key} order by _row desc) = 1
           order by _row`
        : `insert into ${target} (${columns}, extras, _load_id, _source_file, _row)
           select ${columns}, extras, $1, $2, _row from _staged where not _rejected`,
      [loadId, name],
    );
  });
  await conn.run('drop view if exists _staged');
  await conn.run('drop table if exists _typed');
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
    extraColumns,
  };
}

/** ICU's offsets do not change while the process runs: each zone's runs are asked for once. */
const zoneRunCache = new Map<string, Promise<ZoneRun[]>>();

function zoneRuns(conn: DuckDBConnection, timeZone: string): Promise<ZoneRun[]> {
  let runs = zoneRunCache.get(timeZone);
  if (!runs) {
    runs = rows(conn, zoneRunsSql, { tz: timeZone }).then((rs) =>
      rs.map((r) => ({ from: BigInt(r.from as bigint), to: BigInt(r.to as bigint), offset: BigInt(r.offset as bigint) })),
    );
    runs.catch(() => zoneRunCache.delete(timeZone));
    zoneRunCache.set(timeZone, runs);
  }
  return runs;
}

/** The mapping's user values as bound parameters (never SQL text), and how cells refer to them. */
function mappingCells(mapping: Mapping): { ctx: CellContext; params: Record<string, string | bigint> } {
  const params: Record<string, string | bigint> = {};
  const nullTokens = (mapping.nullTokens ?? []).map((t, i) => {
    params[`null_${i}`] = t;
    return `null_${i}`;
  });
  const valueMaps = new Map(
    Object.entries(mapping.values ?? {}).map(([column, m], ci) => [
      column,
      Object.entries(m).map(([from, to], vi): [string, string] => {
        params[`from_${ci}_${vi}`] = from;
        params[`to_${ci}_${vi}`] = String(to);
        return [`from_${ci}_${vi}`, `to_${ci}_${vi}`];
      }),
    ]),
  );
  return { ctx: { nullTokens, valueMaps, dateFormat: mapping.dateFormat !== undefined }, params };
}

/** DuckDB refuses a named parameter that the statement does not use: the ones it does. */
const usedParams = (sqlText: string, params: Record<string, string | bigint>) =>
  Object.fromEntries(Object.entries(params).filter(([k]) => new RegExp(`\\$${k}\\b`).test(sqlText)));

async function rows(conn: DuckDBConnection, sqlText: string, params: (string | number)[] | Record<string, string> = []) {
  return (await conn.run(sqlText, params)).getRowObjectsJS();
}

interface RunLog {
  loadId: number;
  kind: string;
  file: string;
  hash: string;
  options: string;
  status: string;
  started: number;
  loadedBy: string;
  message?: string;
  /** The message's stable code and parameters (ingestRunMessages in presentation/i18n/messages.ts). */
  code?: 'same_content' | 'file_refused' | 'load_failed';
  params?: Record<string, string | number>;
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
       rows_rejected, rows_warned, message, started_at, duration_ms, loaded_by, options, message_code, message_params)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, to_timestamp($13 / 1000.0), $14, $15, $16, $17, $18)`,
    [
      r.loadId,
      r.kind,
      r.file,
      r.hash,
      r.status,
      r.rowsRead ?? 0,
      r.rowsLoaded ?? 0,
      r.rowsUpdated ?? 0,
      r.rowsSuperseded ?? 0,
      r.rowsRejected ?? 0,
      r.rowsWarned ?? 0,
      r.message ?? null,
      r.started,
      Date.now() - r.started,
      r.loadedBy,
      r.options,
      r.code ?? null,
      r.params ? JSON.stringify(r.params) : null,
    ],
  );
}
