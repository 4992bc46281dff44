// The one place that opens DuckDB. A Warehouse owns the instance, a Kysely instance over it, and a write lock
// that serialises loads and refreshes (readers never wait for it: DuckDB's MVCC gives them the last commit).
// After a fatal DuckDB error (a full disk during a checkpoint) it opens the file again, so service resumes once
// the cause is gone instead of every statement failing until a restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { Kysely, Migrator } from 'kysely';
import { ConnectionPool, DuckDBDialect } from './duckdb-dialect.ts';
import { toDuckDBParams, toPlainRow } from './duckdb-values.ts';
import { InFlight } from './in-flight.ts';
import { QueryCache } from './query-cache.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './database.ts';
import { markInterruptedRuns, removeLeftoverSpillFiles } from './interrupted-runs.ts';
import { plainDiskFull } from './disk-full.ts';
import { analysisSettingsOf, defaultConfig, type AnalysisSettings } from '../config/config.ts';

export interface Warehouse {
  readonly path: string;
  readonly timeZone: string;
  /** SLA targets, service hours, calendar, windows: what the SQL models read (settings tables). */
  readonly settings: AnalysisSettings;
  readonly instance: DuckDBInstance;
  readonly kysely: Kysely<Database>;
  /** Answers of reads over the marts; cleared by each successful refresh. */
  readonly cache: QueryCache;
  /** Called after each successful refresh and each change of accounts (the writer then publishes a snapshot for
   *  the read replicas: see announceChange). */
  readonly changeListeners: Set<(what: WarehouseChange) => void>;
  /** Set on a read replica (replica-warehouse.ts): it serves a published snapshot and refuses writes. */
  readonly replica?: ReplicaInfo;
  /**
   * Where the figures are read from when not from DuckDB (`engine: "trino"`): the models built on another engine
   * by each refresh. Absent: every figure is read from DuckDB.
   */
  readonly figures?: FiguresEngine;
  /** Rows of a read, with BIGINT converted to number. */
  all<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /** Runs one statement; returns the rows it changed. */
  run(sqlText: string, params?: unknown[]): Promise<number>;
  /**
   * Runs fn on a connection of its own inside one transaction, after every earlier write has finished.
   * `before` runs on that connection first, outside the transaction but still before any other write: work
   * committed as it goes that readers do not see (staging a file in temp tables, a refresh building under other
   * names), much faster there than inside a transaction; it undoes its own work when it fails.
   */
  write<T>(fn: (conn: DuckDBConnection) => Promise<T>, before?: (conn: DuckDBConnection) => Promise<void>): Promise<T>;
  /** A fresh connection (caller closes it). */
  connect(): Promise<DuckDBConnection>;
  /**
   * Runs fn (a refresh, a report, a load) with DuckDB on every core, then back to `readThreads` once the last such
   * work has ended; without `readThreads`, DuckDB is on every core anyway and fn just runs.
   */
  allCores<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A connection as far as running SQL goes: what a refresh hands to the code that stores figures, so that the
 *  statements can be rewritten on the way (run-refresh.ts builds under other names). */
export type SqlRunner = Pick<DuckDBConnection, 'run'>;

export type WarehouseChange = 'refresh' | 'accounts';

/**
 * Another engine the models run on (warehouse/trino/trino-figures.ts): each refresh builds them there after
 * DuckDB, and the readers send it the DuckDB SQL of their queries (one source), which it translates and runs with
 * the same parameters bound. A model it could not build is read from DuckDB.
 */
export interface FiguresEngine {
  /** 'trino'. */
  readonly name: string;
  /** Whether the last refresh built every model named (as `metrics.opened`) on the engine. */
  serves(models: readonly string[]): boolean;
  /** The rows of a read written in DuckDB's SQL with $1, $2 … parameters, run on the engine. */
  all(sqlText: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Builds the models on the engine from the warehouse as just refreshed; readers switch to them when done. */
  refresh(db: Warehouse): Promise<FiguresEngineRefresh>;
  close(): Promise<void>;
}

export interface FiguresEngineRefresh {
  ms: number;
  /** `layer.name` of each model built. */
  built: string[];
  /** The models that did not build, with the engine's message: their figures are read from DuckDB. */
  failed: { model: string; error: string }[];
}

/** Tells the listeners of a warehouse that its figures (a refresh) or its accounts changed. */
export const announceChange = (db: Warehouse, what: WarehouseChange): void => {
  for (const listener of db.changeListeners) listener(what);
};

/** What a read replica tells about itself. */
export interface ReplicaInfo {
  /** Where writes go ('' when not configured). */
  writerUrl: string;
  /** The snapshot served: the calling request's, else the newest opened (snapshots.ts). */
  pointer(): { generation: number; file: string; publishedAt: string };
}

export class WarehouseLockedError extends Error {}

export interface OpenOptions {
  timeZone?: string;
  settings?: Partial<AnalysisSettings>;
  /** Defaults to read-write; ':memory:' for an in-memory warehouse (tests). */
  readOnly?: boolean;
  /** DuckDB's memory_limit, such as "2GB"; unset or '' = DuckDB's default. */
  memoryLimit?: string;
  /** Called when the file was opened again after a fatal DuckDB error (see isFatalDuckDBError). */
  onReopen?: () => void;
  /** Read the figures from this engine where its models are built (closed with the warehouse). */
  figures?: FiguresEngine;
  /**
   * DuckDB's threads for the reads between refreshes, reports and loads (which run on every core: allCores); unset
   * or 0: every core always. The server answers many users at once, each read on a thread of its own: with one
   * DuckDB thread a read the cores share among them costs less than one split across both (measured at 5 M
   * tickets, 32 users on 2 cores: pages p50 2–3× faster, README).
   */
  readThreads?: number;
}

/**
 * DuckDB gives up on an instance after a fatal error (such as a checkpoint it could not write to a full disk):
 * every later statement, reads too, fails with "database has been invalidated" until the file is opened again.
 */
export const isFatalDuckDBError = (e: unknown): boolean =>
  /^FATAL Error|database has been invalidated/.test(String((e as Error | undefined)?.message ?? ''));

/** One opened DuckDB instance on the file; a fatal error retires it for a new one. */
interface Generation {
  instance: DuckDBInstance;
  main: DuckDBConnection;
  gate: InFlight;
  pool: ConnectionPool;
}

export async function openWarehouse(file: string, opts: OpenOptions = {}): Promise<Warehouse> {
  const settings: AnalysisSettings = { ...analysisSettingsOf(defaultConfig), ...opts.settings };
  const timeZone = opts.timeZone ?? settings.timeZone;
  settings.timeZone = timeZone;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let gen: Generation | undefined;
  let invalidated = false;
  let reopening: Promise<Generation> | undefined;
  let closed = false;
  /** Work under way on every core (allCores). */
  let wide = 0;
  let widening: Promise<unknown> = Promise.resolve();
  const cores = os.availableParallelism();

  const openGeneration = async (): Promise<Generation> => {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file, {
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'true',
        ...(opts.readOnly ? { access_mode: 'READ_ONLY' } : {}),
        ...(opts.memoryLimit ? { memory_limit: opts.memoryLimit } : {}),
        ...(opts.readThreads ? { threads: String(wide > 0 ? cores : opts.readThreads) } : {}),
      });
    } catch (e) {
      const msg = (e as Error).message;
      if (/lock/i.test(msg)) {
        throw new WarehouseLockedError(
          `${file} is in use by another Aftersight process (probably \`aftersight serve\`). ` +
            `Stop it, or send the work through its HTTP API, then try again.`,
        );
      }
      throw plainDiskFull(e);
    }
    const g = { instance } as Generation;
    g.gate = new InFlight((e) => {
      if (isFatalDuckDBError(e)) invalidate(g);
      return plainDiskFull(e);
    });
    g.main = await instance.connect();
    // Periods (date_trunc on TIMESTAMPTZ) and times without an offset follow the configured zone.
    await g.main.run(`SET GLOBAL TimeZone = '${timeZone.replaceAll("'", "''")}'`);
    g.pool = new ConnectionPool(instance, g.gate);
    return g;
  };
  /** Marks the instance for reopening at the next use (an in-memory one would come back empty: it stays). */
  const invalidate = (g: Generation) => {
    if (gen === g && file !== ':memory:') invalidated = true;
  };
  const retire = async (g: Generation) => {
    await g.gate.close();
    g.pool.close();
    g.main.closeSync();
    g.instance.closeSync();
  };
  /** The open instance; after a fatal error, a new one on the same file (tried again at each use until it opens). */
  const current = (): Promise<Generation> => {
    if (closed) return Promise.reject(new Error('the warehouse is closed'));
    if (gen && !invalidated) return Promise.resolve(gen);
    reopening ??= (async () => {
      try {
        if (gen) {
          const old = gen;
          gen = undefined;
          await retire(old);
        }
        invalidated = false;
        gen = await openGeneration();
        opts.onReopen?.();
        return gen;
      } finally {
        reopening = undefined;
      }
    })();
    return reopening;
  };

