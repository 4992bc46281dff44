// The time the last refresh judged "still open past target" (marts.judged_at), to the minute in the configured
// zone: the "as of" of every figure whose metric is judgedAtRefresh in the catalog.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { minuteText } from './minute-text.ts';

export function readJudgedAt(db: Warehouse): Promise<string | null> {
  return db.cache.get('judged-at', async () => {
    const r = await sql<{ at: string }>`select ${minuteText('judged_at')} as at from marts.judged_at`.execute(db.kysely);
    return r.rows[0]?.at ?? null;
  });
}
