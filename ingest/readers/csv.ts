// CSV/TSV as a SQL source of text cells. Encodings other than UTF-8 are transcoded into a named pipe DuckDB reads.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quoteLiteral } from '../../warehouse/db/sql-text.ts';
import { IngestFileError } from '../ingest-error.ts';
import { columnNames, csvDialectOf, dialectSampleBytes, readDialectSample, type CsvDialect } from './csv-dialect.ts';
import { CsvRecordScanner, duckdbMaxLineSize, type ScannedEncoding } from './csv-record-length.ts';
import { detectEncoding } from './detect-encoding.ts';
import { gb18030HeadToUtf8, NotGb18030Error } from './gb18030-to-utf8.ts';
import { endPipe, makeNamedPipe, PipeWriter } from './named-pipe.ts';
import { transcodeToUtf8 } from './transcode.ts';

export interface CsvSource {
  path: string;
  sql: string;
  encoding: string;
  /** The header row as written (repeats included). */
  fileHeaders: string[];
  /** The file's row number of the first data row (after title lines and the header row). */
  firstRow: number;
  /** Whether some cell in the dialect's sample may start or end with a space (see CsvRecordScanner). */
  paddedCells: boolean;
  /** The pass over the whole file, under way while DuckDB reads it; fails with the file's first problem. */
  whole: Promise<WholeFile>;
  /** DuckDB's read of `path` has ended (read, failed, or never started): a pipe no one reads holds nothing up. */
  readEnded(): void;
  /** Stops the pass (nothing will wait for it). */
  abandon(): void;
  /** How much of the file has gone into the pipe (0–1): DuckDB cannot tell how much of a pipe it has read. */
  passed(): number;
}

export interface WholeFile {
  /** sha256 of the file's bytes as they are (before any transcoding). */
  hash: string;
  /** Whether any cell of the whole file may start or end with a space. */
  paddedCells?: boolean;
}

/**
 * A CSV as a source DuckDB reads, and the pass over its bytes that runs meanwhile (DuckDB reads on every core;
 * the pass on the main thread): it hashes the bytes (a load of the same content is recognised) and measures the
 * records (one too long is refused; DuckDB would drop it). A GB18030 file is transcoded by a program of its own
 * (`transcoder`: ours, see gbTranscoder, or glibc's iconv) into a named pipe DuckDB reads as it is written, while
 * the pass scans the file's own bytes; other encodings, a '|'-delimited GB18030 file, or all with `in-process`, are
 * transcoded by the pass itself (slower).
 */
