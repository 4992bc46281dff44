// CSV/TSV as a SQL source of text cells. Encodings other than UTF-8 are transcoded to a temporary file first.
import fs from 'node:fs';
import { quoteLiteral } from '../../warehouse/db/sql-text.ts';
import { IngestFileError } from '../ingest-error.ts';
import { columnNames, readCsvDialect } from './csv-dialect.ts';
import { assertCsvRecordLengths, duckdbMaxLineSize } from './csv-record-length.ts';
import { detectEncoding } from './detect-encoding.ts';
import { NotGb18030Error } from './gb18030-to-utf8.ts';
import { transcodeToUtf8 } from './transcode.ts';

export interface CsvSource {
  path: string;
  sql: string;
  encoding: string;
  /** The header row as written (repeats included). */
  fileHeaders: string[];
  /** The file's row number of the first data row (after title lines and the header row). */
  firstRow: number;
  /** Whether some cell may start or end with a space (see assertCsvRecordLengths). */
  paddedCells: boolean;
}

export async function csvSource(file: string, name: string, tempFile: () => string, delim?: string): Promise<CsvSource> {
  const { encoding } = detectEncoding(file);
  if (encoding === 'binary') {
    throw new IngestFileError(
      name,
      'is not a text file (it holds bytes that no text has): save the data as CSV, or load the .xlsx itself',
      '不是文本文件（含有文本中不会出现的字节）：请另存为 CSV，或直接导入 .xlsx 文件',
    );
  }
  if (encoding === 'unknown') {
    throw new IngestFileError(
      name,
      'is in a text encoding that could not be recognised; save it as UTF-8 or GB18030',
      '无法识别文件编码，请另存为 UTF-8 或 GB18030',
    );
  }
  let source = file;
  if (encoding !== 'utf-8') {
    source = tempFile();
    await transcodeToUtf8(file, encoding, source).catch((e) => {
      if (!(e instanceof NotGb18030Error)) throw e;
      throw mixedEncodingError(name, lineAt(file, e.offset), 'GB18030');
    });
  }
  // The dialect is ours, so DuckDB reads exactly it: a row with more or fewer cells is an error naming its line.
  const dialect = readCsvDialect(source, delim);
  const { paddedCells } = await assertCsvRecordLengths(source, name, dialect.delimiter);
  const columns = columnNames(dialect.headers).map((c) => `${quoteLiteral(c)}: 'VARCHAR'`);
  return {
    path: source,
    sql: `read_csv($file, auto_detect = false, header = true, skip = ${dialect.skipLines}, delim = ${quoteLiteral(dialect.delimiter)}, quote = '"', escape = '"', max_line_size = ${duckdbMaxLineSize}, columns = {${columns.join(', ')}})`,
    encoding,
    fileHeaders: dialect.headers,
    firstRow: dialect.skipLines + 2,
    paddedCells,
  };
}

/** A file whose encoding changes part-way (past the sample it was judged on): the first line that differs. */
export const mixedEncodingError = (name: string, line: number, encoding: string): IngestFileError =>
  new IngestFileError(
    name,
    `line ${line} is not ${encoding} text like the lines before it: save the whole file in one encoding (UTF-8 or GB18030)`,
    `第 ${line} 行不是 ${encoding} 编码（与前面各行不同）：请将整个文件保存为同一种编码（UTF-8 或 GB18030）`,
  );

/** The line (1 = the header) that the byte at `offset` is on. */
function lineAt(file: string, offset: number): number {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let line = 1;
    for (let pos = 0; pos < offset; ) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, offset - pos), pos);
      if (n === 0) break;
      for (let i = buf.indexOf(0x0a, 0); i >= 0 && i < n; i = buf.indexOf(0x0a, i + 1)) line++;
      pos += n;
    }
    return line;
  } finally {
    fs.closeSync(fd);
  }
}
