// parts_usage: quantity and cost by part (and model, fault, … as asked), the warranty share of the cost, and
// parts per repair ticket: the part quantity on counted repair tickets ÷ those tickets, under the same filters.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { engineRows } from './engine-rows.ts';
import { filterConditions, type PeriodFilter } from './filter-conditions.ts';
import { FilterError } from '../../contract/period/filter-error.ts';
import { dimensions } from './metric-dimensions.ts';

export const partsUsageDimensions = [...dimensions, 'fault_code', 'part_no', 'warranty'] as const;
export type PartsUsageDimension = (typeof partsUsageDimensions)[number];

export interface PartsUsage {
  by: PartsUsageDimension[];
  rows: Record<string, string | number | null>[];
  /** The sums over every row (the rows' count is the table's `total`). */
  overall: {
    quantity: number;
    cost: number;
    warranty_share: number | null;
    repair_tickets: number;
    parts_per_repair_ticket: number | null;
  };
}

export function readPartsUsage(db: Warehouse, q: PeriodFilter & { by?: string[] }): Promise<PartsUsage> {
  return db.cache.get(`parts-usage:${JSON.stringify(q)}`, async () => {
    const by = (q.by?.length ? q.by : ['part_no']) as PartsUsageDimension[];
    for (const d of by)
      if (!partsUsageDimensions.includes(d))
        throw new FilterError(`parts_usage has no dimension "${d}"; it has: ${partsUsageDimensions.join(', ')}`);
    const where = filterConditions(q, partsUsageDimensions, 'parts_usage');
    const dims = sql.join(by.map((d) => sql.ref(d)));
    const nameCol = by.includes('part_no') ? sql`, any_value(part_name) as part_name` : sql``;
    const ticketFilters = {
      ...q,
      filters: Object.fromEntries(Object.entries(q.filters ?? {}).filter(([d]) => d !== 'part_no' && d !== 'warranty')),
    };
    const ticketWhere = filterConditions(ticketFilters, partsUsageDimensions, 'parts_usage');
    const [rows, total, repairs] = await Promise.all([
      engineRows(
        db,
        sql<Record<string, string | number | null>>`
        select ${dims}${nameCol}, sum(quantity)::double as quantity, sum(cost)::double as cost,
               count(*)::integer as lines, count(distinct ticket_id)::integer as tickets,
               coalesce(sum(cost) filter (where warranty = 'warranty'), 0) / nullif(sum(cost), 0) as warranty_share
        from metrics.parts_usage where ${where}
        group by ${dims} order by cost desc, quantity desc, ${dims}`,
        ['metrics.parts_usage'],
      ),
      engineRows(
        db,
        sql<{ quantity: number | null; cost: number | null; warranty_share: number | null; repair_quantity: number | null }>`
        select sum(quantity)::double as quantity, sum(cost)::double as cost,
               coalesce(sum(cost) filter (where warranty = 'warranty'), 0) / nullif(sum(cost), 0) as warranty_share,
               sum(quantity) filter (where coalesce(service_type, 'repair') = 'repair' and is_on_counted_ticket)::double as repair_quantity
        from metrics.parts_usage where ${where}`,
        ['metrics.parts_usage'],
      ),
      // Days and dimensions of repair tickets, named as the metric views name them.
      engineRows(
        db,
        sql<{ n: number }>`
        select count(*)::integer as n from (
          select opened_date as day, region, product_line, product_model, severity, channel, service_type, technician_id, fault_code
          from marts.tickets where is_counted and coalesce(service_type, 'repair') = 'repair'
        ) where ${ticketWhere}`,
        ['marts.tickets'],
      ),
    ]);
    const t = total[0];
    const repairTickets = repairs[0].n;
    return Object.freeze({
      by,
      rows,
      overall: {
        quantity: t.quantity ?? 0,
        cost: t.cost ?? 0,
        warranty_share: t.warranty_share,
        repair_tickets: repairTickets,
        parts_per_repair_ticket: repairTickets ? (t.repair_quantity ?? 0) / repairTickets : null,
      },
    });
  });
}
