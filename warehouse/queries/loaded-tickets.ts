// How many tickets the warehouse holds, as loaded (raw.tickets, before the models): the health check's figure, and
// whether a fresh start loads the demo data.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';

export async function countLoadedTickets(db: Warehouse): Promise<number> {
  const r = await sql<{ tickets: number }>`select count(*)::integer as tickets from raw.tickets`.execute(db.kysely);
  return Number(r.rows[0].tickets);
}
