// GB18030 (and so GBK, GB2312) -> UTF-8, byte to byte. iconv-lite turns every character into a JS string and
// back; here ASCII is copied as it is and two-byte characters are looked up in a table built once from
// iconv-lite itself, so the two agree on every character (the rare four-byte ones are decoded by iconv-lite one
// at a time). Bytes that are not GB18030 stop the stream with their place, instead of becoming U+FFFD.
import { Transform, type TransformCallback } from 'node:stream';
import iconv from 'iconv-lite';

// Code point 0 is ASCII, never a multi-byte character: it marks a sequence that is not GB18030.
const invalid = 0;
const trails = 0xff - 0x40; // trail bytes 0x40..0xFE

let table: Uint32Array | undefined;

/** Code point of each two-byte sequence at (lead - 0x81) * trails + (trail - 0x40); `invalid` where there is none. */
function twoByteTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(126 * trails);
  const pair = Buffer.alloc(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      table[(lead - 0x81) * trails + (trail - 0x40)] = singleCodePoint(iconv.decode(pair, 'gb18030'));
    }
  }
  return table;
}

function singleCodePoint(s: string): number {
  const cp = s.codePointAt(0);
  if (cp === undefined || cp === 0xfffd || s.length !== (cp > 0xffff ? 2 : 1)) return invalid;
  return cp;
}

/** Thrown at the first byte sequence that is not GB18030, with its offset in the file. */
export class NotGb18030Error extends Error {
  constructor(readonly offset: number) {
    super(`bytes that are not GB18030 at byte ${offset}`);
  }
}

interface Converted {
  out: Buffer;
  /** Bytes of the input used; the rest is the start of a character cut by the chunk's end. */
  used: number;
  /** The first byte that is not GB18030, or -1. */
  bad: number;
}

function convert(bytes: Buffer, two: Uint32Array, skipBom: boolean): Converted {
  const n = bytes.length;
  // At most 3 output bytes per input byte (the one-byte 0x80 is €, three bytes in UTF-8).
  const out = Buffer.allocUnsafe(n * 3);
  let o = 0;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      out[o++] = b;
      i++;
      continue;
    }
    let cp = invalid;
    let size = 1;
    if (b === 0x80) cp = 0x20ac;
    else if (b !== 0xff) {
      if (i + 1 >= n) break;
      const b2 = bytes[i + 1];
      if (b2 >= 0x30 && b2 <= 0x39) {
        if (i + 3 >= n) break;
        cp = singleCodePoint(iconv.decode(bytes.subarray(i, i + 4), 'gb18030'));
        size = 4;
      } else {
        if (b2 >= 0x40 && b2 <= 0xfe) cp = two[(b - 0x81) * trails + (b2 - 0x40)];
        size = 2;
      }
    }
    if (cp === invalid) return { out: out.subarray(0, o), used: i, bad: i };
    if (cp === 0xfeff && skipBom && i === 0) {
      // A byte-order mark is not text.
    } else if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
      out[o++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      out[o++] = 0xf0 | (cp >> 18);
      out[o++] = 0x80 | ((cp >> 12) & 0x3f);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    }
    i += size;
  }
  return { out: out.subarray(0, o), used: i, bad: -1 };
}

/** A stream that reads GB18030 bytes and writes the same text as UTF-8; fails with NotGb18030Error. */
export function gb18030ToUtf8(): Transform {
  const two = twoByteTable();
  let pending = Buffer.alloc(0);
  let offset = 0;
  const step = (input: Buffer, final: boolean, done: TransformCallback) => {
    const bytes = pending.length > 0 ? Buffer.concat([pending, input]) : input;
    const r = convert(bytes, two, offset === 0);
    if (r.bad < 0 && final && r.used < bytes.length) r.bad = r.used;
    if (r.bad >= 0) return done(new NotGb18030Error(offset + r.bad));
    pending = Buffer.from(bytes.subarray(r.used));
    offset += r.used;
    done(null, r.out);
  };
  return new Transform({
    transform: (chunk: Buffer, _enc, done) => step(chunk, false, done),
    flush: (done) => step(Buffer.alloc(0), true, done),
  });
}

/** The UTF-8 of a file's first bytes, up to a character cut by their end (or the first byte that is not GB18030). */
export function gb18030HeadToUtf8(head: Buffer): Buffer {
  return convert(head, twoByteTable(), true).out;
}

/** Is this sample GB18030 through and through? A character cut by the end of a partial sample does not count. */
export function isGb18030(sample: Buffer, truncated: boolean): boolean {
  const r = convert(sample, twoByteTable(), true);
  return r.bad < 0 && (truncated || r.used === sample.length);
}
