// A read replica's warehouse: the newest published snapshot (snapshots.ts), opened READ_ONLY, followed as the
// writer publishes new ones. It is a Warehouse like any other to the code that reads it; underneath, each snapshot
// is its own DuckDB instance. A request takes a lease on the instance current when it starts, and every query it
// makes goes to that instance (AsyncLocalStorage), so one answer never mixes two snapshots; a new snapshot serves
// the requests that start after it opened, and the old instance is closed once its last lease is returned.
// Writing is refused with ReplicaWriteError, which names where writes go.
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { openWarehouse, type OpenOptions, type ReplicaInfo, type Warehouse } from './open-warehouse.ts';
import { readPointer, snapshotDirOf, type SnapshotPointer } from './snapshots.ts';

/** A write asked of a replica (the API answers it with the code read_only_replica, naming the writer). */
export class ReplicaWriteError extends Error {
  constructor(readonly writerUrl: string) {
    super(`this server is a read-only replica: writes go to the writer${writerUrl ? ` at ${writerUrl}` : ''}`);
  }
}

/** DuckDB's refusal of a write on a file opened READ_ONLY. */
export const isReadOnlyRefusal = (e: unknown): boolean =>
  /read-only mode|read_only mode/i.test(String((e as Error | undefined)?.message ?? ''));

interface Snapshot {
  db: Warehouse;
  pointer: SnapshotPointer;
  leases: number;
  retired: boolean;
  closing?: Promise<void>;
}

export interface Lease {
  /** Runs fn (and everything it starts) against the leased snapshot. */
  run<T>(fn: () => T): T;
  /** Returns the lease (once; later calls do nothing). */
  release(): void;
}

export interface ReplicaWarehouse extends Warehouse {
  readonly replica: ReplicaInfo;
  /** A lease on the snapshot now current (a request takes one for its whole life). */
  lease(): Lease;
  /** Reads the pointer and moves to a newer snapshot if there is one; true when it moved. */
  follow(): Promise<boolean>;
}

export interface ReplicaOptions extends Omit<OpenOptions, 'readOnly'> {
  writerUrl?: string;
  /** Besides watching the folder, the pointer is read this often (a missed file event, a network file system). */
  pollMs?: number;
  /** How long to wait for the writer's first snapshot. */
  firstSnapshotTimeoutMs?: number;
  /** After each move to a newer snapshot: its generation and how long opening it took. */
  onSwitch?: (s: { generation: number; ms: number }) => void;
  onError?: (e: Error) => void;
  /** While there is no snapshot yet (once). */
  onWaiting?: (dir: string) => void;
}

