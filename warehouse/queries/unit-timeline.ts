// One unit's history (机身履历): every ticket on a serial number in time order with its visits, parts and
// complaints, and which earlier ticket it repeats (strict: same fault; loose: any fault) and after how many days.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { minuteText } from './minute-text.ts';

export interface UnitTimeline {
  serial_no: string;
  product_model: string | null;
  installed_at: string | null;
  warranty_until: string | null;
  tickets: UnitTicket[];
}

export interface UnitTicket {
  ticket_id: string;
  opened_at: string;
  resolved_at: string | null;
  status: string | null;
  fault_code: string | null;
  fault_category: string | null;
  resolution: string | null;
  technician_id: string | null;
  region: string | null;
  rating: number | null;
  repeats_ticket_id: string | null;
  repeat_mode: 'strict' | 'loose' | null;
  days_since_previous_fix: number | null;
  visits: { repair_id: string; started_at: string | null; outcome: string | null; technician_id: string | null }[];
  parts: { part_line_id: string; part_no: string; part_name: string | null; quantity: number; issued_at: string | null }[];
  complaints: { complaint_id: string; received_at: string | null; category: string | null; is_verified: boolean | null }[];
}

export function readUnitTimeline(db: Warehouse, serialNo: string): Promise<UnitTimeline | null> {
  return db.cache.get(`unit-timeline:${serialNo}`, async () => {
    const tickets = (
      await sql<UnitTicket & { product_model: string | null; installed_at: string | null; warranty_until: string | null }>`
        with unit as (select * from marts.tickets where serial_no = ${serialNo}),
        pairs as (
          select ticket_id, arg_max(previous_ticket_id, repeat_mode) as repeats_ticket_id, max(repeat_mode) as repeat_mode,
                 round(arg_max(days_between, repeat_mode), 1) as days_since_previous_fix
          from marts.repeat_pairs where serial_no = ${serialNo} group by ticket_id
        ),
        visits as (
          select ticket_id, list({repair_id: repair_id, started_at: ${minuteText('started_at')}, outcome: outcome, technician_id: technician_id} order by started_at) as visits
          from staging.stg_repairs where ticket_id in (select ticket_id from unit) group by ticket_id
        ),
        parts as (
          select ticket_id, list({part_line_id: part_line_id, part_no: part_no, part_name: part_name, quantity: quantity::double, issued_at: ${minuteText('issued_at')}} order by issued_at) as parts
          from staging.stg_parts where ticket_id in (select ticket_id from unit) group by ticket_id
        ),
        complaints as (
          select ticket_id, list({complaint_id: complaint_id, received_at: ${minuteText('received_at')}, category: category, is_verified: is_verified} order by received_at) as complaints
          from marts.complaints where ticket_id in (select ticket_id from unit) group by ticket_id
        )
        select u.ticket_id, ${minuteText('opened_at')} as opened_at, ${minuteText('resolved_at')} as resolved_at, u.status, u.fault_code, u.fault_category,
               u.resolution, u.technician_id, u.region, u.rating, u.product_model,
               strftime(u.installed_at, '%Y-%m-%d') as installed_at, strftime(u.warranty_until, '%Y-%m-%d') as warranty_until,
               p.repeats_ticket_id, p.repeat_mode, p.days_since_previous_fix,
               coalesce(v.visits, []) as visits, coalesce(pt.parts, []) as parts, coalesce(c.complaints, []) as complaints
        from unit u
        left join pairs p using (ticket_id)
        left join visits v using (ticket_id)
        left join parts pt using (ticket_id)
        left join complaints c using (ticket_id)
        order by u.opened_at, u.ticket_id`.execute(db.kysely)
    ).rows;
    if (tickets.length === 0) return null;
    const last = tickets[tickets.length - 1];
    return Object.freeze({
      serial_no: serialNo,
      product_model: last.product_model,
      installed_at: last.installed_at,
      warranty_until: last.warranty_until,
      tickets: tickets.map(({ product_model: _m, installed_at: _i, warranty_until: _w, ...t }) => t),
    });
  });
}
