// GET /api/complaints — the complaints behind a complaint figure (paginated, sortable), as JSON, formula-safe
// CSV (format=csv) or Arrow (Accept: application/vnd.apache.arrow.stream).
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import { complaintColumns, complaintMetrics, listComplaints, type ComplaintColumn } from '../../../warehouse/queries/complaint-list.ts';
import { dimensions } from '../../../warehouse/queries/metric-dimensions.ts';
import { filtersFrom, splitList as list } from '../query-lists.ts';
import { sendRowPage } from '../row-page-reply.ts';
import { LangParam } from '../schemas/json-types.schema.ts';
import { exportAudit, roleGroups } from '../auth/route-access.ts';
import { isoDate } from '../schemas/period-params.schema.ts';
import { filterParams } from '../schemas/filter-params.schema.ts';
import { ComplaintPageReply } from '../schemas/row-page.schema.ts';

const ComplaintsQuerystring = Type.Object(
  {
    from: Type.Optional(isoDate),
    to: Type.Optional(isoDate),
    metric: Type.Optional(Type.Union(complaintMetrics.map((k) => Type.Literal(k)))),
    part: Type.Optional(Type.Union([Type.Literal('numerator'), Type.Literal('denominator'), Type.Literal('missed')])),
    category: Type.Optional(Type.String({ maxLength: 2000 })),
    verified: Type.Optional(Type.Union([Type.Literal('yes'), Type.Literal('no')])),
    sort: Type.Optional(Type.Union(complaintColumns.map((c) => Type.Literal(c)))),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    lang: LangParam,
    ...filterParams(dimensions),
  },
  { additionalProperties: false },
);
type ComplaintsQuerystring = Static<typeof ComplaintsQuerystring>;

export const complaintsRoute: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: ComplaintsQuerystring }>(
    '/api/complaints',
    {
      schema: { querystring: ComplaintsQuerystring, response: { 200: ComplaintPageReply } },
      config: { access: roleGroups.quality, audit: exportAudit },
    },
    async (req, reply) => {
      const q = req.query;
      const page = await listComplaints(app.db, {
        from: q.from,
        to: q.to,
        filters: filtersFrom(q, dimensions),
        category: list(q.category),
        verified: q.verified,
        metric: q.metric,
        part: q.part,
        sort: q.sort as ComplaintColumn | undefined,
        order: q.order,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
      return sendRowPage(req, reply, page, {
        kind: 'complaints',
        columns: complaintColumns,
        csvName: 'complaints.csv',
        format: q.format,
        lang: q.lang,
        limit: q.limit ?? 50,
        offset: q.offset ?? 0,
      });
    },
  );
};
