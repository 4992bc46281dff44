// Figures a refresh works out once over the whole installed base (`computed_figures`): the reliability fits and the
// warranty forecast without filters, which at 5 M tickets take minutes to read and fit and which the quarterly
// report and the reliability page ask for first. A refresh clears them inside its transaction, so they never stand
// beside models they were not worked out from, and stores them once its models are committed (run-refresh.ts); a
// reader that finds none works its answer out itself. This module only reads and writes the table.
import { sql } from 'kysely';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Warehouse } from '../db/open-warehouse.ts';
import { coversEverything, type PeriodFilter } from './filter-conditions.ts';

export type ComputedFiguresName = 'reliability_fits' | 'warranty_forecast';

/** The stored figures, as they were written; undefined when the last refresh has not stored them (yet). */
export async function findComputedFigures<T>(db: Warehouse, name: ComputedFiguresName): Promise<T | undefined> {
  const row = await db.kysely
    .selectFrom('computed_figures')
    .select(sql<string>`figures::varchar`.as('figures'))
    .where('name', '=', name)
    .executeTakeFirst();
  return row && (JSON.parse(row.figures) as T);
}

export async function saveComputedFigures(db: Warehouse, name: ComputedFiguresName, figures: unknown): Promise<void> {
  await db.kysely
    .insertInto('computed_figures')
    .values({ name, figures: sql<string>`${JSON.stringify(figures)}::json`, computed_at: sql<Date>`now()` })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({ figures: eb.ref('excluded.figures'), computed_at: eb.ref('excluded.computed_at') })),
    )
    .execute();
}

/** Inside a refresh's transaction: the figures of the models it replaces go with them. */
export async function clearComputedFigures(conn: DuckDBConnection): Promise<void> {
  await conn.run('delete from computed_figures');
}

/** A reader's answer, kept until the next refresh: over every unit as the refresh stored it, else worked out. */
export function storedOrComputed<T>(
  db: Warehouse,
  name: ComputedFiguresName,
  q: PeriodFilter,
  compute: (db: Warehouse, q: PeriodFilter) => Promise<T>,
): Promise<T> {
  return db.cache.get(
    `${name}:${JSON.stringify(q)}`,
    async () => (coversEverything(q) ? await findComputedFigures<T>(db, name) : undefined) ?? compute(db, q),
  );
}
