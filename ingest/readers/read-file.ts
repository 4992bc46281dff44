// Any supported file -> a SQL table expression of text cells (one column per header, in file order) that reads
// the file where it lies, plus its headers. The load copies the cells once into a temp table, then types them.
// No business rules here: typing and checks are the same for every format.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { fileHash } from '../file-hash.ts';
import { IngestFileError } from '../ingest-error.ts';
import { tempPrefix } from '../temp-files.ts';
import { csvSource, mixedEncodingError, type WholeFile } from './csv.ts';
import { columnNames } from './csv-dialect.ts';
import { sourceRowColumn } from './csv-writer.ts';
import { assertJsonDepth } from './json-depth.ts';
import { xlsxToCsv } from './xlsx.ts';

export const fileFormats = ['csv', 'tsv', 'xlsx', 'json', 'ndjson', 'parquet'] as const;
export type FileFormat = (typeof fileFormats)[number];

export interface ReadOptions {
  format?: FileFormat;
  sheet?: string;
  /** Transcode in this process, not by a transcoder of its own (which failed on the file). */
  inProcessTranscoding?: boolean;
}

export interface FileSource {
  format: FileFormat;
  encoding?: string;
  /** A table expression reading the file's cells as text; the path is the bound parameter $file. */
  sql: string;
  /** The path to bind as $file (the file itself, a named pipe of its UTF-8, or a CSV of an .xlsx sheet). */
  path: string;
  headers: string[];
  /** The headers exactly as the file writes them, repeats included (the SQL source renames repeats). */
  fileHeaders: string[];
  /** The row number of the first data row when the reader gives none (CSV: 2 when the header is row 1). */
  firstRow: number;
  /** The reader's own row-number column, if it has one. */
  rowColumn?: string;
  /**
   * False when no cell of the CSV's first bytes starts or ends with a space, as far as is known before the whole
   * file is (`whole`); unknown (undefined) for the other formats.
   */
  paddedCells?: boolean;
  /** The file's hash (and a CSV's whole scan), taken while DuckDB reads it; fails with the file's first problem. */
  whole: Promise<WholeFile>;
  /** DuckDB's read of `path` has ended (or never started): call before waiting for `whole`. */
  readEnded(): void;
  /** How far DuckDB's read is where it cannot tell (a pipe): how far the pass over the file is (0–1). */
  pipeProgress?: () => number;
  /** Stops what still runs and removes the temporary files the source reads: call when the load is over. */
  cleanup(): void;
}

const byExtension: Record<string, FileFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.tsv': 'tsv',
  '.xlsx': 'xlsx',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.parquet': 'parquet',
};

const what: Record<FileFormat, string> = { csv: 'CSV', tsv: 'TSV', xlsx: '.xlsx', json: 'JSON', ndjson: 'NDJSON', parquet: 'Parquet' };

export function formatOf(file: string, name = file): FileFormat {
  const f = byExtension[path.extname(name).toLowerCase()];
  if (!f) {
    const ext = path.extname(name) || '(none)';
    const reason =
      ext.toLowerCase() === '.xls'
        ? 'old Excel .xls files are not supported: save the sheet as .xlsx or CSV'
        : `unsupported file type ${ext}`;
    throw new IngestFileError(name, `${reason}; supported: ${Object.keys(byExtension).join(' ')}`, `不支持的文件类型 ${ext}`);
  }
  return f;
}

/** The file cannot be read: DuckDB's message in a user's words, with the paths it read (ours) as the file's name. */
export function unreadable(name: string, format: FileFormat, e: unknown, ...paths: string[]): IngestFileError {
  const message = paths.reduce((m, p) => m.replaceAll(p, name), (e as Error).message);
  // DuckDB's CSV errors: "CSV Error on Line: N", the line, the reason, then suggestions of its own options and
  // a dump of them, which mean nothing to the person who saved the file. Keep the line and the reason.
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  if (line) {
    const reason =
      message
        .split('\n')
        .find((l, i) => i > 0 && l.trim() !== '' && !l.startsWith('Original Line:'))
        ?.trim() ?? '';
    if (/Invalid unicode/i.test(reason)) return mixedEncodingError(name, Number(line), 'UTF-8');
    const cells = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(reason);
    if (cells) {
      const [expected, found] = [Number(cells[1]), Number(cells[2])];
      return found > expected
        ? new IngestFileError(
            name,
            `line ${line} has more cells than the ${expected} headers: is there a comma in a cell without quotes around it?`,
            `第 ${line} 行的单元格多于表头的 ${expected} 列：是否有单元格含逗号却没有加引号？`,
          )
        : new IngestFileError(
            name,
            `line ${line} has ${found} cell${found === 1 ? '' : 's'}, fewer than the ${expected} headers`,
            `第 ${line} 行只有 ${found} 个单元格，少于表头的 ${expected} 列`,
          );
    }
    return new IngestFileError(
      name,
      `cannot be read as ${what[format]}: line ${line}: ${reason}`,
      `无法按 ${what[format]} 读取：第 ${line} 行：${reason}`,
    );
  }
  return new IngestFileError(name, `cannot be read as ${what[format]}: ${message.split('\n')[0]}`, `无法按 ${what[format]} 读取`);
}

