// GET /api/metrics/:name — rows of one metric for any filter and grain (not chart options).
import type { FastifyPluginAsync } from 'fastify';
import { readMetricSeries } from '../../../warehouse/queries/metric-series.ts';
import { allDimensions, type Dimension } from '../../../warehouse/queries/metric-dimensions.ts';
import { metricCatalog, metricKeys, type MetricKey, metricCatalogWith, textSettingsOf } from '../../../contract/metrics/catalog.ts';
import { sendArrow, wantsArrow } from '../arrow-reply.ts';
import { MetricCatalogReply, MetricParams, MetricQuerystring, MetricSeriesReply } from '../schemas/metric-series.schema.ts';
import { NoQuery } from '../schemas/json-types.schema.ts';

import { filtersFrom, splitList } from '../query-lists.ts';
import { exportAudit, roleGroups } from '../auth/route-access.ts';

const slaMetrics = new Set<MetricKey>(['sla_compliance', 'response_time', 'arrival_time', 'resolution_time']);

export const metricsRoute: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/metrics',
    { schema: { querystring: NoQuery, response: { 200: MetricCatalogReply } }, config: { access: 'signed-in' } },
    async () => {
      const catalog = metricCatalogWith(textSettingsOf(app.db.settings));
      return { metrics: metricKeys.map((k) => catalog[k]) };
    },
  );

  app.get<{ Params: { name: MetricKey }; Querystring: MetricQuerystring }>(
    '/api/metrics/:name',
    {
      schema: { params: MetricParams, querystring: MetricQuerystring, response: { 200: MetricSeriesReply } },
      config: { access: roleGroups.figures, audit: exportAudit },
    },
    async (req, reply) => {
      const series = await readMetricSeries(app.db, {
        metric: req.params.name,
        grain: req.query.grain ?? 'month',
        by: splitList(req.query.by) as Dimension[] | undefined,
        from: req.query.from,
        to: req.query.to,
        filters: filtersFrom(req.query, allDimensions),
        clock: req.query.clock,
      });
      if (wantsArrow(req)) return sendArrow(reply, series.rows);
      // The targets the figures are judged against (the configuration the warehouse was opened with), for goal lines.
      return slaMetrics.has(req.params.name) ? { ...series, sla_targets: app.db.settings.sla } : series;
    },
  );
};
