// GET /api/metrics/:name — rows of one metric for any filter and grain (not chart options).
import type { FastifyPluginAsync } from 'fastify';
import { MetricQueryError, readMetricSeries } from '../../../warehouse/queries/metric-series.ts';
import { allDimensions, type Dimension } from '../../../warehouse/queries/metric-dimensions.ts';
import { metricCatalog, metricKeys, type MetricKey } from '../../../warehouse/metrics/catalog.ts';
import { sendArrow, wantsArrow } from '../arrow-reply.ts';
import { MetricParams, MetricQuerystring, MetricSeriesReply } from '../schemas/metric-series.schema.ts';

const splitList = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

export const metricsRoute: FastifyPluginAsync = async (app) => {
  app.get('/api/metrics', async () => ({ metrics: metricKeys.map((k) => metricCatalog[k]) }));

  app.get<{ Params: { name: MetricKey }; Querystring: MetricQuerystring }>(
    '/api/metrics/:name',
    { schema: { params: MetricParams, querystring: MetricQuerystring, response: { 200: MetricSeriesReply } } },
    async (req, reply) => {
      const q = req.query as Record<string, string | undefined>;
      const filters: Partial<Record<Dimension, string[]>> = {};
      for (const d of allDimensions) {
        const values = splitList(q[d]);
        if (values) filters[d] = values;
      }
      try {
        const series = await readMetricSeries(app.db, {
          metric: req.params.name,
          grain: req.query.grain ?? 'month',
          by: splitList(req.query.by) as Dimension[] | undefined,
          from: req.query.from,
          to: req.query.to,
          filters,
          clock: req.query.clock,
        });
        return wantsArrow(req) ? sendArrow(reply, series.rows) : series;
      } catch (e) {
        if (e instanceof MetricQueryError) return reply.status(400).send({ error: e.message });
        throw e;
      }
    },
  );
};
