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

class DuckDBKyselyConnection implements DatabaseConnection {
  constructor(
    readonly connection: DuckDBConnection,
    private readonly gate: InFlight,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.gate.run(async () => {
      const result = await this.connection.run(query.sql, toDuckDBParams(query.parameters));
      const rows = (await result.getRowObjectsJS()).map(toPlainRow) as R[];
      const changed = result.rowsChanged;
      return changed > 0 || /^\s*(insert|update|delete)/i.test(query.sql) ? { rows, numAffectedRows: BigInt(changed) } : { rows };
    });
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const result = await this.connection.stream(query.sql, toDuckDBParams(query.parameters));
    const names = result.columnNames();
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const rows = chunk.convertRows(JSDuckDBValueConverter).map((r) => toPlainRow(Object.fromEntries(names.map((n, i) => [n, r[i]]))) as R);
      yield { rows };
    }
  }
}

class DuckDBDriver implements Driver {
  private readonly idle: DuckDBConnection[] = [];
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly gate: InFlight,
  ) {}

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new DuckDBKyselyConnection(this.idle.pop() ?? (await this.gate.run(() => this.instance.connect())), this.gate);
  }
  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await (c as DuckDBKyselyConnection).connection.run('BEGIN TRANSACTION');
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await (c as DuckDBKyselyConnection).connection.run('COMMIT');
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await (c as DuckDBKyselyConnection).connection.run('ROLLBACK');
  }
  async releaseConnection(c: DatabaseConnection): Promise<void> {
    this.idle.push((c as DuckDBKyselyConnection).connection);
  }
  // The instance belongs to the caller (the warehouse): only our connections are closed here.
  async destroy(): Promise<void> {
    for (const c of this.idle.splice(0)) c.closeSync();
  }
}

export class DuckDBDialect implements Dialect {
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly gate: InFlight,
  ) {}
  createAdapter() {
    return new DuckDBAdapter();
  }
  createDriver(): Driver {
    return new DuckDBDriver(this.instance, this.gate);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new DuckDBIntrospector(db);
  }
}

export type { DuckDBValue };
