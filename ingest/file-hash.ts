import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';

/** sha256 of a file's bytes, streamed: the same content loaded twice is recognised whatever its name. */
export async function fileHash(file: string, onFraction?: (f: number) => void): Promise<string> {
  const h = createHash('sha256');
  const size = statSync(file).size || 1;
  let done = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    h.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    onFraction?.(done / size);
  }
  return h.digest('hex');
}
