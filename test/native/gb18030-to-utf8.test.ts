// Our GB18030 transcoder (native/gb18030-to-utf8, built by `npm ci` where cargo is) run as csvSource runs it: FILE
// into OUT. Checked against iconv-lite (GB18030-2005) and the list of mappings the 2022 edition changed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeTranscoder } from '../../ingest/readers/csv.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-gb18030-to-utf8-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// CI requires the build (AFTERSIGHT_NATIVE_REQUIRED=1): there a missing one fails these tests instead of skipping them.
const built = fs.existsSync(nativeTranscoder) || process.env.AFTERSIGHT_NATIVE_REQUIRED === '1';

describe.skipIf(!built)('our GB18030 transcoder', () => {
  it('reads every two-byte character as GB18030-2022 does: as GB18030-2005 (iconv-lite) but for the 18 the 2022 edition moved out of the private use area', () => {
    // Each two-byte sequence on a line of its own, decoded by ours and by iconv-lite.
    const pairs: Buffer[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push(Buffer.from([lead, trail]));
    const input = path.join(tmp, 'pairs.gb');
    const output = path.join(tmp, 'pairs.txt');
    fs.writeFileSync(input, Buffer.concat(pairs.flatMap((p) => [p, Buffer.from('\n')])));
    fs.writeFileSync(output, '');
    // iconv-lite maps the user-defined areas too, so every sequence is a character and ours ends well.
    execFileSync(nativeTranscoder, [input, output]);
    const ours = fs.readFileSync(output, 'utf8').split('\n');
    const moved = pairs.filter((p, i) => ours[i] !== iconv.decode(p, 'gb18030')).map((p) => p.toString('hex').toUpperCase());
    // GB18030-2022, the changed mappings of its two-byte part: vertical punctuation and ideographs that 2005 left
    // in the private use area.
    expect(moved).toEqual([
      'A6D9',
      'A6DA',
      'A6DB',
      'A6DC',
      'A6DD',
      'A6DE',
      'A6DF',
      'A6EC',
      'A6ED',
      'A6F3',
      'FE59',
      'FE61',
      'FE66',
      'FE67',
      'FE6D',
      'FE7E',
      'FE90',
      'FEA0',
    ]);
    expect(ours[pairs.findIndex((p) => p.equals(Buffer.from([0xa6, 0xd9])))]).toBe('\ufe10'); // ︐ PRESENTATION FORM FOR VERTICAL COMMA
  });

  it('names the offset of a byte that no GB18030 character has, exiting 2', () => {
    const input = path.join(tmp, 'ff.gb');
    const output = path.join(tmp, 'ff.txt');
    fs.writeFileSync(input, Buffer.concat([iconv.encode('工单编号,大区\nT1,', 'gb18030'), Buffer.from([0xff, 0x0a])]));
    fs.writeFileSync(output, '');
    const err = (() => {
      try {
        execFileSync(nativeTranscoder, [input, output], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      } catch (e) {
        return e as { status: number; stderr: string };
      }
    })();
    expect(err?.status).toBe(2);
    expect(err?.stderr).toContain('the bytes at offset 17 are not GB18030');
  });
});
