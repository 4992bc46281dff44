import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { dropFoldersUnder, ensureDropFolders, processDropFolder } from '../../ingest/drop-folder.ts';

describe('drop folder', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-drop-'));
  const folders = dropFoldersUnder(root);
  let db: Warehouse;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    ensureDropFolders(folders);
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('loads good files into archive/, moves unusable ones to failed/ with a report, waits for files still being written', async () => {
    const inbox = path.join(folders.inbox, 'tickets');
    fs.writeFileSync(path.join(inbox, 'good.csv'), 'ticket_id,opened_at,status\nD1,2025-01-01 10:00,open\n');
    fs.writeFileSync(path.join(inbox, 'bad.csv'), 'what,is,this\n1,2,3\n');
    fs.writeFileSync(path.join(inbox, 'fresh.csv'), 'ticket_id,opened_at,status\nD2,2025-01-01 10:00,open\n');
    const old = (Date.now() - 60_000) / 1000;
    fs.utimesSync(path.join(inbox, 'good.csv'), old, old);
    fs.utimesSync(path.join(inbox, 'bad.csv'), old, old);

    const round = await processDropFolder(db, folders);
    expect(round.loaded.map((r) => [r.file, r.rowsLoaded])).toEqual([['good.csv', 1]]);
    expect(round.failed).toEqual([{ file: 'bad.csv', error: expect.stringMatching(/bad\.csv: missing required column/) }]);
    expect(fs.readdirSync(inbox)).toEqual(['fresh.csv']);
    expect(fs.readdirSync(path.join(folders.archive, 'tickets'))).toEqual([expect.stringMatching(/-good\.csv$/)]);
    const failed = fs.readdirSync(path.join(folders.failed, 'tickets')).sort();
    expect(failed).toEqual([expect.stringMatching(/-bad\.csv$/), expect.stringMatching(/-bad\.csv\.report\.txt$/)]);
    expect(fs.readFileSync(path.join(folders.failed, 'tickets', failed[1]), 'utf8')).toMatch(/headers found: what, is, this/);
    expect(await db.all('select ticket_id from raw.tickets')).toEqual([{ ticket_id: 'D1' }]);
  });
});
