// DuckDB reads a CSV in buffers of 32 MB; a record longer than one was dropped without a word when it was the
// last (or failed with "Parallel CSV Reader" and no line when it was not). So every record is measured here, in
// one streamed pass over the file's own bytes (UTF-8, or GB18030 as it is), and one longer than the limit is
// refused by line.
// A record is a line, or several when a quoted cell holds line breaks; as DuckDB reads it, a quote opens a
// quoted cell only at a cell's start ('5" screen' is plain text). The same pass tells whether any cell may start or
// end with a space (typed-columns.ts trims only then).
import iconv from 'iconv-lite';
import { IngestFileError } from '../ingest-error.ts';

/** The longest record (row) read, in bytes: a ticket row is a few hundred; an open quote runs to the limit. */
export const maxCsvRecordBytes = 1024 ** 2;
/** DuckDB's own limit (its read_csv max_line_size), above ours so that ours, with the line, is the one met. */
export const duckdbMaxLineSize = 2 * maxCsvRecordBytes;

const [quote, newline, cr, space] = [0x22, 0x0a, 0x0d, 0x20];
// No-break and full-width spaces: one anywhere in the file counts as a padded cell. A GB18030 file is scanned as
// it is (the bytes looked for, below 0x40, are never part of one of its characters), its spaces in its bytes.
export type ScannedEncoding = 'utf-8' | 'gb18030';
const wideSpaces: Record<ScannedEncoding, Buffer[]> = {
  'utf-8': ['\u00a0', '\u3000'].map((s) => Buffer.from(s)),
  gb18030: ['\u00a0', '\u3000'].map((s) => iconv.encode(s, 'gb18030')),
};

export interface CsvRecordScan {
  /** False only when no cell can start or end with a space (ordinary, no-break or full-width). */
  paddedCells: boolean;
}

/**
 * Fed a file chunk by chunk by the pass that reads it anyway (for its hash, see csv.ts): throws an IngestFileError
 * naming the line a record longer than maxCsvRecordBytes starts on, and tells at its end whether a cell may be
 * padded: an ordinary space beside a cell's edge (delimiter, line break, quote, the file's start or end), or a
 * no-break or full-width space anywhere. Over-cautious (a quoted ", " counts), never the other way.
 */
export class CsvRecordScanner {
  private readonly delim: number;
  private readonly wide: Buffer[];
  private padded = false;
  private spaceAtEnd = false; // the chunk before ended with a space: padded if this one starts at an edge
  private tail = Buffer.alloc(0); // the last bytes of the chunk before, for a wide space cut in two (or more)
  private base = 0; // the file offset of the chunk
  private line = 1;
  private recordStart = 0;
  private recordLine = 1;
  private quoted = false;
  private afterQuote = false; // just past a quote that closed a quoted cell (or the first of an escaped "")
  private lastByte = newline; // the byte before the chunk

  constructor(
    private readonly name: string,
    delimiter: string,
    encoding: ScannedEncoding = 'utf-8',
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.wide = wideSpaces[encoding];
    this.whole = encoding === 'gb18030' ? gbCharacterAt : () => true;
  }

  /** Whether the bytes at this offset of a chunk begin a character (not the end of one and start of the next). */
  private readonly whole: (chunk: Buffer, at: number) => boolean;

  private edge(b: number): boolean {
    return b === this.delim || b === newline || b === cr || b === quote;
  }

