// The one place that opens DuckDB. A Warehouse owns the instance, a Kysely instance over it, and a write lock
// that serialises loads and refreshes (readers never wait for it: DuckDB's MVCC gives them the last commit).
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { Kysely, Migrator } from 'kysely';
import { DuckDBDialect } from './duckdb-dialect.ts';
import { toDuckDBParams, toPlainRow } from './duckdb-values.ts';
import { InFlight } from './in-flight.ts';
import { QueryCache } from './query-cache.ts';
import { migrations } from './migrations/index.ts';
import { markInterruptedRuns } from './interrupted-runs.ts';
import { analysisSettingsOf, defaultConfig, type AnalysisSettings } from '../config/config.ts';

export interface Warehouse {
  readonly path: string;
  readonly timeZone: string;
  /** SLA targets, service hours, calendar, windows: what the SQL models read (settings tables). */
  readonly settings: AnalysisSettings;
  readonly instance: DuckDBInstance;
  readonly kysely: Kysely<any>;
  /** Answers of reads over the marts; cleared by each successful refresh. */
  readonly cache: QueryCache;
  /** Rows of a read, with BIGINT converted to number. */
  all<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /** Runs one statement; returns the rows it changed. */
  run(sqlText: string, params?: unknown[]): Promise<number>;
  /**
   * Runs fn on a connection of its own inside one transaction, after every earlier write has finished.
   * `before` runs on that connection first, outside the transaction: work on the connection's own temp tables
   * (staging a file) is much faster there, and nothing it does needs undoing.
   */
  write<T>(fn: (conn: DuckDBConnection) => Promise<T>, before?: (conn: DuckDBConnection) => Promise<void>): Promise<T>;
  /** A fresh connection (caller closes it). */
  connect(): Promise<DuckDBConnection>;
  close(): Promise<void>;
}

export class WarehouseLockedError extends Error {}

export interface OpenOptions {
  timeZone?: string;
  settings?: Partial<AnalysisSettings>;
  /** Defaults to read-write; ':memory:' for an in-memory warehouse (tests). */
  readOnly?: boolean;
  /** DuckDB's memory_limit, such as "2GB"; unset or '' = DuckDB's default. */
  memoryLimit?: string;
}

export async function openWarehouse(file: string, opts: OpenOptions = {}): Promise<Warehouse> {
  const settings: AnalysisSettings = { ...analysisSettingsOf(defaultConfig), ...opts.settings };
  const timeZone = opts.timeZone ?? settings.timeZone;
  settings.timeZone = timeZone;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
      ...(opts.readOnly ? { access_mode: 'READ_ONLY' } : {}),
      ...(opts.memoryLimit ? { memory_limit: opts.memoryLimit } : {}),
    });
  } catch (e) {
    const msg = (e as Error).message;
    if (/lock/i.test(msg)) {
      throw new WarehouseLockedError(
        `${file} is in use by another Aftersight process (probably \`aftersight serve\`). ` +
          `Stop it, or send the work through its HTTP API, then try again.`,
      );
    }
    throw e;
  }
  const main = await instance.connect();
  // Periods (date_trunc on TIMESTAMPTZ) and times without an offset follow the configured zone.
  await main.run(`SET GLOBAL TimeZone = '${timeZone.replaceAll("'", "''")}'`);
  const gate = new InFlight();
  const kysely = new Kysely<any>({ dialect: new DuckDBDialect(instance, gate) });
  let writes: Promise<unknown> = Promise.resolve();

  const all = <T>(sqlText: string, params: unknown[] = []) =>
    gate.run(async () => (await (await main.run(sqlText, toDuckDBParams(params))).getRowObjectsJS()).map(toPlainRow) as T[]);

  const warehouse: Warehouse = {
    path: file,
    timeZone,
    settings,
    instance,
    kysely,
    cache: new QueryCache(),
    all,
    run(sqlText, params = []) {
      return gate.run(async () => (await main.run(sqlText, toDuckDBParams(params))).rowsChanged);
    },
    connect: () => gate.run(() => instance.connect()),
    write<T>(fn: (conn: DuckDBConnection) => Promise<T>, before?: (conn: DuckDBConnection) => Promise<void>): Promise<T> {
      const next = gate.run(() => writes).then(() => gate.run(async () => {
        const conn = await instance.connect();
        try {
          await before?.(conn);
          await conn.run('BEGIN TRANSACTION');
          const out = await fn(conn);
          await conn.run('COMMIT');
          return out;
        } catch (e) {
          await conn.run('ROLLBACK').catch(() => {});
          throw e;
        } finally {
          conn.closeSync();
        }
      }));
      writes = next.catch(() => {});
      return next;
    },
    async close() {
      await gate.close();
      await kysely.destroy();
      main.closeSync();
      instance.closeSync();
    },
  };
  if (!opts.readOnly) {
    // A checkpoint right after a migration: DuckDB 1.5 cannot replay an ALTER TABLE on a table with a
    // nextval() default from the WAL, so a process killed before the next checkpoint left a file that
    // never opened again ("Failure while replaying WAL file").
    if (await migrateToLatest(kysely)) await main.run('CHECKPOINT');
    await markInterruptedRuns(main);
  }
  return warehouse;
}

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
