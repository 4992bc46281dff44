import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { gb18030ToUtf8, isGb18030, NotGb18030Error } from '../../../ingest/readers/gb18030-to-utf8.ts';

/** The stream's output when the input arrives in chunks of `size` bytes (characters cut between chunks). */
const convert = (bytes: Buffer, size: number) => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return buffer(Readable.from(chunks).pipe(gb18030ToUtf8()));
};

describe('GB18030 to UTF-8', () => {
  // Every two-byte sequence iconv-lite reads as one character, some four-byte ones (rare CJK, emoji, the
  // euro sign's own code, a four-byte BMP character) and ASCII between them.
  const pairs: Buffer[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const pair = Buffer.from([lead, trail]);
      const s = iconv.decode(pair, 'gb18030');
      if (trail !== 0x7f && [...s].length === 1 && s !== '\ufffd') pairs.push(pair, Buffer.from(','));
    }
  }
  const sample = Buffer.concat([
    Buffer.from('ticket_id,大区\n'),
    ...pairs,
    iconv.encode('\n𠀀😀€\u00b7\u0080ÿ end\n', 'gb18030'),
    Buffer.from([0x80]),
  ]);

  it('agrees with iconv-lite on every two-byte character and on four-byte ones, whatever the chunks', async () => {
    expect(pairs.length / 2).toBeGreaterThan(23_000);
    const expected = Buffer.from(iconv.decode(sample, 'gb18030'), 'utf8');
    for (const size of [1, 3, 7, 1 << 16]) expect((await convert(sample, size)).equals(expected)).toBe(true);
    expect(isGb18030(sample, false)).toBe(true);
  });

  it('drops a byte-order mark at the start only', async () => {
    const bom = iconv.encode('\ufeff', 'gb18030');
    expect(bom).toEqual(Buffer.from([0x84, 0x31, 0x95, 0x33]));
    expect((await convert(Buffer.concat([bom, Buffer.from('a'), bom]), 1)).toString('utf8')).toBe('a\ufeff');
  });

  it.each([
    ['a byte no character has', Buffer.from([0x61, 0x0a, 0xb0, 0xa1, 0xff, 0x0a]), 4],
    ['a lead byte with no trail', Buffer.from([0x61, 0xb0, 0x0a]), 1],
    ['a character cut by the end of the file', Buffer.from([0x61, 0x62, 0xb0]), 2],
    ['a four-byte sequence that is no character', Buffer.from([0x61, 0x84, 0x31, 0xff, 0x39]), 1],
  ])('stops at %s, with its offset', async (_, bytes, offset) => {
    const err = await convert(bytes, 1).catch((e) => e);
    expect(err).toBeInstanceOf(NotGb18030Error);
    expect(err.offset).toBe(offset);
  });

  it('a sample cut inside a character is still GB18030; UTF-8 Chinese with a stray byte is not', () => {
    const gb = iconv.encode('工单编号,大区\n', 'gb18030');
    expect(isGb18030(gb.subarray(0, 3), true)).toBe(true);
    expect(isGb18030(gb.subarray(0, 3), false)).toBe(false);
    expect(isGb18030(Buffer.concat([Buffer.from('华东'), Buffer.from([0xff])]), false)).toBe(false);
  });
});
