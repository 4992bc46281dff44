// Snapshots for read replicas: the pointer is replaced whole, a snapshot holds exactly the commits before it, the
// newest two stay, and publications asked for during one are made once, after it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import {
  listGenerations,
  publishSnapshot,
  readPointer,
  snapshotDirOf,
  snapshotPublisher,
  writePointer,
  type Published,
} from '../../../warehouse/db/snapshots.ts';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-snapshots-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the pointer', () => {
  it('is absent before the first publication, and unreadable garbage counts as absent', () => {
    expect(readPointer(tmp)).toBeUndefined();
    fs.writeFileSync(path.join(tmp, 'current.json'), '{"generation": 2, "file": "x.duckdb"');
    expect(readPointer(tmp)).toBeUndefined();
    // A pointer whose file does not match its generation is refused too.
    fs.writeFileSync(path.join(tmp, 'current.json'), JSON.stringify({ generation: 2, file: '000000003.duckdb', publishedAt: '' }));
    expect(readPointer(tmp)).toBeUndefined();
  });

  it('is written whole through a temp file renamed over it', () => {
    const p = { generation: 7, file: '000000007.duckdb', publishedAt: '2026-12-02T15:00:00.000Z' };
    writePointer(tmp, p);
    expect(readPointer(tmp)).toEqual(p);
    writePointer(tmp, { ...p, generation: 8, file: '000000008.duckdb' });
    expect(readPointer(tmp)?.generation).toBe(8);
    expect(fs.readdirSync(tmp)).toEqual(['current.json']);
  });
});

describe('publishing', () => {
  let db: Warehouse;
  beforeEach(async () => {
    db = await openWarehouse(path.join(tmp, 'w.duckdb'));
    await db.run('create table marts.t as select range as n from range(10)');
    await db.run('create view marts.v as select sum(n) as total from marts.t');
  });
  afterEach(() => db.close());

  const readSnapshot = async (file: string) => {
    const s = await openWarehouse(path.join(snapshotDirOf(db.path), file), { readOnly: true });
    try {
      return await s.all<{ total: number }>('select total::integer as total from marts.v');
    } finally {
      await s.close();
    }
  };

  it('copies the last commit into a new generation, names it in the pointer and keeps the newest two', async () => {
    const dir = snapshotDirOf(db.path);
    expect(dir).toBe(`${path.join(tmp, 'w.duckdb')}.snapshots`);
    const first = await publishSnapshot(db);
    expect(first).toMatchObject({ generation: 1, file: '000000001.duckdb' });
    expect(readPointer(dir)).toMatchObject({ generation: 1, file: '000000001.duckdb' });
    // 0 + 1 + … + 9 = 45: the table and the view over it.
    expect(await readSnapshot(first.file)).toEqual([{ total: 45 }]);

    await db.run('insert into marts.t values (100)');
    expect((await publishSnapshot(db)).generation).toBe(2);
    expect(await readSnapshot('000000002.duckdb')).toEqual([{ total: 145 }]);
    // The first snapshot is as it was: it is never written again.
    expect(await readSnapshot('000000001.duckdb')).toEqual([{ total: 45 }]);

    // A copy left by a crash is removed; the third generation removes the first.
    fs.writeFileSync(path.join(dir, '000000004.duckdb.tmp'), 'half');
    expect((await publishSnapshot(db)).generation).toBe(3);
    expect(listGenerations(dir)).toEqual([2, 3]);
    expect(fs.readdirSync(dir).sort()).toEqual(['000000002.duckdb', '000000003.duckdb', 'current.json']);
    expect(readPointer(dir)?.generation).toBe(3);
  });

  it.each(['file', 'database'] as const)('(%s) holds the commits made before it started, not a write still open', async (method) => {
    await db.run('insert into marts.t values (100)');
    const conn = await db.connect();
    try {
      await conn.run('begin transaction');
      await conn.run('insert into marts.t values (1000)');
      const p = await publishSnapshot(db, { method });
      await conn.run('commit');
      expect(await readSnapshot(p.file)).toEqual([{ total: 145 }]);
      // Automatic checkpoints are on again: 16 MiB, DuckDB's default.
      expect(await db.all(`select current_setting('checkpoint_threshold') as v`)).toEqual([{ v: '16.0 MiB' }]);
    } finally {
      conn.closeSync();
    }
  });
});

describe('the publisher', () => {
  it('makes one more copy for the requests that came during one, never two at once', async () => {
    let running = 0;
    let most = 0;
    let made = 0;
    let release: () => void = () => {};
    const publisher = snapshotPublisher(async (): Promise<Published> => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((r) => {
        release = r;
      });
      running--;
      made++;
      return { generation: made, file: '', bytes: 0, ms: 0 };
    });
    void publisher.request();
    await expect.poll(() => running).toBe(1);
    void publisher.request();
    void publisher.request();
    release();
    await expect.poll(() => made).toBe(1);
    await expect.poll(() => running).toBe(1);
    release();
    await publisher.idle();
    expect(made).toBe(2);
    expect(most).toBe(1);
  });

  it('goes on after a failed copy', async () => {
    const failures: string[] = [];
    let calls = 0;
    const publisher = snapshotPublisher(
      async () => {
        calls++;
        if (calls === 1) throw new Error('disk full');
        return { generation: calls, file: '', bytes: 0, ms: 0 };
      },
      { failed: (e) => failures.push(e.message) },
    );
    await publisher.request();
    await publisher.request();
    expect(failures).toEqual(['disk full']);
    expect(calls).toBe(2);
  });
});
