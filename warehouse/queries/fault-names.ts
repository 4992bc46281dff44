// Each fault code's name (marts.fault_names: its tickets' most frequent fault description), for the labels
// "AC08 压缩机异响" screens, exports and the PDF show beside a code (presentation/i18n/dimension-labels.ts, faultLabel).
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';

/** Code -> name; empty before the first refresh has built the marts. */
/** Each fault code's name, from its tickets' fault descriptions (marts.fault_names, GET /api/fault-names). */
export type FaultNames = Readonly<Record<string, string>>;

export function readFaultNames(db: Warehouse): Promise<FaultNames> {
  return db.cache.get('fault-names', async () => {
    const built = await sql<{
      n: number;
    }>`select count(*)::integer as n from information_schema.tables where table_schema = 'marts' and table_name = 'fault_names'`.execute(
      db.kysely,
    );
    if (!built.rows[0]?.n) return Object.freeze({});
    const r = await sql<{
      fault_code: string;
      fault_name: string;
    }>`select fault_code, fault_name from marts.fault_names order by fault_code`.execute(db.kysely);
    return Object.freeze(Object.fromEntries(r.rows.map((x) => [x.fault_code, x.fault_name])));
  });
}
