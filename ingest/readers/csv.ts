// CSV -> a temporary table of text cells, in file order (rowid = data row index). No business rules here.
import fs from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { IngestFileError } from '../ingest-error.ts';

export async function readCsvToTable(conn: DuckDBConnection, file: string, table: string): Promise<string[]> {
  const size = fs.statSync(file).size;
  if (size === 0) throw new IngestFileError(file, 'the file is empty', '文件为空');
  try {
    await conn.run(
      `create temp table ${table} as select * from read_csv($1, header = true, all_varchar = true, auto_detect = true, sample_size = -1)`,
      [file],
    );
  } catch (e) {
    throw new IngestFileError(file, `cannot be read as CSV: ${(e as Error).message.split('\n')[0]}`, '无法按 CSV 读取');
  }
  const cols = (await (await conn.run(`select column_name from (describe ${table})`)).getRowObjectsJS()).map((r) => String(r.column_name));
  return cols;
}
