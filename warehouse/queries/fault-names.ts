// Each fault code's name (marts.fault_names: its tickets' most frequent fault description), for the labels
// "AC08 压缩机异响" screens, exports and the PDF show beside a code (presentation/i18n/dimension-labels.ts, faultLabel).
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';

/** Each fault code's name (marts.fault_names, GET /api/fault-names): code -> name; empty before the first refresh
 *  has built the marts. */
export type FaultNames = Readonly<Record<string, string>>;

/** The names in Chinese (the loaded fault code list's Chinese name, else its English one, else the tickets'
 *  description) and in English (the list's English name, else the same). */
export interface FaultNamesByLang {
  zh: FaultNames;
  en: FaultNames;
}

export function readFaultNames(db: Warehouse): Promise<FaultNamesByLang> {
  return db.cache.get('fault-names', async () => {
    const built = await sql<{
      n: number;
    }>`select count(*)::integer as n from information_schema.tables where table_schema = 'marts' and table_name = 'fault_names'`.execute(
      db.kysely,
    );
    if (!built.rows[0]?.n) return Object.freeze({ zh: Object.freeze({}), en: Object.freeze({}) });
    const r = await sql<{
      fault_code: string;
      fault_name: string;
      fault_name_en: string;
    }>`select fault_code, fault_name, fault_name_en from marts.fault_names order by fault_code`.execute(db.kysely);
    return Object.freeze({
      zh: Object.freeze(Object.fromEntries(r.rows.map((x) => [x.fault_code, x.fault_name]))),
      en: Object.freeze(Object.fromEntries(r.rows.map((x) => [x.fault_code, x.fault_name_en]))),
    });
  });
}