  /** Scans the next chunk of the UTF-8 text; throws at a record that is too long. */
  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (!this.padded) {
      let padded = (this.spaceAtEnd && this.edge(chunk[0])) || wideSpaceIn(chunk, this.tail, this.wide, this.whole);
      for (let s = chunk.indexOf(space); s >= 0 && !padded; s = chunk.indexOf(space, s + 1)) {
        // A space within the first bytes of the file may follow a byte-order mark: counted.
        if (this.base + s <= 3 || this.edge(s === 0 ? this.lastByte : chunk[s - 1])) padded = true;
        else if (s + 1 < chunk.length) padded = this.edge(chunk[s + 1]);
      }
      this.padded = padded;
      this.spaceAtEnd = chunk[chunk.length - 1] === space;
      this.tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 3)));
    }
    const { delim, base } = this;
    let { line, recordStart, recordLine, quoted, afterQuote } = this;
    // Line breaks and quotes are found with indexOf (memchr); the bytes between them are not looked at.
    let nl = chunk.indexOf(newline);
    let q = chunk.indexOf(quote);
    let i = 0;
    while (i < chunk.length) {
      if (nl >= 0 && nl < i) nl = chunk.indexOf(newline, i);
      if (q >= 0 && q < i) q = chunk.indexOf(quote, i);
      if (afterQuote) {
        afterQuote = false;
        if (chunk[i] === quote) {
          quoted = true;
          i++;
          continue;
        }
      }
      if (quoted) {
        const end = q < 0 ? chunk.length : q;
        for (; nl >= 0 && nl < end; nl = chunk.indexOf(newline, nl + 1)) line++;
        if (q < 0) break;
        quoted = false;
        afterQuote = true;
        i = q + 1;
      } else if (q >= 0 && (nl < 0 || q < nl)) {
        const before = q === 0 ? this.lastByte : chunk[q - 1];
        quoted = before === delim || before === newline;
        i = q + 1;
      } else if (nl >= 0) {
        if (base + nl - recordStart > maxCsvRecordBytes) throw recordTooLong(this.name, 'line', recordLine, true);
        line++;
        recordStart = base + nl + 1;
        recordLine = line;
        i = nl + 1;
      } else break;
    }
    if (base + chunk.length - recordStart > maxCsvRecordBytes) throw recordTooLong(this.name, 'line', recordLine, true);
    Object.assign(this, { line, recordStart, recordLine, quoted, afterQuote });
    this.lastByte = chunk[chunk.length - 1];
    this.base += chunk.length;
  }

  /** The scan's answer once the last chunk is in. */
  end(): CsvRecordScan {
    // A space as the file's last byte ends its last cell.
    return { paddedCells: this.padded || this.spaceAtEnd };
  }
}

function wideSpaceIn(chunk: Buffer, tail: Buffer, wide: Buffer[], whole: (chunk: Buffer, at: number) => boolean): boolean {
  const seam = Buffer.concat([tail, chunk.subarray(0, 3)]);
  return wide.some((w) => {
    if (seam.includes(w)) return true;
    for (let at = chunk.indexOf(w); at >= 0; at = chunk.indexOf(w, at + 1)) if (whole(chunk, at)) return true;
    return false;
  });
}

/**
 * In GB18030 the bytes of a full-width space (A1 A1) also end one character and begin the next ("啊。" is B0 A1 A1
 * A3): read from the last byte before `at` that is never part of a character (below 0x30: delimiters, quotes,
 * spaces, line breaks) to see whether a character starts at `at`. With none before it in the chunk (which may
 * begin inside a character), it is taken to (over-cautious).
 */
function gbCharacterAt(chunk: Buffer, at: number): boolean {
  let i = at;
  while (i > 0 && chunk[i - 1] >= 0x30) i--;
  if (i === 0) return true;
  // One byte below 0x80 (and the one-byte 0x80 and 0xFF), four with a digit second, else two.
  while (i < at) i += chunk[i] <= 0x80 || chunk[i] === 0xff ? 1 : chunk[i + 1] >= 0x30 && chunk[i + 1] <= 0x39 ? 4 : 2;
  return i === at;
}

/** A row over the limit: by its line in a CSV (where an open quote is the likely cause), by its row in a sheet. */
export function recordTooLong(name: string, what: 'line' | 'row', n: number, quoteHint: boolean): IngestFileError {
  const size = `${maxCsvRecordBytes / 1024 ** 2} MiB`;
  const bytes = maxCsvRecordBytes.toLocaleString('en');
  return new IngestFileError(
    name,
    `${what} ${n} is longer than ${size} (${bytes} bytes), the most a row may hold${quoteHint ? '; if it is not, a quoted cell on it lacks its closing quote (")' : ''}`,
    `第 ${n} 行超过 ${size}（${bytes} 字节），超出一行的上限${quoteHint ? '；若该行并没有这么长，则是其中某个带引号的单元格缺少结尾的引号（"）' : ''}`,
  );
}
