// The warehouse on a real full disk (a 32 MiB tmpfs, see test/helpers/small-disk.ts): a commit whose checkpoint
// could not be written is kept, DuckDB's "database has been invalidated" is answered by opening the file again,
// and a full disk is reported plainly, without the file's path. The server's reads on their own DuckDB threads, a
// refresh and allCores on every core.
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { runRefresh } from '../../../warehouse/refresh/run-refresh.ts';
import { DiskFullError } from '../../../warehouse/db/disk-full.ts';
import { mountSmallDisk } from '../../helpers/small-disk.ts';

const disk = mountSmallDisk('full-disk-warehouse', 32);
afterAll(() => disk.unmount());

describe.skipIf(!!disk.skipped)('the warehouse on a full disk', () => {
  it('keeps a commit whose checkpoint failed, opens the file again, and works once space is freed', async () => {
    let reopened = 0;
    const db = await openWarehouse(path.join(disk.dir, 'w.duckdb'), { onReopen: () => (reopened += 1) });
    try {
      await db.run(`create table t (s varchar)`);
      // Every commit checkpoints (a server does past 16 MB of WAL); 256 KiB left: the WAL fits, the checkpoint not.
      await db.run(`SET GLOBAL checkpoint_threshold = '1KB'`);
      disk.fill(256 * 1024);
      // DuckDB: "Transaction COMMIT succeeded and is durable, but the autocheckpoint failed" (FATAL). The rows are
      // written: the write succeeds.
      expect(
        await db.write(async (conn) => (await conn.run(`insert into t select repeat('y', 100) || range from range(1000)`)).rowsChanged),
      ).toBe(1000);
      // DuckDB has invalidated the instance; the next use opens the file again, with the rows.
      expect(await db.all(`select count(*) as n, max(s) as last from t`)).toEqual([{ n: 1000, last: `${'y'.repeat(100)}999` }]);
      expect(reopened).toBe(1);
      // Still full: a write that does not fit says so, without the path.
      const failed = await db.run(`insert into t select range::varchar from range(200000)`).catch((e: Error) => e);
      expect(failed).toBeInstanceOf(DiskFullError);
      expect((failed as Error).message).toBe(
        'the disk is full: free space on the server and try again (磁盘已满：请释放服务器的磁盘空间后重试)',
      );
      disk.free();
      expect(await db.run(`insert into t select range::varchar from range(200000)`)).toBe(200_000);
      expect(await db.all(`select count(*) as n from t`)).toEqual([{ n: 201_000 }]);
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe('read threads', () => {
  const threads = async (db: Warehouse) => Number((await db.all<{ n: number }>(`select current_setting('threads')::integer as n`))[0].n);

  it('reads on readThreads; a refresh and allCores work on every core, back when the last has ended', async () => {
    const cores = os.availableParallelism();
    const db = await openWarehouse(':memory:', { readThreads: 1 });
    try {
      expect(await threads(db)).toBe(1);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const long = db.allCores(async () => {
        await held;
        return threads(db);
      });
      expect(await db.allCores(() => threads(db))).toBe(cores);
      // The long one still runs: every core still.
      expect(await threads(db)).toBe(cores);
      release();
      expect(await long).toBe(cores);
      expect(await threads(db)).toBe(1);
      // A failure too puts it back.
      await expect(db.allCores(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(await threads(db)).toBe(1);
      // A refresh: every core while it runs.
      let running = true;
      const seen = new Set<number>();
      const refresh = runRefresh(db, 'test').finally(() => (running = false));
      while (running) seen.add(await threads(db));
      expect((await refresh).status).toBe('ok');
      expect(seen.has(cores)).toBe(true);
      expect(await threads(db)).toBe(1);
    } finally {
      await db.close();
    }
  });

  it('without readThreads DuckDB is on every core throughout', async () => {
    const db = await openWarehouse(':memory:');
    try {
      expect(await threads(db)).toBe(os.availableParallelism());
      expect(await db.allCores(() => threads(db))).toBe(os.availableParallelism());
    } finally {
      await db.close();
    }
  });
});
