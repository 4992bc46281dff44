// Streams a file in another encoding as UTF-8 into a destination DuckDB's read_csv reads (a named pipe).
import fs from 'node:fs';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { gb18030ToUtf8 } from './gb18030-to-utf8.ts';

/** What else reads the bytes as they pass: the file's own (`input`), and the UTF-8 written (`output`). */
export interface TranscodeTaps {
  input?: (chunk: Buffer) => void;
  output?: (chunk: Buffer) => void;
  /** The input has ended: everything has been shown to `output`. */
  outputEnd?: () => void;
}

export async function transcodeToUtf8(
  file: string,
  encoding: string,
  out: Writable,
  taps: TranscodeTaps = {},
  signal?: AbortSignal,
): Promise<void> {
  const read = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const decode =
    encoding === 'gb18030' ? [gb18030ToUtf8()] : [iconv.decodeStream(encoding, { stripBOM: true }), iconv.encodeStream('utf-8')];
  await pipeline([read, tap(taps.input), ...decode, tap(taps.output, taps.outputEnd), out], { signal });
}

/** Passes chunks on unchanged after showing them to fn, and their end to end (an error either throws ends the stream). */
const tap = (fn?: (chunk: Buffer) => void, end?: () => void) =>
  new Transform({
    flush(done) {
      try {
        end?.();
        done();
      } catch (e) {
        done(e as Error);
      }
    },
    transform(chunk: Buffer, _enc, done) {
      try {
        fn?.(chunk);
        done(null, chunk);
      } catch (e) {
        done(e as Error);
      }
    },
  });
