// The tickets behind any figure: the same filters as the metrics, plus which part of a metric (its numerator,
// denominator or missed targets), paginated and sortable. A metric's part is read from its own view: the
// tickets behind part P of metric M are `select ticket_id from metrics.M where P > 0` under the figure's filters,
// so a drill-down lists exactly the tickets its figure counts. Metric and part names come from the fixed list
// below, never from the user; every user value is bound.
import { sql, type RawBuilder } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { metricCatalog, type MetricDefinition, type MetricKey } from '../../contract/metrics/catalog.ts';
import { dimensions, dimensionsOf } from './metric-dimensions.ts';
import { FilterError } from '../../contract/period/filter-error.ts';
import { ageBucketAt, endOfDay, openAt, type AgeBucket } from './backlog-aging.ts';
import { readRowPage, type RowPage } from './row-page.ts';
import { partRows, type DrillPart } from './part-rows.ts';

export const ticketColumns = [
  'ticket_id',
  'opened_at',
  'status',
  'region',
  'city',
  'product_line',
  'product_model',
  'serial_no',
  'severity',
  'channel',
  'service_type',
  'fault_category',
  'fault_code',
  'technician_id',
  'first_response_at',
  'arrived_at',
  'resolved_at',
  'closed_at',
  'response_hours',
  'arrival_hours',
  'resolution_hours',
  'rating',
  'fee',
] as const;
export type TicketColumn = (typeof ticketColumns)[number];

/**
 * The parts of each metric a ticket drill-down offers, as the column of the metric's view that flags them
 * (a ticket is behind the part when its row has the column > 0). Only identifiers: what each part means is
 * the view's. A count's figure is Σnumerator; its drill-down part is called denominator (the default part:
 * every row the figure counts). A duration's n, a Pareto's total and failures by age count rows flagged
 * denominator. Metrics not listed have no ticket drill-down.
 */
export const ticketDrillParts = {
  opened: { denominator: 'numerator' },
  resolution_rate: { denominator: 'denominator', numerator: 'numerator' },
  response_time: { denominator: 'denominator' },
  arrival_time: { denominator: 'denominator' },
  resolution_time: { denominator: 'denominator' },
  sla_compliance: { denominator: 'denominator', numerator: 'numerator', missed: 'missed' },
  csat: { denominator: 'denominator', numerator: 'numerator' },
  satisfaction_score: { denominator: 'denominator' },
  dissatisfied_rate: { denominator: 'denominator', numerator: 'numerator' },
  rating_response_rate: { denominator: 'denominator', numerator: 'numerator' },
  complaint_rate: { denominator: 'denominator' },
  fault_pareto: { denominator: 'denominator' },
  repeat_rate: { denominator: 'denominator', numerator: 'numerator' },
  cost: { denominator: 'denominator' },
  failures_by_age: { denominator: 'denominator' },
  first_time_fix_rate: { denominator: 'denominator', numerator: 'numerator', missed: 'missed' },
} as const satisfies Partial<Record<MetricKey, Partial<Record<DrillPart, string>>>>;

/** Tickets can also be filtered by fault and unit (links from the quality tables). */
export const ticketFilterDimensions = [...dimensions, 'fault_code', 'fault_category', 'serial_no'] as const;
export type TicketFilterDimension = (typeof ticketFilterDimensions)[number];

