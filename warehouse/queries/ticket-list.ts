// The tickets behind any figure: the same filters as the metrics, plus which part of a metric (its numerator
// or denominator), paginated and sortable. Conditions per metric are ours; every user value is bound.
import { sql, type RawBuilder } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { dimensions } from './metric-dimensions.ts';
import { FilterError } from '../../contract/period/filter-error.ts';
import { ageBucketAt, endOfDay, openAt, type AgeBucket } from './backlog-aging.ts';
import { readRowPage, type RowPage } from './row-page.ts';

export const ticketColumns = [
  'ticket_id', 'opened_at', 'status', 'region', 'city', 'product_line', 'product_model', 'serial_no', 'severity', 'channel',
  'service_type', 'fault_category', 'fault_code', 'technician_id', 'first_response_at', 'arrived_at', 'resolved_at', 'closed_at',
  'response_hours', 'arrival_hours', 'resolution_hours', 'rating', 'fee',
] as const;
export type TicketColumn = (typeof ticketColumns)[number];

/** Conditions on rows of a figure's own table: a list is any of its values; undefined is no condition. */
const rowConditions = (pairs: [string, unknown][]) =>
  sql.join([sql`true`, ...pairs.filter(([, v]) => v !== undefined).map(([col, v]) => (Array.isArray(v) ? sql`${sql.ref(col)} in (${sql.join(v)})` : sql`${sql.ref(col)} = ${v}`))], sql` and `);

/** A part of a metric: a condition on marts.tickets, or one built from the query (a bar of a figure's own rows). */
type Part = string | ((q: TicketListQuery) => RawBuilder<unknown>);

/** Which tickets make up each part of a metric (marts.tickets columns). */
const parts: Record<string, { denominator: Part; numerator?: Part; missed?: Part }> = {
  opened: { denominator: 'is_counted' },
  resolution_rate: { denominator: 'is_counted', numerator: 'is_counted and is_resolved' },
  response_time: { denominator: 'is_counted and response_hours is not null' },
  arrival_time: { denominator: 'is_counted and arrival_hours is not null' },
  resolution_time: { denominator: 'is_counted and resolution_hours is not null' },
  csat: { denominator: 'is_counted and rating is not null', numerator: 'is_counted and rating >= 4' },
  satisfaction_score: { denominator: 'is_counted and rating is not null' },
  dissatisfied_rate: { denominator: 'is_counted and rating is not null', numerator: 'is_counted and rating <= 2' },
  rating_response_rate: { denominator: 'is_counted and is_resolved', numerator: 'is_counted and is_resolved and rating is not null' },
  complaint_rate: { denominator: 'is_counted' },
  fault_pareto: { denominator: 'is_counted' },
  // The repeat tickets themselves (strict mode); repeat_rate charges them to the earlier ticket's technician,
  // so filter the drill-down by the earlier fix with repeat_of_technician_id.
  repeat_rate: {
    denominator: 'is_counted and serial_no is not null',
    numerator: "ticket_id in (select ticket_id from marts.repeat_pairs where repeat_mode = 'strict')",
  },
  // Figures of cost lines and of failures by age: the tickets behind one of their bars, chosen in the figure's own
  // rows, where `warranty` means what it means in that figure.
  cost: {
    denominator: (q) =>
      sql`ticket_id in (select ticket_id from marts.costs where ${rowConditions([['cost_type', q.costType?.length ? q.costType : undefined], ['warranty', q.warranty]])})`,
  },
  failures_by_age: {
    denominator: (q) => sql`ticket_id in (select ticket_id from metrics.failures_by_age where ${rowConditions([['months_in_service', q.monthsInService], ['warranty', q.warranty]])})`,
  },
  first_time_fix_rate: {
    denominator: "is_counted and is_resolved and coalesce(service_type, 'repair') = 'repair'",
    missed: "is_counted and is_resolved and coalesce(service_type, 'repair') = 'repair' and ticket_id in (select ticket_id from marts.fixes where not is_first_time_fix)",
  },
};

