// Temp files a crash left: ours of processes no longer running, and ours without a process id unchanged for an
// hour, are removed at start; ours still in use, and anyone else's, stay.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { removeStaleTempFiles, staleTempMinutes, tempPrefix, tempPrefixes } from '../../ingest/temp-files.ts';

const root = path.resolve(import.meta.dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-temps-test-'));

describe('temp files left by a crash', () => {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('removes our files and folders unchanged for staleTempMinutes, and nothing else', () => {
    const now = Date.now();
    const age = (p: string, minutes: number) => {
      const t = new Date(now - minutes * 60_000);
      fs.utimesSync(p, t, t);
    };
    const put = (rel: string, bytes: number, minutes: number) => {
      const p = path.join(tmp, rel);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, Buffer.alloc(bytes));
      age(p, minutes);
      return p;
    };
    // An upload killed two hours ago: its folder and file.
    put('aftersight-upload-AbC123/tickets.csv', 5000, 120);
    age(path.join(tmp, 'aftersight-upload-AbC123'), 120);
    // An upload being received right now: an old folder whose file is still growing.
    put('aftersight-upload-Live99/big.xlsx', 100, 1);
    age(path.join(tmp, 'aftersight-upload-Live99'), 120);
    // Without a process id (an older name): by age alone.
    put('aftersight-read-old-0.csv', 300, staleTempMinutes + 1);
    put('aftersight-read-new-0.csv', 300, staleTempMinutes - 1);
    // A demo data set of a crashed first start.
    put('aftersight-demo-x1/tickets.csv', 10, 600);
    age(path.join(tmp, 'aftersight-demo-x1'), 600);
    // Not ours: another program's, and a test's own folder.
    put('other-upload-1/x.csv', 10, 600);
    put('aftersight-serve-old/w.duckdb', 10, 600);

    const removed = removeStaleTempFiles({ dir: tmp, now });
    expect(removed.map((r) => [path.basename(r.path), r.bytes]).sort()).toEqual([
      ['aftersight-demo-x1', 10],
      ['aftersight-read-old-0.csv', 300],
      ['aftersight-upload-AbC123', 5000],
    ]);
    expect(fs.readdirSync(tmp).sort()).toEqual([
      'aftersight-read-new-0.csv',
      'aftersight-serve-old',
      'aftersight-upload-Live99',
      'other-upload-1',
    ]);
  });

  it('knows every prefix our sources give a temp file', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'node_modules' && e.name !== 'test' && !e.name.startsWith('.')) walk(p);
        } else if (e.name.endsWith('.ts')) {
          for (const line of fs.readFileSync(p, 'utf8').split('\n')) {
            if (/tmpdir\(\)/.test(line)) for (const m of line.matchAll(/aftersight-[a-z]+-/g)) used.add(m[0]);
          }
        }
      }
    };
    for (const top of ['bin', 'ingest', 'reports', 'warehouse', 'web']) walk(path.join(root, top));
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((p) => !(tempPrefixes as readonly string[]).includes(p))).toEqual([]);
  });
  it('removes those of Aftersight processes no longer running, however fresh, and never a running one', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'pids-'));
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    fs.mkdirSync(path.join(dir, `aftersight-upload-${dead}-Ab12Cd`));
    fs.writeFileSync(path.join(dir, `aftersight-upload-${dead}-Ab12Cd`, 'upload'), 'x'.repeat(1000));
    fs.writeFileSync(path.join(dir, `aftersight-read-${dead}-1764660000000-0.csv`), 'x');
    const mine = path.basename(tempPrefix('upload')) + 'Zz9';
    fs.mkdirSync(path.join(dir, mine));
    const parent = `aftersight-read-${process.ppid}-1-0.csv`;
    fs.writeFileSync(path.join(dir, parent), 'x');
    fs.writeFileSync(path.join(dir, 'tmp-123-abc'), 'not ours');
    expect(
      removeStaleTempFiles({ dir })
        .map((r) => path.basename(r.path))
        .sort(),
    ).toEqual([`aftersight-read-${dead}-1764660000000-0.csv`, `aftersight-upload-${dead}-Ab12Cd`]);
    expect(fs.readdirSync(dir).sort()).toEqual([parent, mine, 'tmp-123-abc'].sort());
    expect(mine).toMatch(new RegExp(`^aftersight-upload-${process.pid}-`));
  });
});
