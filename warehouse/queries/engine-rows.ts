// The one place a figures reader chooses its engine: with `engine: "trino"` a query whose models the last refresh
// built on Trino runs there (its DuckDB SQL translated, its values bound: warehouse/trino/trino-figures.ts); any
// other, and every query without an engine, runs on DuckDB.
import type { RawBuilder } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';

/** Whether the query over these models (`metrics.opened`) is read from the figures engine. */
export const readsFromEngine = (db: Warehouse, models: readonly string[]): boolean => !!db.figures?.serves(models);

/** The rows of a reader's query, from the engine that serves its models. */
export async function engineRows<T>(db: Warehouse, query: RawBuilder<T>, models: readonly string[]): Promise<T[]> {
  if (db.figures && readsFromEngine(db, models)) {
    const compiled = query.compile(db.kysely);
    return (await db.figures.all(compiled.sql, compiled.parameters)) as T[];
  }
  return (await query.execute(db.kysely)).rows;
}