/** Tickets can also be filtered by fault and unit (links from the quality tables). */
export const ticketFilterDimensions = [...dimensions, 'fault_code', 'fault_category', 'serial_no'] as const;
export type TicketFilterDimension = (typeof ticketFilterDimensions)[number];
const slaParts = (target: 'response' | 'arrival' | 'resolution') => ({
  denominator: `${target}_sla_applies`,
  numerator: `${target}_sla_applies and ${target}_sla_met`,
  missed: `${target}_sla_applies and not ${target}_sla_met`,
});

export interface TicketListQuery {
  from?: string;
  to?: string;
  filters?: Partial<Record<TicketFilterDimension, string[]>>;
  /** Tickets that used these parts. */
  partNo?: string[];
  /** Repeat tickets whose earlier fix was by these technicians (repeat_rate's attribution). */
  repeatOfTechnician?: string[];
  metric?: string;
  part?: 'numerator' | 'denominator' | 'missed';
  slaTarget?: 'response' | 'arrival' | 'resolution';
  /** backlog: tickets open at the end of this day, optionally only those of one age bucket then. */
  openOn?: string;
  openAge?: AgeBucket;
  /** failures_by_age: whole months in service; failures_by_age and cost: the figure's warranty (warranty | paid). */
  monthsInService?: number;
  warranty?: 'warranty' | 'paid';
  /** cost: tickets with cost lines of these types (parts, labour, travel). */
  costType?: string[];
  status?: string[];
  rating?: number[];
  sort?: TicketColumn;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}


function conditionsOf(q: TicketListQuery): RawBuilder<unknown>[] {
  const c: RawBuilder<unknown>[] = [sql`true`];
  if (q.from) c.push(sql`opened_date >= ${q.from}::date`);
  if (q.to) c.push(sql`opened_date <= ${q.to}::date`);
  for (const [dim, values] of Object.entries(q.filters ?? {})) {
    if (!(ticketFilterDimensions as readonly string[]).includes(dim)) throw new FilterError(`tickets cannot be filtered by "${dim}"`);
    if (values?.length) c.push(sql`${sql.ref(dim)} in (${sql.join(values)})`);
  }
  if (q.partNo?.length) c.push(sql`ticket_id in (select ticket_id from staging.stg_parts where part_no in (${sql.join(q.partNo)}))`);
  if (q.repeatOfTechnician?.length) {
    c.push(sql`ticket_id in (select ticket_id from marts.repeat_pairs where repeat_mode = 'strict' and previous_technician_id in (${sql.join(q.repeatOfTechnician)}))`);
  }
  if (q.status?.length) c.push(sql`status in (${sql.join(q.status)})`);
  if (q.rating?.length) c.push(sql`rating in (${sql.join(q.rating)})`);
  if (q.openOn) {
    const end = endOfDay(q.openOn);
    c.push(openAt(end));
    if (q.openAge) c.push(sql`${ageBucketAt(end)} = ${q.openAge}`);
  } else if (q.openAge) throw new FilterError('open_age needs open_on (the day the backlog is aged on)');
  if ((q.monthsInService !== undefined || q.warranty || q.costType?.length) && q.metric !== 'cost' && q.metric !== 'failures_by_age') {
    throw new FilterError('months_in_service, warranty and cost_type filter the tickets of metric=failures_by_age or metric=cost');
  }
  if (q.metric) {
    const p = q.metric === 'sla_compliance' ? (q.slaTarget ? slaParts(q.slaTarget) : undefined) : parts[q.metric];
    if (!p) throw new FilterError(q.metric === 'sla_compliance' ? 'sla_compliance needs sla_target (response, arrival or resolution)' : `no ticket drill-down for "${q.metric}"`);
    const cond = (p as Record<string, Part | undefined>)[q.part ?? 'denominator'];
    if (!cond) throw new FilterError(`${q.metric} has no part "${q.part}"`);
    c.push(typeof cond === 'string' ? sql.raw(cond) : cond(q));
  }
  return c;
}

/** A page of tickets and the total; kept in the warehouse's cache until the next refresh (frozen, shared). */
export function listTickets(db: Warehouse, q: TicketListQuery): Promise<RowPage> {
  return db.cache.get(`ticket-list:${JSON.stringify(q)}`, () =>
    readRowPage(db, { table: 'marts.tickets', columns: ticketColumns, where: conditionsOf(q), sort: q.sort ?? 'opened_at', order: q.order, key: 'ticket_id', limit: q.limit, offset: q.offset }),
  );
}
