// Which text encoding a CSV is in: UTF-8 (with or without BOM) when its bytes are valid UTF-8; else GB18030
// (what Excel on Chinese Windows writes) when they are valid GB18030 and read as Chinese (see looksChinese),
// unless chardet is surer of another double-byte encoding; else Shift_JIS when they read as Japanese (kana);
// else what chardet recognises. chardet alone is not enough: a GBK file with few distinct Chinese characters (a
// region column, say) reads to it as ISO-8859-1, and would load as mojibake. Nor is "valid GB18030": a row of
// Latin-1 ('Müller') or Shift_JIS is valid GB18030 too, and a one-row file of either loaded as GB18030.
import fs from 'node:fs';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { isGb18030 } from './gb18030-to-utf8.ts';

export interface DetectedEncoding {
  /** Name iconv-lite decodes with, 'utf-8' (read by DuckDB as it is), 'unknown', or 'binary' (not text). */
  encoding: string;
  bom: boolean;
}

const sampleBytes = 1 << 20;
// Double-byte encodings whose bytes are often valid GB18030 too: chardet decides between them.
const otherDoubleByte = /^(Big5|Shift_JIS|EUC-JP|EUC-KR)$/i;

export function detectEncoding(file: string): DetectedEncoding {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(sampleBytes);
    const n = fs.readSync(fd, buf, 0, sampleBytes, 0);
    const sample = buf.subarray(0, n);
    const truncated = n === sampleBytes;
    if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: true };
    if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
    if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: true };
    const zeros = zeroBytes(sample);
    if (zeros) return zeros;
    if (isUtf8(sample, truncated)) return { encoding: 'utf-8', bom: false };
    // chardet is slow (0.2 s a MiB) and as sure of itself on the first 64 KiB.
    const guesses = chardet.analyse(sample.subarray(0, 1 << 16));
    const confidence = (re: RegExp) => Math.max(0, ...guesses.filter((g) => re.test(g.name)).map((g) => g.confidence));
    const top = guesses[0];
    // chardet naming GB for a sample that is not quite GB18030: still GB18030, and the bad line is named as it is read.
    const gb = (isGb18030(sample, truncated) && looksChinese(sample)) || (top !== undefined && /^GB/i.test(top.name));
    if (gb && !(top && otherDoubleByte.test(top.name) && top.confidence > confidence(/^GB/i))) return { encoding: 'gb18030', bom: false };
    if (looksJapanese(sample, truncated)) return { encoding: 'shift_jis', bom: false };
    const encoding = top?.name.toLowerCase();
    if (!encoding || !iconv.encodingExists(encoding)) return { encoding: 'unknown', bom: false };
    return { encoding, bom: false };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Chinese text in GB18030 is nearly all characters of GB2312's block, both bytes 0xA1 or above (the common
 * hanzi, full-width punctuation). The pairs that Latin-1 makes (an accented letter, then an ASCII letter:
 * 'ü' 'l') or Shift_JIS (leads 0x81-0x9F, kana among them) are valid GB18030 but rare characters outside it.
 */
function looksChinese(sample: Buffer): boolean {
  let common = 0;
  let other = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b < 0x80) continue;
    const next = sample[i + 1];
    if (next >= 0x30 && next <= 0x39) {
      other++; // a four-byte character
      i += 3;
    } else {
      if (b >= 0xa1 && next >= 0xa1) common++;
      else other++;
      i++;
    }
  }
  return common >= other;
}

/**
 * Shift_JIS that reads as Japanese: it decodes without a fault and has kana (hiragana or katakana, full-width:
 * GBK read as Shift_JIS gives half-width katakana; Latin-1 may give kanji, never kana).
 */
function looksJapanese(sample: Buffer, truncated: boolean): boolean {
  const text = iconv.decode(sample, 'shift_jis');
  const faults = (text.match(/\uFFFD/g) ?? []).length;
  return faults <= (truncated ? 1 : 0) && /[\u3041-\u3096\u30A1-\u30FA]/.test(text);
}

/**
 * Text has no zero bytes, except UTF-16: there an ASCII character (most of a CSV: digits, dates, commas) is a byte
 * and a zero, after it in UTF-16LE, before it in BE. Zeros anywhere else: not a text file.
 */
function zeroBytes(sample: Buffer): DetectedEncoding | undefined {
  const n = Math.min(sample.length, 1 << 16);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (sample[i] === 0) i % 2 === 0 ? even++ : odd++;
  if (even + odd === 0) return undefined;
  if (odd > n / 8 && even < odd / 20) return { encoding: 'utf-16le', bom: false };
  if (even > n / 8 && odd < even / 20) return { encoding: 'utf-16be', bom: false };
  return { encoding: 'binary', bom: false };
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
