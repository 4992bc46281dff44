// Which text encoding a CSV is in: UTF-8 (with or without BOM) when its bytes are valid UTF-8, else what
// chardet recognises (GB18030/GBK is what Excel on Chinese Windows writes).
import fs from 'node:fs';
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DetectedEncoding {
  /** Name iconv-lite decodes with, or 'utf-8' (read by DuckDB as it is). */
  encoding: string;
  bom: boolean;
}

const sampleBytes = 1 << 20;

export function detectEncoding(file: string): DetectedEncoding {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(sampleBytes);
    const n = fs.readSync(fd, buf, 0, sampleBytes, 0);
    const sample = buf.subarray(0, n);
    if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: true };
    if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
    if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: true };
    if (isUtf8(sample, n === sampleBytes)) return { encoding: 'utf-8', bom: false };
    const guess = chardet.detect(sample);
    const encoding = guess && /^(GB18030|GBK|GB2312)$/i.test(guess) ? 'gb18030' : guess?.toLowerCase();
    if (!encoding || !iconv.encodingExists(encoding)) return { encoding: 'unknown', bom: false };
    return { encoding, bom: false };
  } finally {
    fs.closeSync(fd);
  }
}

/** Valid UTF-8? A multi-byte character cut by the end of a partial sample does not count against it. */
function isUtf8(sample: Buffer, truncated: boolean): boolean {
  let end = sample.length;
  if (truncated) {
    // Step back over a possibly incomplete last character (at most 3 continuation bytes).
    let i = end - 1;
    while (i > end - 4 && i >= 0 && (sample[i] & 0xc0) === 0x80) i--;
    if (i >= 0 && sample[i] >= 0xc0) end = i;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}