  gen = await openGeneration();
  const kysely = new Kysely<Database>({
    dialect: new DuckDBDialect({
      acquire: async () => (await current()).pool.acquire(),
      release: (c) => (gen && c.gate === gen.gate ? gen.pool.release(c) : c.connection.closeSync()),
    }),
  });
  let writes: Promise<unknown> = Promise.resolve();

  const all = async <T>(sqlText: string, params: unknown[] = []) => {
    const g = await current();
    return g.gate.run(async () => (await (await g.main.run(sqlText, toDuckDBParams(params))).getRowObjectsJS()).map(toPlainRow) as T[]);
  };

  const warehouse: Warehouse = {
    path: file,
    timeZone,
    settings,
    get instance() {
      if (!gen) throw new Error('the warehouse is being reopened');
      return gen.instance;
    },
    kysely,
    figures: opts.figures,
    cache: new QueryCache(),
    changeListeners: new Set(),
    all,
    async run(sqlText, params = []) {
      const g = await current();
      return g.gate.run(async () => (await g.main.run(sqlText, toDuckDBParams(params))).rowsChanged);
    },
    async connect() {
      const g = await current();
      return g.gate.run(() => g.instance.connect());
    },
    async allCores<T>(fn: () => Promise<T>): Promise<T> {
      if (!opts.readThreads) return fn();
      // The first to start sets every core; the others wait for that too.
      if (wide++ === 0) widening = warehouse.run(`SET GLOBAL threads = ${cores}`);
      try {
        await widening;
        return await fn();
      } finally {
        if (--wide === 0 && !closed) await warehouse.run(`SET GLOBAL threads = ${opts.readThreads}`).catch(() => {});
      }
    },
    write<T>(fn: (conn: DuckDBConnection) => Promise<T>, before?: (conn: DuckDBConnection) => Promise<void>): Promise<T> {
      const next = writes.then(current).then((g) =>
        g.gate.run(async () => {
          const conn = await g.instance.connect();
          try {
            await before?.(conn);
            await conn.run('BEGIN TRANSACTION');
            const out = await fn(conn);
            try {
              await conn.run('COMMIT');
            } catch (e) {
              // The data are written; only the checkpoint after them failed (a full disk). The load or refresh
              // succeeded: its answer stands, and the next use opens the file again.
              if (!/COMMIT succeeded and is durable/.test((e as Error).message)) throw e;
              invalidate(g);
            }
            return out;
          } catch (e) {
            await conn.run('ROLLBACK').catch(() => {});
            throw e;
          } finally {
            conn.closeSync();
          }
        }),
      );
      writes = next.catch(() => {});
      return next;
    },
    async close() {
      closed = true;
      await opts.figures?.close();
      await reopening?.catch(() => {});
      await kysely.destroy();
      if (gen) await retire(gen);
      gen = undefined;
    },
  };
  if (!opts.readOnly) {
    // A checkpoint right after a migration: DuckDB 1.5 cannot replay an ALTER TABLE on a table with a
    // nextval() default from the WAL (duckdb/duckdb#18259, #20543), so a process killed before the next
    // checkpoint left a file that never opened again ("Failure while replaying WAL file").
    if (await migrateToLatest(kysely)) await gen.main.run('CHECKPOINT');
    await markInterruptedRuns(gen.main);
    if (file !== ':memory:') removeLeftoverSpillFiles(file);
  }
  return warehouse;
}

// Migrations work on whatever tables existed at their time: untyped, as Kysely advises.
// biome-ignore lint/suspicious/noExplicitAny: see above
/** Runs the migrations not yet applied; returns how many ran. */
export async function migrateToLatest(kysely: Kysely<any>): Promise<number> {
  const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? error}`);
  }
  return results?.length ?? 0;
}
