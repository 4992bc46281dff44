// Streams a file in another encoding into a UTF-8 temporary file that DuckDB's read_csv can read.
import fs from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { gb18030ToUtf8 } from './gb18030-to-utf8.ts';

/** What else reads the bytes as they pass: the file's own (`input`), and the UTF-8 written (`output`). */
export interface TranscodeTaps {
  input?: (chunk: Buffer) => void;
  output?: (chunk: Buffer) => void;
}

export async function transcodeToUtf8(file: string, encoding: string, out: string, taps: TranscodeTaps = {}): Promise<void> {
  const read = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const write = fs.createWriteStream(out);
  const decode =
    encoding === 'gb18030' ? [gb18030ToUtf8()] : [iconv.decodeStream(encoding, { stripBOM: true }), iconv.encodeStream('utf-8')];
  await pipeline(read, tap(taps.input), ...decode, tap(taps.output), write);
}

/** Passes chunks on unchanged after showing them to fn (an error it throws ends the stream). */
const tap = (fn?: (chunk: Buffer) => void) =>
  new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        fn?.(chunk);
        done(null, chunk);
      } catch (e) {
        done(e as Error);
      }
    },
  });