export async function openFileSource(conn: DuckDBConnection, file: string, name: string, opts: ReadOptions = {}): Promise<FileSource> {
  if (fs.statSync(file).size === 0) throw new IngestFileError(name, 'the file is empty', '文件为空');
  const format = opts.format ?? formatOf(file, name);
  const temps: string[] = [];
  let abandon = () => {};
  const cleanup = () => {
    abandon();
    for (const t of temps.splice(0)) fs.rmSync(t, { force: true });
  };
  const tempFile = () => {
    const p = `${tempPrefix('read')}${Date.now()}-${temps.length}.csv`;
    temps.push(p);
    return p;
  };
  try {
    let source: {
      path: string;
      sql: string;
      fileHeaders?: string[];
      encoding?: string;
      firstRow: number;
      paddedCells?: boolean;
      whole?: Promise<WholeFile>;
      readEnded?: () => void;
      passed?: () => number;
    };
    switch (format) {
      case 'csv':
      case 'tsv': {
        const csv = await csvSource(
          file,
          name,
          tempFile,
          format === 'tsv' ? '\t' : undefined,
          opts.inProcessTranscoding ? 'in-process' : undefined,
        );
        abandon = csv.abandon;
        source = csv;
        break;
      }
      case 'xlsx': {
        const csv = tempFile();
        await xlsxToCsv(file, name, csv, opts.sheet);
        if (fs.statSync(csv).size === 0) throw new IngestFileError(name, 'the sheet is empty', '工作表为空');
        const sheet = await csvSource(csv, name, tempFile, ',');
        abandon = sheet.abandon;
        // The hash is of the workbook, not of our CSV of its sheet.
        const workbook = fileHash(file);
        workbook.catch(() => {});
        source = { ...sheet, whole: sheet.whole.then(async (w) => ({ ...w, hash: await workbook })) };
        break;
      }
      case 'json':
      case 'ndjson':
        // DuckDB's JSON parser recurses per level of nesting: too deep a file would crash the process.
        await assertJsonDepth(file, name);
        // Every column as text, so one set of typing rules and error messages serves every format.
        source = {
          path: file,
          firstRow: 1,
          sql: `(select columns(*)::varchar from read_json($file, format = '${format === 'json' ? 'array' : 'newline_delimited'}', sample_size = -1))`,
        };
        break;
      case 'parquet':
        source = { path: file, firstRow: 1, sql: '(select columns(*)::varchar from read_parquet($file))' };
        break;
    }
    let headers: string[];
    if (source.fileHeaders) {
      // A CSV's columns are named in its SQL (the file is not opened twice: it may be a pipe, read once).
      headers = columnNames(source.fileHeaders);
    } else {
      try {
        headers = (await conn.run(`select * from ${source.sql} limit 0`, { file: source.path })).columnNames();
      } catch (e) {
        throw unreadable(name, format, e, source.path, file);
      }
    }
    const rowColumn = headers.includes(sourceRowColumn) ? sourceRowColumn : undefined;
    const fileHeaders = source.fileHeaders ?? headers;
    const whole = source.whole ?? fileHash(file).then((hash) => ({ hash }));
    // Awaited by the load once DuckDB has read the file; until then its failure is no unhandled rejection.
    whole.catch(() => {});
    return {
      format,
      path: source.path,
      sql: source.sql,
      encoding: source.encoding,
      headers: headers.filter((h) => h !== sourceRowColumn),
      fileHeaders: fileHeaders.filter((h) => h !== sourceRowColumn),
      firstRow: source.firstRow,
      rowColumn,
      paddedCells: source.paddedCells,
      whole,
      readEnded: source.readEnded ?? (() => {}),
      pipeProgress: source.path !== file && source.passed && fs.statSync(source.path).isFIFO() ? source.passed : undefined,
      cleanup,
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}
