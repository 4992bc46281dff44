// CSV/TSV as a SQL source of text cells. Encodings other than UTF-8 are transcoded to a temporary file first.
import { IngestFileError } from '../ingest-error.ts';
import { detectEncoding } from './detect-encoding.ts';
import { transcodeToUtf8 } from './transcode.ts';

export async function csvSource(
  file: string,
  name: string,
  tempFile: () => string,
  delim?: string,
): Promise<{ path: string; sql: string; headerRowSql: string; encoding: string }> {
  const { encoding } = detectEncoding(file);
  if (encoding === 'unknown') {
    throw new IngestFileError(name, 'is in a text encoding that could not be recognised; save it as UTF-8 or GB18030', '无法识别文件编码，请另存为 UTF-8 或 GB18030');
  }
  let source = file;
  if (encoding !== 'utf-8') {
    source = tempFile();
    await transcodeToUtf8(file, encoding, source);
  }
  const options = `all_varchar = true${delim ? `, delim = '\\t'` : ''}`;
  return {
    path: source,
    sql: `read_csv($file, header = true, ${options})`,
    // The header row as written: read_csv with header = true renames a repeated name (ticket_id, ticket_id_1).
    headerRowSql: `(select * from read_csv($file, header = false, ${options}) limit 1)`,
    encoding,
  };
}
