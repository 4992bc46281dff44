// The table metrics, served as metrics (GET /api/metrics/<name>: quality_flags, chronic_units,
// fault_solutions, failures_by_age, parts_usage, …); one unit's
// history (GET /api/units/:serial_no) and the overdue defective parts (GET /api/parts/overdue, also as CSV).
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { PeriodFilter } from '../../../warehouse/queries/filter-conditions.ts';
import { readTableMetric } from '../../../warehouse/queries/table-metrics.ts';
import { withFlagReasons } from '../../../presentation/i18n/quality-flag-words.ts';
import { withProofReasons } from '../../../presentation/i18n/proof-of-fix-words.ts';
import type { ClaimsPerThousand } from '../../../warehouse/queries/claims-per-thousand.ts';
import type { Lang } from '../../../presentation/format/format-value.ts';
import { tableMetricKeys, type MetricKey } from '../../../contract/metrics/catalog.ts';
import { readOverdueParts } from '../../../warehouse/queries/overdue-parts.ts';
import { readUnitTimeline } from '../../../warehouse/queries/unit-timeline.ts';
import { toLabelledCsv } from '../csv-export.ts';
import { filtersFrom, splitList } from '../query-lists.ts';
import {
  OverduePartsReply,
  TableMetricQuerystring,
  UnitTimelineReply,
  tableFilterNames,
  tableMetricReplies,
} from '../schemas/table-metric.schema.ts';
import { errorReplies } from '../schemas/error-reply.schema.ts';
import { NoQuery } from '../schemas/json-types.schema.ts';
import { exportAudit, roleGroups, type RouteAccess } from '../auth/route-access.ts';
import { ownScorecard, regionsOf } from '../auth/row-access.ts';
import { apiError } from '../api-error.ts';

/** Scores are HR's (and a technician's own); the quality engineer's tables are the quality roles'; the rest are figures. */
const tableMetricAccess = (name: MetricKey): RouteAccess =>
  name === 'technician_score'
    ? { access: roleGroups.scorecards, narrow: ownScorecard }
    : name === 'claims_per_thousand'
      ? { access: roleGroups.quality, audit: exportAudit }
      : [
            'quality_flags',
            'chronic_units',
            'fault_solutions',
            'failures_by_age',
            'reliability_fits',
            'warranty_forecast',
            'parts_usage',
            'early_warnings',
            'corrective_actions',
          ].includes(name)
        ? { access: roleGroups.quality }
        : { access: roleGroups.figures };

/** The MIS table as a download labelled like the ticket CSV: the cohort column named by what it is. */
function sendMisCsv(res: FastifyReply, t: ClaimsPerThousand, lang: Lang, timeZone: string) {
  const rows = t.rows.map(({ cohort, ...cell }) => ({ [t.by]: cohort, ...cell }));
  res.header('x-total-count', String(rows.length)).header('x-truncated', 'false');
  res.header('content-disposition', 'attachment; filename="claims-per-thousand.csv"');
  return res
    .type('text/csv; charset=utf-8')
    .send(toLabelledCsv('units', rows, [t.by, 'months_in_service', 'units_at_risk', 'claims', 'claims_per_thousand'], lang, timeZone));
}

const periodFilterOf = (q: TableMetricQuerystring): PeriodFilter => ({ from: q.from, to: q.to, filters: filtersFrom(q, tableFilterNames) });

export const tableMetricsRoute: FastifyPluginAsync = async (app) => {
  type Req = { Querystring: TableMetricQuerystring };

  // Static paths win over the series route's /api/metrics/:name.
  for (const name of tableMetricKeys) {
    const reply = tableMetricReplies[name];
    if (!reply) throw new Error(`the table metric ${name} has no answer schema in table-metric.schema.ts`);
    app.get<Req>(
      `/api/metrics/${name}`,
      { schema: { querystring: TableMetricQuerystring, response: { 200: reply } }, config: tableMetricAccess(name) },
      async (req, res) => {
        const answer = await readTableMetric(app.db, name, {
          ...periodFilterOf(req.query),
          quarter: req.query.quarter,
          period: req.query.period,
          team: splitList(req.query.team),
          by: splitList(req.query.by),
          months: req.query.months,
          limit: req.query.limit,
        });
        // A flag's reasons and a proof of fix's are worded here, from the facts the warehouse keeps (both languages: the page switches).
        if (name === 'quality_flags') return withFlagReasons(answer);
        if (name === 'corrective_actions') return withProofReasons(answer);
        if (req.query.format !== 'csv' || name !== 'claims_per_thousand') return answer;
        return sendMisCsv(res, answer as unknown as ClaimsPerThousand, req.query.lang ?? 'zh', app.db.timeZone);
      },
    );
  }

  app.get<Req>(
    '/api/parts/overdue',
    {
      schema: { querystring: TableMetricQuerystring, response: { 200: OverduePartsReply } },
      config: { access: roleGroups.quality, audit: exportAudit },
    },
    async (req, reply) => {
      const csv = req.query.format === 'csv';
      // The download is the whole list unless a limit is asked for; the headers say how many of how many.
      const page = await readOverdueParts(app.db, { ...periodFilterOf(req.query), limit: req.query.limit ?? (csv ? 100_000 : undefined) });
      if (!csv) return page;
      const rows = page.rows;
      reply.header('x-total-count', String(page.total)).header('x-truncated', String(page.truncated));
      reply.header('content-disposition', 'attachment; filename="overdue-parts.csv"');
      return reply
        .type('text/csv; charset=utf-8')
        .send(
          toLabelledCsv(
            'parts',
            rows,
            [
              'part_line_id',
              'ticket_id',
              'serial_no',
              'part_no',
              'part_name',
              'supplier',
              'technician_id',
              'region',
              'issued_at',
              'due_day',
              'days_overdue',
            ],
            req.query.lang ?? 'zh',
            app.db.timeZone,
          ),
        );
    },
  );

  app.get<{ Params: { serial_no: string } }>(
    '/api/units/:serial_no',
    {
      schema: {
        params: Type.Object({ serial_no: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: NoQuery,
        response: { 200: UnitTimelineReply, ...errorReplies(404) },
      },
      config: { access: roleGroups.quality },
    },
    async (req, reply) => {
      const unit = await readUnitTimeline(app.db, req.params.serial_no);
      // A region-limited account sees the unit's tickets in its regions only; a unit with none there is unknown.
      const regions = regionsOf(req);
      const tickets = unit?.tickets.filter((t) => !regions || (t.region !== null && regions.includes(t.region)));
      return unit && tickets?.length
        ? { ...unit, tickets }
        : reply.status(404).send(apiError('not_found', { what: 'unit', id: req.params.serial_no }));
    },
  );
};
