// Any supported file -> a temporary table `table` of text cells (one column per header, file order), plus
// the headers. No business rules here: typing and checks are the same for every format.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { IngestFileError } from '../ingest-error.ts';
import { csvToTable } from './csv.ts';
import { sourceRowColumn } from './csv-writer.ts';
import { xlsxToCsv } from './xlsx.ts';

export const fileFormats = ['csv', 'tsv', 'xlsx', 'json', 'ndjson', 'parquet'] as const;
export type FileFormat = (typeof fileFormats)[number];

export interface ReadOptions {
  format?: FileFormat;
  sheet?: string;
}

export interface ReadResult {
  format: FileFormat;
  encoding?: string;
  headers: string[];
  /** The row number of the first data row when the reader gives none (CSV: 2, the header is row 1). */
  firstRow: number;
  /** The reader's own row-number column, if it has one. */
  rowColumn?: string;
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

export function formatOf(file: string, name = file): FileFormat {
  const f = byExtension[path.extname(name).toLowerCase()];
  if (!f) {
    const ext = path.extname(name) || '(none)';
    const reason = ext.toLowerCase() === '.xls' ? 'old Excel .xls files are not supported: save the sheet as .xlsx or CSV' : `unsupported file type ${ext}`;
    throw new IngestFileError(name, `${reason}; supported: ${Object.keys(byExtension).join(' ')}`, `不支持的文件类型 ${ext}`);
  }
  return f;
}

export async function readFileToTable(conn: DuckDBConnection, file: string, name: string, table: string, opts: ReadOptions = {}): Promise<ReadResult> {
  if (fs.statSync(file).size === 0) throw new IngestFileError(name, 'the file is empty', '文件为空');
  const format = opts.format ?? formatOf(file, name);
  const temps: string[] = [];
  const tempFile = () => {
    const p = path.join(os.tmpdir(), `aftersight-read-${process.pid}-${Date.now()}-${temps.length}.csv`);
    temps.push(p);
    return p;
  };
  try {
    let encoding: string | undefined;
    let firstRow = 2;
    switch (format) {
      case 'csv':
      case 'tsv':
        encoding = await csvToTable(conn, file, name, table, tempFile, format === 'tsv' ? '\t' : undefined);
        break;
      case 'xlsx': {
        const csv = tempFile();
        await xlsxToCsv(file, name, csv, opts.sheet);
        if (fs.statSync(csv).size === 0) throw new IngestFileError(name, 'the sheet is empty', '工作表为空');
        await csvToTable(conn, csv, name, table, tempFile);
        break;
      }
      case 'json':
      case 'ndjson':
        firstRow = 1;
        await asText(conn, table, name, `read_json($1, format = '${format === 'json' ? 'array' : 'newline_delimited'}', sample_size = -1)`, file, 'JSON');
        break;
      case 'parquet':
        firstRow = 1;
        await asText(conn, table, name, 'read_parquet($1)', file, 'Parquet');
        break;
    }
    const headers = (await (await conn.run(`select column_name from (describe ${table})`)).getRowObjectsJS()).map((r) => String(r.column_name));
    const rowColumn = headers.includes(sourceRowColumn) ? sourceRowColumn : undefined;
    return { format, encoding, headers: headers.filter((h) => h !== sourceRowColumn), firstRow, rowColumn };
  } finally {
    for (const t of temps) fs.rmSync(t, { force: true });
  }
}

// Every column as text, so one set of typing rules and error messages serves every format.
async function asText(conn: DuckDBConnection, table: string, name: string, source: string, file: string, what: string) {
  try {
    await conn.run(`create temp table ${table} as select columns(*)::varchar from ${source}`, [file]);
  } catch (e) {
    throw new IngestFileError(name, `cannot be read as ${what}: ${(e as Error).message.split('\n')[0]}`, `无法按 ${what} 读取`);
  }
}
