// A small Kysely dialect over @duckdb/node-api. kysely-duckdb 0.4 has bugs that matter to us (Date parameters,
// count(*) rows, BIGINT/DECIMAL types); DuckDB speaks Postgres-style SQL with $1 placeholders, so Kysely's
// Postgres compiler is reused and only the driver and introspector are ours.
import { JSDuckDBValueConverter, type DuckDBConnection, type DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import {
  PostgresAdapter,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import { DuckDBIntrospector } from './duckdb-introspector.ts';
import { toDuckDBParams, toPlainRow } from './duckdb-values.ts';
import type { InFlight } from './in-flight.ts';

class DuckDBAdapter extends PostgresAdapter {
  // One process owns the file and writes are serialised by the warehouse, so migration locks are no-ops.
  override async acquireMigrationLock(): Promise<void> {}
  override async releaseMigrationLock(): Promise<void> {}
}

/** A connection and the gate of the instance it belongs to. */
export interface PooledConnection {
  readonly connection: DuckDBConnection;
  readonly gate: InFlight;
}

/** Where the dialect gets its connections: the warehouse's current instance (which may be reopened). */
export interface ConnectionSource {
  acquire(): Promise<PooledConnection>;
  release(c: PooledConnection): void;
}

/** The connections of one instance, kept for reuse until the instance's gate closes. */
export class ConnectionPool implements ConnectionSource {
  private readonly idle: DuckDBConnection[] = [];
  constructor(
    private readonly instance: DuckDBInstance,
    readonly gate: InFlight,
  ) {}

  async acquire(): Promise<PooledConnection> {
    return { connection: this.idle.pop() ?? (await this.gate.run(() => this.instance.connect())), gate: this.gate };
  }

  release(c: PooledConnection): void {
    // A connection keeps its database alive: one of an instance closed meanwhile is safe to close.
    if (c.gate === this.gate && !this.gate.isClosed) this.idle.push(c.connection);
    else c.connection.closeSync();
  }

  /** Closes the idle connections (before the instance closes; the instance belongs to the caller). */
  close(): void {
    for (const c of this.idle.splice(0)) c.closeSync();
  }
}

class DuckDBKyselyConnection implements DatabaseConnection {
  constructor(readonly pooled: PooledConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.pooled.gate.run(async () => {
      const result = await this.pooled.connection.run(query.sql, toDuckDBParams(query.parameters));
      const rows = (await result.getRowObjectsJS()).map(toPlainRow) as R[];
      const changed = result.rowsChanged;
      return changed > 0 || /^\s*(insert|update|delete)/i.test(query.sql) ? { rows, numAffectedRows: BigInt(changed) } : { rows };
    });
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const result = await this.pooled.connection.stream(query.sql, toDuckDBParams(query.parameters));
    const names = result.columnNames();
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const rows = chunk
        .convertRows(JSDuckDBValueConverter)
        .map((r) => toPlainRow(Object.fromEntries(names.map((n, i) => [n, r[i]]))) as R);
      yield { rows };
    }
  }
}

class DuckDBDriver implements Driver {
  constructor(private readonly source: ConnectionSource) {}

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new DuckDBKyselyConnection(await this.source.acquire());
  }
  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await (c as DuckDBKyselyConnection).pooled.connection.run('BEGIN TRANSACTION');
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await (c as DuckDBKyselyConnection).pooled.connection.run('COMMIT');
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await (c as DuckDBKyselyConnection).pooled.connection.run('ROLLBACK');
  }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    this.source.release((c as DuckDBKyselyConnection).pooled);
  }
  // The connections belong to the source, closed with it.
  async destroy(): Promise<void> {}
}

export class DuckDBDialect implements Dialect {
  constructor(private readonly source: ConnectionSource) {}
  createAdapter() {
    return new DuckDBAdapter();
  }
  createDriver(): Driver {
    return new DuckDBDriver(this.source);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new DuckDBIntrospector(db);
  }
}

export type { DuckDBValue };
