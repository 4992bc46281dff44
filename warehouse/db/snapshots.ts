// Published snapshots of the warehouse, for read replicas (`aftersight serve --replica`). The writer copies the
// warehouse, as of one committed state (see publishSnapshot), into `<warehouse>.snapshots/<generation>.duckdb`, then names it in the
// pointer file `current.json` (written to a temp file, then renamed over the old one: readers see the old pointer
// or the new one, never half of one). A snapshot file is complete before the pointer names it and never written
// again, so any number of processes open it READ_ONLY. The newest `keep` generations stay; older ones are removed
// (a replica still reading one keeps its open handle: on Linux an unlinked file stays readable until closed).
import fs from 'node:fs';
import path from 'node:path';
import type { Warehouse } from './open-warehouse.ts';
import { quoteIdent } from './sql-text.ts';

export const pointerFileName = 'current.json';

export interface SnapshotPointer {
  /** 1, 2, 3… : a newer snapshot has a larger number. */
  generation: number;
  /** The snapshot's file name inside the snapshot folder. */
  file: string;
  /** When it was published (ISO instant; for logs and /api/health). */
  publishedAt: string;
}

/** The folder of a warehouse's snapshots: next to the file, `<warehouse>.snapshots`. */
export const snapshotDirOf = (dbFile: string): string => `${path.resolve(dbFile)}.snapshots`;

export const snapshotFileName = (generation: number): string => `${String(generation).padStart(9, '0')}.duckdb`;

const generationOf = (name: string): number | undefined => {
  const m = /^(\d{9})\.duckdb$/.exec(name);
  return m ? Number(m[1]) : undefined;
};

/** The generations whose files are in the folder, oldest first. */
export function listGenerations(dir: string): number[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map(generationOf)
    .filter((g): g is number => g !== undefined)
    .sort((a, b) => a - b);
}

/** The pointer, or undefined when nothing was published yet (or the file is not a pointer). */
export function readPointer(dir: string): SnapshotPointer | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, pointerFileName), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const p = JSON.parse(text) as SnapshotPointer;
    return Number.isInteger(p.generation) && p.generation > 0 && typeof p.file === 'string' && generationOf(p.file) === p.generation
      ? p
      : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces the pointer atomically: a temp file in the same folder, flushed, then renamed over the old one. */
export function writePointer(dir: string, p: SnapshotPointer): void {
  const tmp = path.join(dir, `${pointerFileName}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(p));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, path.join(dir, pointerFileName));
}

/** Removes the snapshot files older than the newest `keep` (never the one the pointer names); returns their names. */
export function removeOldSnapshots(dir: string, keep: number): string[] {
  const current = readPointer(dir)?.generation;
  const gens = listGenerations(dir);
  const old = gens.slice(0, Math.max(0, gens.length - keep)).filter((g) => g !== current);
  for (const g of old) {
    fs.rmSync(path.join(dir, snapshotFileName(g)), { force: true });
    fs.rmSync(path.join(dir, `${snapshotFileName(g)}.wal`), { force: true });
  }
  return old.map(snapshotFileName);
}

export interface Published {
  generation: number;
  file: string;
  bytes: number;
  ms: number;
}

/** How a snapshot is made: 'file' copies the checkpointed file (fast); 'database' is COPY FROM DATABASE. */
export type SnapshotMethod = 'file' | 'database';

/**
 * Copies the warehouse into a new snapshot and publishes it.
 * 'file' (the default): with loads and refreshes held, a CHECKPOINT writes every commit into the file, and the
 * file is copied while automatic checkpoints are held off, so the copy is the file as of that checkpoint (sign-ins
 * and other small writes meanwhile only add to the WAL, which is not copied). Ten times faster than 'database' at
 * 1 M tickets (README, "Read replicas"); loads wait for the copy.
 * 'database': DuckDB's COPY FROM DATABASE in one read transaction: nothing is held, but every table is written
 * anew.
 */
export async function publishSnapshot(db: Warehouse, opts: { keep?: number; method?: SnapshotMethod } = {}): Promise<Published> {
  const started = Date.now();
  const dir = snapshotDirOf(db.path);
  fs.mkdirSync(dir, { recursive: true });
  // A copy left half-written by a crash is never named by the pointer: it goes.
  for (const f of fs.readdirSync(dir)) if (/\.tmp(\.wal)?$/.test(f)) fs.rmSync(path.join(dir, f), { force: true });
  const generation = Math.max(0, readPointer(dir)?.generation ?? 0, ...listGenerations(dir)) + 1;
  const file = snapshotFileName(generation);
  const tmp = path.join(dir, `${file}.tmp`);
  try {
    if ((opts.method ?? 'file') === 'file') await copyCheckpointedFile(db, tmp);
    else await copyDatabase(db, tmp, `aftersight_snapshot_${generation}`);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(`${tmp}.wal`, { force: true });
    throw e;
  }
  fs.renameSync(tmp, path.join(dir, file));
  writePointer(dir, { generation, file, publishedAt: new Date().toISOString() });
  removeOldSnapshots(dir, opts.keep ?? 2);
  return { generation, file, bytes: fs.statSync(path.join(dir, file)).size, ms: Date.now() - started };
}

async function copyCheckpointedFile(db: Warehouse, tmp: string): Promise<void> {
  // `before` of a write runs after every earlier load or refresh, and holds the later ones until it is done.
  await db.write(
    async () => undefined,
    async (conn) => {
      await conn.run('checkpoint');
      const [{ threshold }] = (await (await conn.run(`select current_setting('checkpoint_threshold') as threshold`)).getRowObjectsJS()) as {
        threshold: string;
      }[];
      await conn.run(`set global checkpoint_threshold = '1000 GiB'`);
      try {
        // A reflink where the file system has them (XFS, Btrfs): instant.
        await fs.promises.copyFile(db.path, tmp, fs.constants.COPYFILE_FICLONE);
      } finally {
        await conn.run(`set global checkpoint_threshold = '${threshold.replaceAll("'", "''")}'`);
      }
    },
  );
}

async function copyDatabase(db: Warehouse, tmp: string, alias: string): Promise<void> {
  const conn = await db.connect();
  try {
    const [{ name }] = (await (await conn.run('select current_database() as name')).getRowObjectsJS()) as { name: string }[];
    await conn.run(`attach '${tmp.replaceAll("'", "''")}' as ${alias}`);
    try {
      await conn.run(`copy from database ${quoteIdent(name)} to ${alias}`);
      await conn.run(`checkpoint ${alias}`);
    } finally {
      await conn.run(`detach ${alias}`);
    }
  } finally {
    conn.closeSync();
  }
}

/**
 * Publishes after each refresh, one copy at a time: a refresh that ends while a copy is being made is followed by
 * one more copy (never two in parallel, never one lost).
 */
export function snapshotPublisher(
  publish: () => Promise<Published>,
  on: { published?: (p: Published) => void; failed?: (e: Error) => void } = {},
): { request(): Promise<void>; idle(): Promise<void> } {
  let running: Promise<void> | undefined;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      try {
        const p = await publish();
        on.published?.(p);
      } catch (e) {
        on.failed?.(e as Error);
      }
    } while (again);
    running = undefined;
  };
  return {
    request() {
      if (running) again = true;
      else running = loop();
      return running;
    },
    async idle() {
      while (running) await running;
    },
  };
}
