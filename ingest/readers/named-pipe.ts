// A named pipe (FIFO) that DuckDB's read_csv reads as it would a file while we write the text into it: a file we
// transcode is read as it is made instead of after (DuckDB reads a pipe as fast as a file, on every core).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { Writable } from 'node:stream';

export function makeNamedPipe(file: string): void {
  execFileSync('mkfifo', ['-m', '600', file]);
}

/**
 * What writes into the pipe has ended (or failed), whether or not a reader has opened it: the pipe is opened for a
 * moment at both ends (which lets a waiting open through, the reader's or a writer's) and removed, so that a reader
 * waiting sees the end and a later one finds no file, instead of waiting for a writer for ever.
 */
export function endPipe(file: string): void {
  let held: number | undefined;
  try {
    held = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_NONBLOCK);
  } catch {
    // Removed already.
  }
  fs.rmSync(file, { force: true });
  if (held !== undefined) fs.closeSync(held);
}

/**
 * Writes into a named pipe. Opening waits for the reader to open it; once the reader has gone (DuckDB stopped at
 * an error of its own) the rest is dropped, so that what feeds the pipe still runs to its end and its verdict.
 */
export class PipeWriter extends Writable {
  private opened?: Promise<number>;
  private fd?: number;
  /** The reader closed the pipe before the end, or release() said none will read. */
  readerGone = false;

  constructor(private readonly file: string) {
    super({ highWaterMark: 4 << 20 });
  }

  /** Waits (on libuv's thread pool) until a reader opens the pipe, or release() lets it through. */
  private open(): Promise<number> {
    this.opened ??= new Promise((resolve, reject) =>
      fs.open(this.file, 'w', (e, fd) => {
        if (e) return reject(e);
        this.fd = fd;
        resolve(fd);
      }),
    );
    return this.opened;
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    if (this.readerGone) {
      done();
      return;
    }
    this.open().then((fd) => {
      const from = (offset: number) => {
        if (this.readerGone) {
          done();
          return;
        }
        fs.write(fd, chunk, offset, chunk.length - offset, null, (e, n) => {
          if (e?.code === 'EPIPE') this.readerGone = true;
          else if (e) return done(e);
          else if (offset + n < chunk.length) return from(offset + n);
          done();
        });
      };
      from(0);
    }, done);
  }

  override _final(done: (e?: Error | null) => void): void {
    // The reader sees the end once the pipe is closed (opened first when nothing was written).
    if (this.readerGone && !this.opened) {
      done();
      return;
    }
    this.open().then(
      (fd) => this.closeFd(fd, done),
      (e) => done(e),
    );
  }

  override _destroy(e: Error | null, done: (e?: Error | null) => void): void {
    this.release();
    if (!this.opened) {
      done(e);
      return;
    }
    this.opened.then(
      (fd) => this.closeFd(fd, () => done(e)),
      () => done(e),
    );
  }

  /** No reader will read (more of) the pipe: our open, if it still waits for one, is let through; the rest is dropped. */
  release(): void {
    this.readerGone = true;
    endPipe(this.file);
  }

  private closeFd(fd: number, done: () => void): void {
    if (this.fd === undefined) {
      done();
      return;
    }
    this.fd = undefined;
    fs.close(fd, () => done());
  }
}
