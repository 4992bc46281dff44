// The defective parts not back by their due day (seed 002: within 15 working days), oldest due first.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { engineRows } from './engine-rows.ts';
import { filterConditions, type PeriodFilter } from './filter-conditions.ts';
import { dimensions } from './metric-dimensions.ts';
import { minuteText } from './minute-text.ts';
import { pageOfCounted, type TablePage } from './table-page.ts';

export interface OverduePart {
  part_line_id: string;
  ticket_id: string | null;
  serial_no: string | null;
  part_no: string;
  part_name: string | null;
  supplier: string | null;
  technician_id: string | null;
  region: string | null;
  issued_at: string;
  due_day: string;
  days_overdue: number;
}

export const overduePartsDimensions = [...dimensions, 'fault_code', 'part_no'] as const;

/** The first `limit` lines (default 1000), with how many there are in all. */
export function readOverdueParts(db: Warehouse, q: PeriodFilter & { limit?: number }): Promise<TablePage<OverduePart>> {
  return db.cache.get(`overdue-parts:${JSON.stringify(q)}`, async () => {
    const where = filterConditions(q, overduePartsDimensions, 'parts_return_on_time');
    const rows = await engineRows(
      db,
      sql<OverduePart & { total_rows: number }>`
      select part_line_id, ticket_id, serial_no, part_no, part_name, supplier, technician_id, region,
             ${minuteText('issued_at')} as issued_at, strftime(due_day, '%Y-%m-%d') as due_day,
             date_diff('day', due_day, current_date)::integer as days_overdue,
             count(*) over ()::integer as total_rows
      from marts.part_returns where is_overdue and ${where}
      order by due_day, part_line_id limit ${q.limit ?? 1000}`,
      ['marts.part_returns'],
    );
    return Object.freeze(pageOfCounted<OverduePart>(rows));
  });
}
