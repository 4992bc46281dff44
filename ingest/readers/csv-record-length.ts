// DuckDB reads a CSV in buffers of 32 MB; a record longer than one was dropped without a word when it was the
// last (or failed with "Parallel CSV Reader" and no line when it was not). So every record is measured here, in
// one streamed pass over the UTF-8 file DuckDB will read, and one longer than the limit is refused by line.
// A record is a line, or several when a quoted cell holds line breaks; as DuckDB reads it, a quote opens a
// quoted cell only at a cell's start ('5" screen' is plain text). The same pass tells whether any cell may start or
// end with a space (typed-columns.ts trims only then).
import fs from 'node:fs';
import { IngestFileError } from '../ingest-error.ts';

/** The longest record (row) read, in bytes: a ticket row is a few hundred; an open quote runs to the limit. */
export const maxCsvRecordBytes = 1024 ** 2;
/** DuckDB's own limit (its read_csv max_line_size), above ours so that ours, with the line, is the one met. */
export const duckdbMaxLineSize = 2 * maxCsvRecordBytes;

const [quote, newline, cr, space] = [0x22, 0x0a, 0x0d, 0x20];
// No-break and full-width spaces: one anywhere in the file counts as a padded cell.
const wideSpaces = [Buffer.from('\u00a0'), Buffer.from('\u3000')];

export interface CsvRecordScan {
  /** False only when no cell can start or end with a space (ordinary, no-break or full-width). */
  paddedCells: boolean;
}

/**
 * Throws an IngestFileError naming the line a record longer than maxCsvRecordBytes starts on. Tells whether a
 * cell may be padded: an ordinary space beside a cell's edge (delimiter, line break, quote, the file's start or
 * end), or a no-break or full-width space anywhere. Over-cautious (a quoted ", " counts), never the other way.
 */
export async function assertCsvRecordLengths(file: string, name: string, delimiter: string): Promise<CsvRecordScan> {
  const delim = delimiter.charCodeAt(0);
  const edge = (b: number) => b === delim || b === newline || b === cr || b === quote;
  let padded = false;
  let spaceAtEnd = false; // the chunk before ended with a space: padded if this one starts at an edge
  let tail = Buffer.alloc(0); // the last bytes of the chunk before, for a wide space cut in two
  let base = 0; // the file offset of the chunk
  let line = 1;
  let recordStart = 0;
  let recordLine = 1;
  let quoted = false;
  let afterQuote = false; // just past a quote that closed a quoted cell (or the first of an escaped "")
  let lastByte = newline; // the byte before the chunk
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (!padded) {
      padded = (spaceAtEnd && edge(chunk[0])) || wideSpaceIn(chunk, tail);
      for (let s = chunk.indexOf(space); s >= 0 && !padded; s = chunk.indexOf(space, s + 1)) {
        // A space within the first bytes of the file may follow a byte-order mark: counted.
        if (base + s <= 3 || edge(s === 0 ? lastByte : chunk[s - 1])) padded = true;
        else if (s + 1 < chunk.length) padded = edge(chunk[s + 1]);
      }
      spaceAtEnd = chunk[chunk.length - 1] === space;
      tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 2)));
    }
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
        const before = q === 0 ? lastByte : chunk[q - 1];
        quoted = before === delim || before === newline;
        i = q + 1;
      } else if (nl >= 0) {
        if (base + nl - recordStart > maxCsvRecordBytes) throw recordTooLong(name, 'line', recordLine, true);
        line++;
        recordStart = base + nl + 1;
        recordLine = line;
        i = nl + 1;
      } else break;
    }
    if (base + chunk.length - recordStart > maxCsvRecordBytes) throw recordTooLong(name, 'line', recordLine, true);
    lastByte = chunk[chunk.length - 1];
    base += chunk.length;
  }
  // A space as the file's last byte ends its last cell.
  return { paddedCells: padded || spaceAtEnd };
}

function wideSpaceIn(chunk: Buffer, tail: Buffer): boolean {
  const seam = Buffer.concat([tail, chunk.subarray(0, 2)]);
  return wideSpaces.some((w) => chunk.includes(w) || seam.includes(w));
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
