// Streams a file in another encoding into a UTF-8 temporary file that DuckDB's read_csv can read.
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';

export async function transcodeToUtf8(file: string, encoding: string, out: string): Promise<void> {
  await pipeline(fs.createReadStream(file), iconv.decodeStream(encoding, { stripBOM: true }), iconv.encodeStream('utf-8'), fs.createWriteStream(out));
}
