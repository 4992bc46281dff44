// chronic_units: the units with at least `chronic_tickets` counted tickets within the chronic window, reached
// by a ticket opened in the period (and matching the filters), with the unit's whole counted history summed.
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

/** The first `limit` units (default 500), with how many there are in all. */
export function readChronicUnits(db: Warehouse, q: PeriodFilter & { limit?: number }): Promise<TablePage<ChronicUnit>> {
  return db.cache.get(`chronic-units:${JSON.stringify(q)}`, async () => {
    const where = filterConditions(q, chronicUnitDimensions, 'chronic_units');
    const rows = await engineRows(
      db,
      sql<ChronicUnit & { total_rows: number }>`
      with reached as (
        select serial_no from metrics.chronic_units where is_chronic and ${where} group by serial_no
      ),
      history as (
        select c.* from metrics.chronic_units c join reached using (serial_no)
      ),
      repeats as (
        select serial_no, count(*)::integer as repeats from marts.repeat_pairs
        where repeat_mode = 'strict' and serial_no in (select serial_no from reached) group by serial_no
      )
      select h.serial_no,
             arg_max(h.product_line, h.opened_at) as product_line,
             arg_max(h.product_model, h.opened_at) as product_model,
             arg_max(h.region, h.opened_at) as region,
             max(h.tickets_in_window)::integer as most_in_window,
             count(*)::integer as tickets,
             coalesce(any_value(r.repeats), 0)::integer as repeats,
             ${minuteText(sql`min(h.opened_at)`)} as first_opened_at,
             ${minuteText(sql`max(h.opened_at)`)} as last_opened_at,
             -- Nulls left out first: DuckDB's list_distinct drops them, Trino's array_distinct keeps them.
             list_sort(list_distinct(list(h.fault_code) filter (where h.fault_code is not null))) as fault_codes,
             list_sort(list_distinct(list(h.technician_id) filter (where h.technician_id is not null))) as technician_ids,
             count(*) over ()::integer as total_rows
      from history h left join repeats r using (serial_no)
      group by h.serial_no
      order by most_in_window desc, tickets desc, last_opened_at desc, serial_no
      limit ${q.limit ?? 500}`,
      ['metrics.chronic_units', 'marts.repeat_pairs'],
    );
    return Object.freeze(pageOfCounted<ChronicUnit>(rows));
  });
}
