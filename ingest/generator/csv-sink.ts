// One CSV file written in large chunks with backpressure, so millions of rows stream in little memory.
import fs from 'node:fs';

const needsQuote = /[",\r\n]/;
export const csvField = (v: string | number | null | undefined): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  return needsQuote.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
};

export class CsvSink {
  rows = 0;
  private lines: string[] = [];
  private readonly stream: fs.WriteStream;

  constructor(
    readonly path: string,
    header: string[],
  ) {
    // A high water mark above the chunk size lets the disk write while the next chunk is made.
    this.stream = fs.createWriteStream(path, { highWaterMark: 8 << 20 });
    this.lines.push(header.map(csvField).join(','));
  }

  /** Appends a row; returns a promise only when the stream asks us to wait. */
  row(cells: (string | number | null | undefined)[]): void | Promise<void> {
    this.rows++;
    this.lines.push(cells.map(csvField).join(','));
    if (this.lines.length >= 4096) return this.flush();
  }

  private flush(): void | Promise<void> {
    const ok = this.stream.write(`${this.lines.join('\n')}\n`);
    this.lines = [];
    if (!ok) return new Promise((resolve) => this.stream.once('drain', () => resolve()));
  }

  async close(): Promise<void> {
    if (this.lines.length) this.stream.write(`${this.lines.join('\n')}\n`);
    this.lines = [];
    await new Promise<void>((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
