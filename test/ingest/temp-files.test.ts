// Temp files of a process that died mid-load (an upload of hundreds of MB, its UTF-8 copy) stayed for good.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeOrphanTempFiles, tempPrefix } from '../../ingest/temp-files.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-temp-files-'));
process.env.TMPDIR = tmp;

describe('temp files', () => {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("removes those of Aftersight processes no longer running, and only those", () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    fs.mkdirSync(path.join(tmp, `aftersight-upload-${dead}-Ab12Cd`));
    fs.writeFileSync(path.join(tmp, `aftersight-upload-${dead}-Ab12Cd`, 'upload'), 'x'.repeat(1000));
    fs.writeFileSync(path.join(tmp, `aftersight-read-${dead}-1764660000000-0.csv`), 'x');
    const mine = fs.mkdtempSync(tempPrefix('upload'));
    const parent = path.join(tmp, `aftersight-read-${process.ppid}-1-0.csv`);
    fs.writeFileSync(parent, 'x');
    fs.writeFileSync(path.join(tmp, 'tmp-123-abc'), 'not ours');
    expect(removeOrphanTempFiles().sort()).toEqual([`aftersight-read-${dead}-1764660000000-0.csv`, `aftersight-upload-${dead}-Ab12Cd`]);
    expect(fs.readdirSync(tmp).sort()).toEqual([`aftersight-read-${process.ppid}-1-0.csv`, path.basename(mine), 'tmp-123-abc'].sort());
    expect(path.basename(mine)).toMatch(new RegExp(`^aftersight-upload-${process.pid}-`));
  });
});