export async function csvSource(
  file: string,
  name: string,
  tempFile: () => string,
  delim?: string,
  transcoder: Transcoder = gbTranscoder(),
): Promise<CsvSource> {
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
  const hash = createHash('sha256');
  const size = fs.statSync(file).size;
  let read = 0;
  const input = (chunk: Buffer) => {
    hash.update(chunk);
    read += chunk.length;
  };
  const abort = new AbortController();
  let source = file;
  let pass: Promise<unknown>;
  // The part of the pass that reads the file's bytes (without the transcoder's process, whose failure is the whole
  // file's: told by `whole`, so that the caller reads the file again, transcoded here).
  let scanned: Promise<unknown>;
  let text: DialectThenScan;
  let readEnded = () => {};
  let passed = () => read / (size || 1);
  // GB18030 goes to a transcoder of its own, unless delimited by '|' (which can be the second byte of a GB18030
  // character: such a file is scanned as UTF-8, after transcoding). Its first bytes tell, and how the text grows.
  const program = encoding === 'gb18030' && transcoder !== 'in-process' ? transcoder : undefined;
  const gbHead = program ? readDialectSample(file) : undefined;
  const gbHeadUtf8 = gbHead && gb18030HeadToUtf8(gbHead);
  const bySystem = program !== undefined && gbHeadUtf8 !== undefined && csvDialectOf(gbHeadUtf8, delim).delimiter !== '|';
  if (encoding === 'utf-8' || bySystem) {
    text = new DialectThenScan(name, delim, bySystem ? 'gb18030' : 'utf-8');
    const scan = (async () => {
      for await (const chunk of chunksOf(file, abort.signal)) {
        input(chunk);
        text.push(chunk);
      }
      text.end();
    })();
    scanned = scan;
    if (bySystem) {
      source = tempFile();
      makeNamedPipe(source);
      const pipe = source;
      // DuckDB failed before it opened the pipe: the transcoder, still waiting for a reader, is let through (and ends).
      readEnded = () => endPipe(pipe);
      const system = systemGb18030ToUtf8(program, file, source, abort.signal);
      // How far DuckDB has read: the UTF-8 written, against the whole file's as its first bytes grow by transcoding.
      const utf8Size = (size * (gbHeadUtf8?.length ?? 0)) / (gbHead?.length || 1);
      passed = () => Math.min(system.written() / (utf8Size || 1), 1);
      pass = Promise.all([scan, system.done]);
      // The file refused by the scan: the transcoder is stopped (a reader sees the pipe end).
      scan.catch(() => abort.abort());
    } else pass = scan;
  } else {
    text = new DialectThenScan(name, delim, 'utf-8');
    source = tempFile();
    makeNamedPipe(source);
    const pipe = new PipeWriter(source);
    readEnded = () => pipe.release();
    const taps = { input, output: (c: Buffer) => text.push(c), outputEnd: () => text.end() };
    pass = transcodeToUtf8(file, encoding, pipe, taps, abort.signal).catch((e) => {
      if (!(e instanceof NotGb18030Error)) throw e;
      throw mixedEncodingError(name, lineAt(file, e.offset), 'GB18030');
    });
    scanned = pass;
  }
  const whole = pass.then(() => ({ hash: hash.digest('hex'), paddedCells: text.end().scan.end().paddedCells }));
  // Awaited by whoever reads the source; until then its failure is no unhandled rejection.
  whole.catch(() => {});
  const abandon = () => {
    abort.abort();
    readEnded();
  };
  // The dialect is read from the first bytes as the pass reads (or writes) them.
  const head = await Promise.race([text.started, scanned.then(() => text.end())]).catch((e) => {
    abandon();
    throw e;
  });
  const columns = columnNames(head.dialect.headers).map((c) => `${quoteLiteral(c)}: 'VARCHAR'`);
  return {
    path: source,
    sql: `read_csv($file, auto_detect = false, header = true, skip = ${head.dialect.skipLines}, delim = ${quoteLiteral(head.dialect.delimiter)}, quote = '"', escape = '"', max_line_size = ${duckdbMaxLineSize}, columns = {${columns.join(', ')}})`,
    encoding,
    fileHeaders: head.dialect.headers,
    firstRow: head.dialect.skipLines + 2,
    paddedCells: head.headPadded,
    whole,
    readEnded,
    abandon,
    passed: () => passed(),
  };
}

/**
 * The file's bytes a MiB at a time, each read into the same buffer (whatever keeps a chunk must copy it; the hash
 * and the record scan do): a new buffer for each chunk cost 0.05 CPU-seconds more at 1 M tickets, in page faults.
 */
