// GET /api/backlog/aging?as_of=YYYY-MM-DD&region=… — the backlog on a day, by age bucket.
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import { readBacklogAging } from '../../../warehouse/queries/backlog-aging.ts';
import { dimensions, type Dimension } from '../../../warehouse/queries/metric-dimensions.ts';
import { isoDate } from '../schemas/period-params.schema.ts';
import { filterParams } from '../schemas/filter-params.schema.ts';
import { roleGroups } from '../auth/route-access.ts';
import { BacklogAgingReply } from '../schemas/backlog-aging.schema.ts';

const Query = Type.Object(
  {
    as_of: isoDate,
    ...filterParams(dimensions),
  },
  { additionalProperties: false },
);

export const backlogAgingRoute: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: Static<typeof Query> }>(
    '/api/backlog/aging',
    { schema: { querystring: Query, response: { 200: BacklogAgingReply } }, config: { access: roleGroups.quality } },
    async (req) => {
      const q = req.query as Record<string, string | undefined>;
      const filters: Partial<Record<Dimension, string[]>> = {};
      for (const d of dimensions) if (q[d]) filters[d] = q[d]!.split(',');
      return readBacklogAging(app.db, req.query.as_of, filters);
    },
  );
};
