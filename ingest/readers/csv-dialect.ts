// How a CSV is written: its delimiter, the title lines before its header row, and the header row itself. We
// read this ourselves rather than let DuckDB's sniffer guess: given one row with an extra cell near the top, the
// sniffer took the whole line for one column, or that row for the header (skipping every row before it).
import fs from 'node:fs';

export interface CsvDialect {
  delimiter: string;
  /** Lines before the header row (a title such as "工单明细 2025年7月"). */
  skipLines: number;
  /** The header row's cells as written. */
  headers: string[];
}

const candidates = [',', '\t', ';', '|'];
/** The bytes of a file's start that its dialect is read from. */
export const dialectSampleBytes = 1 << 18;
// A header row has at least two cells; lines before it with fewer are titles, up to this many.
const maxTitleLines = 10;

/** The first bytes of a file, its dialect's sample (dialectSampleBytes of them, or all of a shorter file). */
export function readDialectSample(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(dialectSampleBytes);
    return buf.subarray(0, fs.readSync(fd, buf, 0, dialectSampleBytes, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** The dialect of a UTF-8 CSV from its first bytes (dialectSampleBytes of them, or the whole of a shorter file). */
export function csvDialectOf(head: Buffer, delimiter?: string): CsvDialect {
  const text = head
    .subarray(0, dialectSampleBytes)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const lines = text.split('\n').slice(0, maxTitleLines + 1);
  let skipLines = 0;
  const choices = delimiter ? [delimiter] : candidates;
  let chosen: string | undefined;
  for (; skipLines < lines.length && !chosen; skipLines++) {
    const counts = choices.map((d) => unquotedCount(lines[skipLines], d));
    const best = counts.indexOf(Math.max(...counts));
    if (counts[best] > 0) chosen = choices[best];
  }
  // The loop stepped past the header line; no line with two cells: a one-column file, read from its first line.
  skipLines = chosen ? skipLines - 1 : 0;
  const d = chosen ?? delimiter ?? ',';
  const start = lines.slice(0, skipLines).reduce((at, l) => at + l.length + 1, 0);
  return { delimiter: d, skipLines, headers: firstRecord(text.slice(start), d) };
}

/** How often d occurs outside double quotes. */
function unquotedCount(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}

/** The cells of the first record (RFC 4180: quoted cells may hold the delimiter, "" and line breaks). */
export function firstRecord(text: string, d: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === d) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) break;
    else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/**
 * Names for the columns, one per header: the header itself, `<header>_1`, `_2`… for a repeat, `column<n>` for
 * an empty one (what DuckDB's reader would call them).
 */
export function columnNames(headers: string[]): string[] {
  const taken = new Set<string>();
  return headers.map((h, i) => {
    let name = h === '' ? `column${i + 1}` : h;
    for (let k = 1; taken.has(name.toLowerCase()); k++) name = `${h}_${k}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
