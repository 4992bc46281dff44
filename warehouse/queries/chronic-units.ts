// chronic_units: the units with at least `chronic_tickets` counted tickets within the chronic window, reached
// by a ticket opened in the period (and matching the filters), with the unit's whole counted history summed
// (stored by the refresh: marts.chronic_histories).
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { engineRows } from './engine-rows.ts';
import { filterConditions, type PeriodFilter } from './filter-conditions.ts';
import { dimensions } from './metric-dimensions.ts';
import { minuteText } from './minute-text.ts';
import { pageOfCounted, type TablePage } from './table-page.ts';

export interface ChronicUnit {
  serial_no: string;
  product_line: string | null;
  product_model: string | null;
  region: string | null;
  /** The most counted tickets the unit had within one window. */
  most_in_window: number;
  tickets: number;
  repeats: number;
  first_opened_at: string;
  last_opened_at: string;
  fault_codes: string[];
  technician_ids: string[];
}

export const chronicUnitDimensions = [...dimensions, 'fault_code'] as const;

/** The first `limit` units (default 500; 0: none, how many there are only), with how many there are in all. */
export function readChronicUnits(db: Warehouse, q: PeriodFilter & { limit?: number }): Promise<TablePage<ChronicUnit>> {
  return db.cache.get(`chronic-units:${JSON.stringify(q)}`, async () => {
    const where = filterConditions(q, chronicUnitDimensions, 'chronic_units');
    if (q.limit === 0) {
      // The count alone (a tab's name): the reached units, without their histories joined and sorted.
      const [{ n }] = await engineRows(
        db,
        sql<{ n: number }>`select count(distinct serial_no)::integer as n from metrics.chronic_units where is_chronic and ${where}`,
        ['metrics.chronic_units'],
      );
      return Object.freeze({ rows: [], total: Number(n), truncated: Number(n) > 0 });
    }
    const rows = await engineRows(
      db,
      sql<ChronicUnit & { total_rows: number }>`
      with reached as (
        select serial_no from metrics.chronic_units where is_chronic and ${where} group by serial_no
      )
      select h.serial_no, h.product_line, h.product_model, h.region, h.most_in_window, h.tickets, h.repeats,
             ${minuteText(sql`h.first_opened_at`)} as first_opened_at,
             ${minuteText(sql`h.last_opened_at`)} as last_opened_at,
             h.fault_codes, h.technician_ids,
             count(*) over ()::integer as total_rows
      from marts.chronic_histories h join reached using (serial_no)
      order by most_in_window desc, tickets desc, last_opened_at desc, serial_no
      limit ${q.limit ?? 500}`,
      ['metrics.chronic_units', 'marts.chronic_histories'],
    );
    return Object.freeze(pageOfCounted<ChronicUnit>(rows));
  });
}
