// Streams a file in another encoding into a UTF-8 temporary file that DuckDB's read_csv can read.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { gb18030ToUtf8 } from './gb18030-to-utf8.ts';

export async function transcodeToUtf8(file: string, encoding: string, out: string): Promise<void> {
  const read = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const write = fs.createWriteStream(out);
  if (encoding === 'gb18030') await pipeline(read, gb18030ToUtf8(), write);
  else await pipeline(read, iconv.decodeStream(encoding, { stripBOM: true }), iconv.encodeStream('utf-8'), write);
}
