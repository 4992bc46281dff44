// The frozen figures of closed quarters (`quarter_figures`): one copy per quarter and region, kept as JSON text.
// When figures are frozen and what they hold is decided in reports/quarterly/quarter-figures.ts; this module only
// reads and writes the table.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';

export interface FrozenFiguresRow {
  /** The figures' JSON text. */
  figures: string;
  frozen_at: Date;
}

/** The frozen copy of a quarter's figures; region '' is the company-wide copy. */
export async function findFrozenFigures(db: Warehouse, quarter: string, region: string): Promise<FrozenFiguresRow | undefined> {
  const row = await db.kysely
    .selectFrom('quarter_figures')
    .select([sql<string>`figures::varchar`.as('figures'), 'frozen_at'])
    .where('quarter', '=', quarter)
    .where('region', '=', region)
    .executeTakeFirst();
  return row && { figures: row.figures, frozen_at: new Date(row.frozen_at) };
}

/** Freezes (or freezes anew) a quarter's figures, given as JSON text, as of `frozenAt`. */
export async function saveFrozenFigures(
  db: Warehouse,
  f: { quarter: string; region: string; figures: string; frozenAt: Date },
): Promise<void> {
  await db.kysely
    .insertInto('quarter_figures')
    .values({
      quarter: f.quarter,
      region: f.region,
      figures: sql<string>`${f.figures}::json`,
      frozen_at: sql<Date>`${f.frozenAt.toISOString()}::timestamptz`,
    })
    .onConflict((oc) =>
      oc
        .columns(['quarter', 'region'])
        .doUpdateSet((eb) => ({ figures: eb.ref('excluded.figures'), frozen_at: eb.ref('excluded.frozen_at') })),
    )
    .execute();
}
