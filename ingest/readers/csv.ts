// CSV/TSV as a SQL source of text cells. Encodings other than UTF-8 are transcoded to a temporary file first.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { quoteLiteral } from '../../warehouse/db/sql-text.ts';
import { IngestFileError } from '../ingest-error.ts';
import { columnNames, csvDialectOf, dialectSampleBytes, readCsvDialect, type CsvDialect } from './csv-dialect.ts';
import { CsvRecordScanner, duckdbMaxLineSize } from './csv-record-length.ts';
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
  /** sha256 of the file's bytes as they are (before any transcoding). */
  hash: string;
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
  // One pass over the file's bytes hashes them (a load of the same content is recognised) and measures its
  // records; a file in another encoding is transcoded in the same pass, its records measured as UTF-8.
  const hash = createHash('sha256');
  let source = file;
  let dialect: CsvDialect;
  let scan: CsvRecordScanner;
  if (encoding === 'utf-8') {
    dialect = readCsvDialect(source, delim);
    scan = new CsvRecordScanner(name, dialect.delimiter);
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      scan.push(chunk);
    }
  } else {
    source = tempFile();
    const text = new DialectThenScan(name, delim);
    await transcodeToUtf8(file, encoding, source, { input: (c) => hash.update(c), output: (c) => text.push(c) }).catch((e) => {
      if (!(e instanceof NotGb18030Error)) throw e;
      throw mixedEncodingError(name, lineAt(file, e.offset), 'GB18030');
    });
    ({ dialect, scan } = text.end());
  }
  const { paddedCells } = scan.end();
  const columns = columnNames(dialect.headers).map((c) => `${quoteLiteral(c)}: 'VARCHAR'`);
  return {
    path: source,
    sql: `read_csv($file, auto_detect = false, header = true, skip = ${dialect.skipLines}, delim = ${quoteLiteral(dialect.delimiter)}, quote = '"', escape = '"', max_line_size = ${duckdbMaxLineSize}, columns = {${columns.join(', ')}})`,
    encoding,
    fileHeaders: dialect.headers,
    firstRow: dialect.skipLines + 2,
    paddedCells,
    hash: hash.digest('hex'),
  };
}

/** The UTF-8 text as it is written: its dialect from its first bytes, then every record measured. */
class DialectThenScan {
  private head: Buffer[] = [];
  private headBytes = 0;
  private found?: { dialect: CsvDialect; scan: CsvRecordScanner };

  constructor(
    private readonly name: string,
    private readonly delim?: string,
  ) {}

  push(chunk: Buffer): void {
    if (this.found) {
      this.found.scan.push(chunk);
      return;
    }
    this.head.push(Buffer.from(chunk));
    this.headBytes += chunk.length;
    if (this.headBytes >= dialectSampleBytes) this.start();
  }

  end(): { dialect: CsvDialect; scan: CsvRecordScanner } {
    return this.found ?? this.start();
  }

  private start(): { dialect: CsvDialect; scan: CsvRecordScanner } {
    const head = Buffer.concat(this.head);
    const dialect = csvDialectOf(head, this.delim);
    const scan = new CsvRecordScanner(this.name, dialect.delimiter);
    scan.push(head);
    this.head = [];
    this.found = { dialect, scan };
    return this.found;
  }
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
