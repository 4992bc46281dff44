// A replica's warehouse: it waits for the first snapshot, follows newer ones, keeps a leased snapshot open and
// consistent for the request that holds it, closes it once the lease is returned, and refuses writes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { isReadOnlyRefusal, openReplica, ReplicaWriteError, type ReplicaWarehouse } from '../../../warehouse/db/replica-warehouse.ts';
import { publishSnapshot, snapshotDirOf } from '../../../warehouse/db/snapshots.ts';

/** The files this process holds open (Linux): a closed snapshot is no longer among them. */
const openFiles = (): string[] =>
  fs.readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [fs.readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });

describe('a replica warehouse', () => {
  let tmp: string;
  let writer: Warehouse;
  let replica: ReplicaWarehouse | undefined;
  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-replica-'));
    writer = await openWarehouse(path.join(tmp, 'w.duckdb'));
    await writer.run('create table marts.t as select 1 as n');
  });
  afterEach(async () => {
    await replica?.close();
    await writer.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const total = (db: Warehouse) => db.all<{ n: number }>('select sum(n)::integer as n from marts.t');

  it('waits for the first snapshot, then follows each new one; a lease keeps its snapshot until returned', async () => {
    const opening = openReplica(writer.path, { pollMs: 60_000 });
    await new Promise((r) => setTimeout(r, 300));
    await publishSnapshot(writer);
    replica = await opening;
    expect(replica.replica.pointer().generation).toBe(1);
    expect(await total(replica)).toEqual([{ n: 1 }]);

    const lease = replica.lease();
    await writer.run('insert into marts.t values (10)');
    await publishSnapshot(writer);
    expect(await replica.follow()).toBe(true);
    expect(replica.replica.pointer().generation).toBe(2);
    // A request that started before reads its own snapshot to the end; a new one reads the new snapshot.
    expect(await lease.run(() => total(replica!))).toEqual([{ n: 1 }]);
    expect(await total(replica)).toEqual([{ n: 11 }]);
    const first = path.join(snapshotDirOf(writer.path), '000000001.duckdb');
    expect(openFiles()).toContain(first);
    lease.release();
    await expect.poll(() => openFiles().includes(first)).toBe(false);
    // Nothing newer: it stays.
    expect(await replica.follow()).toBe(false);
  });

  it('moves to a new snapshot on its own (a file event or the periodic look)', async () => {
    await publishSnapshot(writer);
    replica = await openReplica(writer.path, { pollMs: 200 });
    await writer.run('insert into marts.t values (5)');
    await publishSnapshot(writer);
    await expect.poll(() => replica!.replica.pointer().generation).toBe(2);
    expect(await total(replica)).toEqual([{ n: 6 }]);
  });

  it('refuses writes, naming the writer', async () => {
    await publishSnapshot(writer);
    replica = await openReplica(writer.path, { writerUrl: 'http://10.0.0.5:3000' });
    await expect(replica.write(async () => 1)).rejects.toThrow(ReplicaWriteError);
    const e = await replica.run('insert into marts.t values (2)').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReplicaWriteError);
    expect((e as ReplicaWriteError).writerUrl).toBe('http://10.0.0.5:3000');
    expect((e as Error).message).toBe('this server is a read-only replica: writes go to the writer at http://10.0.0.5:3000');
    // A write through Kysely meets DuckDB's own refusal, which the API answers as the same (isReadOnlyRefusal).
    const k = await replica.kysely
      .deleteFrom('users')
      .execute()
      .catch((x: unknown) => x);
    expect(isReadOnlyRefusal(k)).toBe(true);
  });
});