export interface TicketListQuery {
  from?: string;
  to?: string;
  filters?: Partial<Record<TicketFilterDimension, string[]>>;
  /** Tickets that used these parts. */
  partNo?: string[];
  /** Repeat tickets whose earlier fix was by these technicians (repeat_rate's attribution). */
  repeatOfTechnician?: string[];
  metric?: string;
  part?: DrillPart;
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
  for (const dim of Object.keys(q.filters ?? {})) {
    if (!(ticketFilterDimensions as readonly string[]).includes(dim)) throw new FilterError(`tickets cannot be filtered by "${dim}"`);
  }
  if ((q.monthsInService !== undefined || q.warranty || q.costType?.length) && q.metric !== 'cost' && q.metric !== 'failures_by_age') {
    throw new FilterError('months_in_service, warranty and cost_type filter the tickets of metric=failures_by_age or metric=cost');
  }
  // With a metric, the period and the dimensions of its view select its rows, as they do for the figure (by
  // technician, repeat_rate's repeats are those of the earlier fix); the other filters narrow the tickets.
  const viewDims: readonly string[] = q.metric ? dimensionsOf(q.metric as MetricKey) : [];
  const ticketFilters = Object.entries(q.filters ?? {}).filter(([dim]) => !viewDims.includes(dim));
  if (q.metric) {
    const parts = (ticketDrillParts as Record<string, Partial<Record<DrillPart, string>>>)[q.metric];
    if (!parts) throw new FilterError(`no ticket drill-down for "${q.metric}"`);
    if (q.metric === 'sla_compliance' && !q.slaTarget)
      throw new FilterError('sla_compliance needs sla_target (response, arrival or resolution)');
    const column = parts[q.part ?? 'denominator'];
    if (!column) throw new FilterError(`${q.metric} has no part "${q.part}"`);
    const viewFilters = Object.entries(q.filters ?? {}).filter(([dim]) => viewDims.includes(dim)) as [string, unknown][];
    viewFilters.push(
      ['sla_target', q.metric === 'sla_compliance' ? q.slaTarget : undefined],
      ['months_in_service', q.monthsInService],
      ['warranty', q.warranty],
      ['cost_type', q.costType],
    );
    c.push(partRows(q.metric as MetricKey, column, { from: q.from, to: q.to, filters: viewFilters }, 'ticket_id'));
    // Rows dated by their ticket's opened day: only the tickets opened in the period need matching (the mart is
    // stored in opened order, so the others' row groups are skipped).
    if ((metricCatalog[q.metric as MetricKey] as MetricDefinition | undefined)?.openedDay) c.push(...openedWithin(q));
  } else {
    c.push(...openedWithin(q));
  }
  for (const [dim, values] of ticketFilters) if (values?.length) c.push(sql`${sql.ref(dim)} in (${sql.join(values)})`);
  if (q.partNo?.length) c.push(sql`ticket_id in (select ticket_id from staging.stg_parts where part_no in (${sql.join(q.partNo)}))`);
  if (q.repeatOfTechnician?.length) {
    c.push(
      sql`ticket_id in (select ticket_id from marts.repeat_pairs where repeat_mode = 'strict' and previous_technician_id in (${sql.join(q.repeatOfTechnician)}))`,
    );
  }
  if (q.status?.length) c.push(sql`status in (${sql.join(q.status)})`);
  if (q.rating?.length) c.push(sql`rating in (${sql.join(q.rating)})`);
  if (q.openOn) {
    const end = endOfDay(q.openOn);
    c.push(openAt(end));
    if (q.openAge) c.push(sql`${ageBucketAt(end)} = ${q.openAge}`);
  } else if (q.openAge) throw new FilterError('open_age needs open_on (the day the backlog is aged on)');
  return c;
}

/** The tickets opened within the query's period. */
const openedWithin = (q: TicketListQuery): RawBuilder<unknown>[] => [
  ...(q.from ? [sql`opened_date >= ${q.from}::date`] : []),
  ...(q.to ? [sql`opened_date <= ${q.to}::date`] : []),
];

/** A page of tickets and the total; kept in the warehouse's cache until the next refresh (frozen, shared). */
export function listTickets(db: Warehouse, q: TicketListQuery): Promise<RowPage> {
  return db.cache.get(`ticket-list:${JSON.stringify(q)}`, () =>
    readRowPage(db, {
      table: 'marts.tickets',
      columns: ticketColumns,
      where: conditionsOf(q),
      sort: q.sort ?? 'opened_at',
      order: q.order,
      key: 'ticket_id',
      limit: q.limit,
      offset: q.offset,
    }),
  );
}
