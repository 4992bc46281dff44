// GET /api/tickets — the tickets behind any figure (paginated, sortable), as JSON, formula-safe CSV
// (format=csv) or Arrow (Accept: application/vnd.apache.arrow.stream).
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import { listTickets, ticketColumns, ticketFilterDimensions, type TicketColumn } from '../../../warehouse/queries/ticket-list.ts';
import { ageBuckets } from '../../../warehouse/queries/backlog-aging.ts';
import { metricKeys } from '../../../contract/metrics/catalog.ts';
import { filtersFrom, splitList as list } from '../query-lists.ts';
import { sendRowPage } from '../row-page-reply.ts';
import { exportAudit, roleGroups } from '../auth/route-access.ts';
import { isoDate } from '../schemas/period-params.schema.ts';
import { filterParams } from '../schemas/filter-params.schema.ts';
import { TicketPageReply } from '../schemas/row-page.schema.ts';
import { LangParam } from '../schemas/json-types.schema.ts';

const TicketsQuerystring = Type.Object(
  {
    from: Type.Optional(isoDate),
    to: Type.Optional(isoDate),
    metric: Type.Optional(Type.Union(metricKeys.map((k) => Type.Literal(k)))),
    part: Type.Optional(Type.Union([Type.Literal('numerator'), Type.Literal('denominator'), Type.Literal('missed')])),
    sla_target: Type.Optional(Type.Union([Type.Literal('response'), Type.Literal('arrival'), Type.Literal('resolution')])),
    open_on: Type.Optional(isoDate),
    open_age: Type.Optional(
      Type.Union(
        ageBuckets.map((b) => Type.Literal(b)),
        { description: 'with open_on: the backlog tickets of one age bucket' },
      ),
    ),
    months_in_service: Type.Optional(Type.Integer({ minimum: 0, maximum: 1200, description: 'with metric=failures_by_age' })),
    warranty: Type.Optional(
      Type.Union([Type.Literal('warranty'), Type.Literal('paid')], { description: 'with metric=failures_by_age or metric=cost' }),
    ),
    cost_type: Type.Optional(Type.String({ pattern: '^(parts|labour|travel)(,(parts|labour|travel))*$', description: 'with metric=cost' })),
    status: Type.Optional(Type.String({ maxLength: 200 })),
    rating: Type.Optional(Type.String({ pattern: '^[1-5](,[1-5])*$' })),
    sort: Type.Optional(Type.Union(ticketColumns.map((c) => Type.Literal(c)))),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    lang: LangParam,
    part_no: Type.Optional(Type.String({ maxLength: 2000, description: 'tickets that used these parts' })),
    repeat_of_technician_id: Type.Optional(
      Type.String({ maxLength: 2000, description: 'repeat tickets whose earlier fix was by these technicians' }),
    ),
    ...filterParams(ticketFilterDimensions),
  },
  { additionalProperties: false },
);
type TicketsQuerystring = Static<typeof TicketsQuerystring>;

export const ticketsRoute: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: TicketsQuerystring }>(
    '/api/tickets',
    {
      schema: { querystring: TicketsQuerystring, response: { 200: TicketPageReply } },
      config: { access: roleGroups.quality, audit: exportAudit },
    },
    async (req, reply) => {
      const q = req.query;
      const result = await listTickets(app.db, {
        from: q.from,
        to: q.to,
        filters: filtersFrom(q, ticketFilterDimensions),
        metric: q.metric,
        part: q.part,
        repeatOfTechnician: list(q.repeat_of_technician_id),
        partNo: list(q.part_no),
        slaTarget: q.sla_target,
        openOn: q.open_on,
        openAge: q.open_age,
        monthsInService: q.months_in_service,
        warranty: q.warranty,
        costType: list(q.cost_type),
        status: list(q.status),
        rating: list(q.rating)?.map(Number),
        sort: q.sort as TicketColumn | undefined,
        order: q.order,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      return sendRowPage(req, reply, result, {
        kind: 'tickets',
        columns: ticketColumns,
        csvName: 'tickets.csv',
        format: q.format,
        lang: q.lang,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
    },
  );
};