export async function openReplica(dbFile: string, opts: ReplicaOptions = {}): Promise<ReplicaWarehouse> {
  const dir = snapshotDirOf(dbFile);
  const writerUrl = opts.writerUrl ?? '';
  const pollMs = opts.pollMs ?? 1000;
  const openOpts: OpenOptions = {
    timeZone: opts.timeZone,
    settings: opts.settings,
    memoryLimit: opts.memoryLimit,
    readThreads: opts.readThreads,
    readOnly: true,
  };
  const als = new AsyncLocalStorage<Snapshot>();

  const openSnapshot = async (pointer: SnapshotPointer): Promise<Snapshot> => ({
    db: await openWarehouse(path.join(dir, pointer.file), openOpts),
    pointer,
    leases: 0,
    retired: false,
  });

  // The first snapshot: the newest one that opens (a pointer read just before a newer publication removed its file
  // is read again).
  const deadline = Date.now() + (opts.firstSnapshotTimeoutMs ?? 10 * 60_000);
  let current: Snapshot | undefined;
  let waited = false;
  while (!current) {
    const p = readPointer(dir);
    if (p) {
      try {
        current = await openSnapshot(p);
        break;
      } catch (e) {
        if (readPointer(dir)?.generation === p.generation) throw e;
        continue;
      }
    }
    if (Date.now() > deadline)
      throw new Error(`no snapshot of the warehouse was published in ${dir}: is the writer running with snapshots on?`);
    if (!waited) opts.onWaiting?.(dir);
    waited = true;
    await new Promise((r) => setTimeout(r, 200));
  }
  let cur: Snapshot = current;
  let closed = false;

  const settle = (s: Snapshot) => {
    if (s.retired && s.leases === 0 && !s.closing) s.closing = s.db.close().catch((e) => opts.onError?.(e as Error));
  };
  const take = (): Snapshot => {
    if (closed) throw new Error('the warehouse is closed');
    cur.leases++;
    return cur;
  };
  const give = (s: Snapshot) => {
    s.leases--;
    settle(s);
  };
  /** The snapshot of the calling request, or else the current one. */
  const mine = (): Snapshot => als.getStore() ?? cur;
  /** Runs a call on the caller's snapshot, holding it for the call's length. */
  const held = async <T>(fn: (db: Warehouse) => Promise<T>): Promise<T> => {
    const pinned = als.getStore();
    const s = pinned ?? take();
    try {
      return await fn(s.db);
    } catch (e) {
      throw isReadOnlyRefusal(e) ? new ReplicaWriteError(writerUrl) : e;
    } finally {
      if (!pinned) give(s);
    }
  };

  let following: Promise<boolean> = Promise.resolve(false);
  const followOnce = async (): Promise<boolean> => {
    if (closed) return false;
    const p = readPointer(dir);
    if (!p || p.generation <= cur.pointer.generation) return false;
    const t0 = Date.now();
    let next: Snapshot;
    try {
      next = await openSnapshot(p);
    } catch (e) {
      // Removed by a newer publication before it opened: the next look finds the newer pointer.
      if ((readPointer(dir)?.generation ?? 0) > p.generation) return followOnce();
      throw e;
    }
    if (closed) {
      await next.db.close();
      return false;
    }
    const old = cur;
    cur = next;
    old.retired = true;
    settle(old);
    opts.onSwitch?.({ generation: p.generation, ms: Date.now() - t0 });
    return true;
  };
  const follow = (): Promise<boolean> => {
    following = following.then(followOnce, followOnce).catch((e: Error) => {
      opts.onError?.(e);
      return false;
    });
    return following;
  };

  let watcher: fs.FSWatcher | undefined;
  try {
    watcher = fs.watch(dir, () => void follow());
    watcher.on('error', () => {});
  } catch {
    watcher = undefined; // the periodic look still follows
  }
  const timer = setInterval(() => void follow(), pollMs);
  timer.unref();

  const replica: ReplicaWarehouse = {
    path: dbFile,
    get timeZone() {
      return cur.db.timeZone;
    },
    get settings() {
      return cur.db.settings;
    },
    get instance() {
      return mine().db.instance;
    },
    get kysely() {
      return mine().db.kysely;
    },
    // Each snapshot has its own cache: a new snapshot starts with none.
    get cache() {
      return mine().db.cache;
    },
    changeListeners: new Set(),
    replica: { writerUrl, pointer: () => mine().pointer },
    all: (sqlText, params) => held((db) => db.all(sqlText, params)),
    run: (sqlText, params) => held((db) => db.run(sqlText, params)),
    connect: () => held((db) => db.connect()),
    allCores: (fn) => held((db) => db.allCores(fn)),
    write: () => Promise.reject(new ReplicaWriteError(writerUrl)),
    lease() {
      const s = take();
      let released = false;
      return {
        run: (fn) => als.run(s, fn),
        release() {
          if (released) return;
          released = true;
          give(s);
        },
      };
    },
    follow,
    async close() {
      closed = true;
      clearInterval(timer);
      watcher?.close();
      await following.catch(() => {});
      cur.retired = true;
      settle(cur);
      await cur.closing;
    },
  };
  return replica;
}

export const isReplica = (db: Warehouse): db is ReplicaWarehouse => db.replica !== undefined && 'lease' in db;
