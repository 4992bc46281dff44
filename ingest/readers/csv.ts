// CSV/TSV -> a temporary table of text cells in file order. Encodings other than UTF-8 are transcoded first.
import type { DuckDBConnection } from '@duckdb/node-api';
import { IngestFileError } from '../ingest-error.ts';
import { detectEncoding } from './detect-encoding.ts';
import { transcodeToUtf8 } from './transcode.ts';

export async function csvToTable(conn: DuckDBConnection, file: string, name: string, table: string, tempFile: () => string, delim?: string): Promise<string> {
  const { encoding } = detectEncoding(file);
  if (encoding === 'unknown') {
    throw new IngestFileError(name, 'is in a text encoding that could not be recognised; save it as UTF-8 or GB18030', '无法识别文件编码，请另存为 UTF-8 或 GB18030');
  }
  let source = file;
  if (encoding !== 'utf-8') {
    source = tempFile();
    await transcodeToUtf8(file, encoding, source);
  }
  try {
    await conn.run(
      `create temp table ${table} as select * from read_csv($1, header = true, all_varchar = true, sample_size = -1${delim ? `, delim = '\\t'` : ''})`,
      [source],
    );
  } catch (e) {
    throw new IngestFileError(name, `cannot be read as CSV: ${(e as Error).message.split('\n')[0]}`, '无法按 CSV 读取');
  }
  return encoding;
}
