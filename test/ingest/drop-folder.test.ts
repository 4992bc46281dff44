import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { dropFoldersUnder, ensureDropFolders, processDropFolder, type FileStamps } from '../../ingest/drop-folder.ts';

describe('drop folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-drop-'));
  const folders = dropFoldersUnder(root);
  const inbox = path.join(folders.inbox, 'tickets');
  const failedDir = path.join(folders.failed, 'tickets');
  let db: Warehouse;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    ensureDropFolders(folders);
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(root, { recursive: true, force: true });
  });
  // As if the file had not changed for a minute (the writer paused, or finished).
  const age = (file: string) => {
    const old = (Date.now() - 60_000) / 1000;
    fs.utimesSync(file, old, old);
  };
  const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => `S${from + i},2025-01-01 10:00,open\n`).join('');
  const reportOf = (name: RegExp) => {
    const report = fs.readdirSync(failedDir).find((f) => name.test(f) && f.endsWith('.report.txt'));
    return report && fs.readFileSync(path.join(failedDir, report), 'utf8');
  };

  it('loads good files into archive/, moves unusable ones to failed/ with a report, waits for files still being written', async () => {
    const seen: FileStamps = new Map();
    fs.writeFileSync(path.join(inbox, 'good.csv'), 'ticket_id,opened_at,status\nD1,2025-01-01 10:00,open\n');
    fs.writeFileSync(path.join(inbox, 'bad.csv'), 'what,is,this\n1,2,3\n');
    fs.writeFileSync(path.join(inbox, 'fresh.csv'), 'ticket_id,opened_at,status\nD2,2025-01-01 10:00,open\n');
    age(path.join(inbox, 'good.csv'));
    age(path.join(inbox, 'bad.csv'));

    // A file is loaded once a round finds it as the round before found it: the first round only looks.
    expect(await processDropFolder(db, folders, seen)).toEqual({ loaded: [], failed: [] });
    const round = await processDropFolder(db, folders, seen);
    expect(round.loaded.map((r) => [r.file, r.rowsLoaded])).toEqual([['good.csv', 1]]);
    expect(round.failed).toEqual([{ file: 'bad.csv', error: expect.stringMatching(/bad\.csv: missing required column/) }]);
    expect(fs.readdirSync(inbox).filter((f) => !f.startsWith('.'))).toEqual(['fresh.csv']);
    expect(fs.readdirSync(path.join(folders.archive, 'tickets'))).toEqual([expect.stringMatching(/-good\.csv$/)]);
    const failed = fs.readdirSync(failedDir).sort();
    expect(failed).toEqual([expect.stringMatching(/-bad\.csv$/), expect.stringMatching(/-bad\.csv\.report\.txt$/)]);
    expect(reportOf(/bad\.csv/)).toMatch(/headers found: what, is, this/);
    expect(await db.all('select ticket_id from raw.tickets')).toEqual([{ ticket_id: 'D1' }]);
    fs.rmSync(path.join(inbox, 'fresh.csv'));
  });

  it('a file being written is not loaded, even through pauses longer than the settle window, until it stops changing', async () => {
    const seen: FileStamps = new Map();
    const slow = path.join(inbox, 'slow.csv');
    fs.writeFileSync(slow, `ticket_id,opened_at,status\n${rows(0, 100)}`);
    age(slow);
    // The old rule (unchanged for 3 s) loaded these 100 rows and archived half a file.
    expect((await processDropFolder(db, folders, seen)).loaded).toEqual([]);
    fs.appendFileSync(slow, rows(100, 100));
    age(slow);
    expect((await processDropFolder(db, folders, seen)).loaded).toEqual([]);
    const round = await processDropFolder(db, folders, seen);
    expect(round.loaded.map((r) => [r.file, r.rowsLoaded])).toEqual([['slow.csv', 200]]);
    expect(fs.existsSync(slow)).toBe(false);
  });

  it('a refused file (nested too deep for the JSON reader, which killed the process) ends in failed/ with a report naming the reason', async () => {
    const seen: FileStamps = new Map();
    const deep = path.join(inbox, 'deep.json');
    fs.writeFileSync(deep, `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    age(deep);
    await processDropFolder(db, folders, seen);
    const round = await processDropFolder(db, folders, seen);
    expect(round.failed).toEqual([
      {
        file: 'deep.json',
        error:
          'deep.json: line 1 nests values more than 64 levels deep ([ and { inside each other); records must be flat: one object per row',
      },
    ]);
    expect(reportOf(/deep\.json/)).toBe(
      'deep.json: line 1 nests values more than 64 levels deep ([ and { inside each other); records must be flat: one object per row\ndeep.json：第 1 行的嵌套超过 64 层（[ 与 { 层层嵌套）；每条记录应为一个扁平对象\n',
    );
    expect(fs.readdirSync(inbox).filter((f) => !f.startsWith('.'))).toEqual([]);
  });

  it('a file whose load the process did not survive is set aside in failed/ at the next round, not loaded again', async () => {
    // What a round leaves behind when the process dies while loading: the file in .loading/.
    fs.mkdirSync(path.join(inbox, '.loading'), { recursive: true });
    fs.writeFileSync(path.join(inbox, '.loading', 'crash.csv'), `ticket_id,opened_at,status\n${rows(500, 1)}`);
    const round = await processDropFolder(db, folders, new Map());
    expect(round.failed).toEqual([
      { file: 'crash.csv', error: expect.stringMatching(/^crash\.csv: the process stopped while loading this file/) },
    ]);
    expect(reportOf(/crash\.csv/)).toMatch(/^crash\.csv: the process stopped while loading this file .*\ncrash\.csv：/);
    expect(fs.readdirSync(path.join(inbox, '.loading'))).toEqual([]);
    expect(await db.all(`select ticket_id from raw.tickets where ticket_id = 'S500'`)).toEqual([]);
  });
});