async function* chunksOf(file: string, signal: AbortSignal): AsyncGenerator<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      signal.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** The transcoder failed (or it, or util-linux's setpriv, is missing): the file is read again, transcoded here. */
export class SystemTranscodingFailed extends Error {}

/** Where `npm ci` builds our GB18030 transcoder (native/gb18030-to-utf8), where cargo is installed. */
export const nativeTranscoder = fileURLToPath(new URL('../../native/gb18030-to-utf8/target/release/gb18030-to-utf8', import.meta.url));

/**
 * How a GB18030 file becomes UTF-8: by our transcoder (encoding_rs: a third of iconv's CPU) or glibc's iconv, each
 * a process of its own beside DuckDB, or by the pass itself (the slowest; it names the line of a bad byte).
 */
export type Transcoder = 'native' | 'iconv' | 'in-process';
type SystemTranscoder = Exclude<Transcoder, 'in-process'>;

/** Ours where it is built, else glibc's iconv. */
const gbTranscoder = (): Transcoder => (fs.existsSync(nativeTranscoder) ? 'native' : 'iconv');

/** The command line that transcodes `file` into the pipe `out`; absolute paths, so no file name reads as an option. */
function transcoderCommand(transcoder: SystemTranscoder, file: string, out: string): string[] {
  const [from, to] = [path.resolve(file), path.resolve(out)];
  return transcoder === 'native' ? [nativeTranscoder, from, to] : ['iconv', '-f', 'GB18030', '-t', 'UTF-8', '-o', to, from];
}

/**
 * GB18030 to UTF-8 by a transcoder of its own, written into the named pipe `out` (it opens it, waiting for
 * DuckDB). Bytes it refuses end it with SystemTranscodingFailed: our in-process transcoder then names the line (or
 * reads what the program's table lacks). Ended early by DuckDB (closing the pipe), it is no failure of the file's.
 */
function systemGb18030ToUtf8(
  transcoder: SystemTranscoder,
  file: string,
  out: string,
  signal: AbortSignal,
): { done: Promise<void>; written: () => number } {
  let written = 0;
  // setpriv: the transcoder is killed if this process dies (else it would wait on the pipe for ever, or write on).
  const child = spawn('setpriv', ['--pdeathsig', 'KILL', ...transcoderCommand(transcoder, file, out)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    signal,
    killSignal: 'SIGKILL',
  });
  const done = new Promise<void>((resolve, reject) => {
    let said = '';
    child.stderr.on('data', (d: Buffer) => {
      said += d.toString();
    });
    const ended = (failure?: string) => {
      // A reader still waiting for the pipe (the transcoder never opened it) must not wait for ever.
      endPipe(out);
      if (failure === undefined) resolve();
      else reject(new SystemTranscodingFailed(failure));
    };
    child.on('error', (e) => ended(e.message));
    child.on('close', (code, sig) => {
      if (code === 0) written = Number.POSITIVE_INFINITY;
      ended(code === 0 || sig === 'SIGPIPE' ? undefined : said.trim() || `${transcoder} ended by ${sig ?? `exit ${code}`}`);
    });
  });
  // The bytes the transcoder has written into the pipe (which holds 64 KiB), as Linux counts them: about what
  // DuckDB has read; all of it (Infinity) once it has ended well.
  return {
    done,
    written: () => {
      if (written === Number.POSITIVE_INFINITY) return written;
      try {
        written = Number(/^wchar: (\d+)$/m.exec(fs.readFileSync(`/proc/${child.pid}/io`, 'utf8'))?.[1] ?? written);
      } catch {
        // Ended, or no /proc: the last count stands.
      }
      return written;
    },
  };
}

interface Head {
  dialect: CsvDialect;
  scan: CsvRecordScanner;
  /** Whether a cell of the dialect's sample may be padded. */
  headPadded: boolean;
}

/**
 * The text in order from its first byte (UTF-8, or GB18030 as it is): its dialect from its first bytes, then every
 * record measured.
 */
class DialectThenScan {
  private head: Buffer[] = [];
  private headBytes = 0;
  private found?: Head;
  private resolve!: (h: Head) => void;
  /** Resolved once the dialect is known. */
  readonly started = new Promise<Head>((r) => {
    this.resolve = r;
  });

  constructor(
    private readonly name: string,
    private readonly delim: string | undefined,
    private readonly encoding: ScannedEncoding,
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

  /** The text has ended (a file shorter than the sample is its own head). */
  end(): Head {
    return this.found ?? this.start();
  }

  private start(): Head {
    const head = Buffer.concat(this.head);
    const dialect = csvDialectOf(this.encoding === 'gb18030' ? gb18030HeadToUtf8(head) : head, this.delim);
    const scan = new CsvRecordScanner(this.name, dialect.delimiter, this.encoding);
    scan.push(head);
    this.head = [];
    // The scanner's answer so far is the head's (over-cautious where the head ends on a space).
    this.found = { dialect, scan, headPadded: scan.end().paddedCells };
    this.resolve(this.found);
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
