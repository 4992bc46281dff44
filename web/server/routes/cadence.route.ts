// The service cadence and installation quality lists (issue 19): the callbacks and inspections due and not done
// (GET /api/cadence/overdue) and the installation projects with their scores (GET /api/installations/scores),
// and the dues behind a compliance figure (GET /api/cadence/dues?metric=…&part=…, the drill-down), each also as CSV in the asker's language (lang=zh|en: headers and values in words, days as the ticket CSV has them). The compliance rates and the mean score are metrics (GET /api/metrics/<name>).
import type { FastifyPluginAsync } from 'fastify';
import type { PeriodFilter } from '../../../warehouse/queries/filter-conditions.ts';
import {
  cadenceDimensions,
  cadenceDueColumns,
  listCadenceDues,
  readInstallationScores,
  readOverdueCadence,
} from '../../../warehouse/queries/cadence.ts';
import { sendRowPage } from '../row-page-reply.ts';
import { toLabelledCsv } from '../csv-export.ts';
import { filtersFrom } from '../query-lists.ts';
import {
  CadenceDuePageReply,
  CadenceDuesQuerystring,
  CadenceQuerystring,
  InstallationScoresReply,
  OverdueCadenceReply,
} from '../schemas/cadence.schema.ts';
import { exportAudit, roleGroups } from '../auth/route-access.ts';

const periodFilterOf = (q: CadenceQuerystring): PeriodFilter => ({ from: q.from, to: q.to, filters: filtersFrom(q, cadenceDimensions) });

export const cadenceRoute: FastifyPluginAsync = async (app) => {
  type Req = { Querystring: CadenceQuerystring };

  app.get<Req>(
    '/api/cadence/overdue',
    {
      schema: { querystring: CadenceQuerystring, response: { 200: OverdueCadenceReply } },
      config: { access: roleGroups.quality, audit: exportAudit },
    },
    async (req, reply) => {
      const csv = req.query.format === 'csv';
      const page = await readOverdueCadence(app.db, {
        ...periodFilterOf(req.query),
        kind: req.query.kind,
        limit: req.query.limit ?? (csv ? 100_000 : undefined),
      });
      if (!csv) return page;
      reply.header('x-total-count', String(page.total)).header('x-truncated', String(page.truncated));
      reply.header('content-disposition', 'attachment; filename="overdue-cadence.csv"');
      return reply
        .type('text/csv; charset=utf-8')
        .send(
          toLabelledCsv(
            'cadence',
            page.rows,
            [
              'cadence_kind',
              'serial_no',
              'customer_id',
              'region',
              'team',
              'technician_id',
              'installed_on',
              'due_month',
              'due_on',
              'days_late',
              'as_of',
            ],
            req.query.lang ?? 'zh',
            app.db.timeZone,
          ),
        );
    },
  );

  app.get<Req>(
    '/api/installations/scores',
    {
      schema: { querystring: CadenceQuerystring, response: { 200: InstallationScoresReply } },
      config: { access: roleGroups.quality, audit: exportAudit },
    },
    async (req, reply) => {
      const csv = req.query.format === 'csv';
      const page = await readInstallationScores(app.db, {
        ...periodFilterOf(req.query),
        limit: req.query.limit ?? (csv ? 100_000 : undefined),
      });
      if (!csv) return page;
      reply.header('x-total-count', String(page.total)).header('x-truncated', String(page.truncated));
      reply.header('content-disposition', 'attachment; filename="installation-scores.csv"');
      return reply
        .type('text/csv; charset=utf-8')
        .send(
          toLabelledCsv(
            'installations',
            page.rows,
            [
              'installation_id',
              'ticket_id',
              'serial_no',
              'site',
              'accepted_at',
              'region',
              'team',
              'technician_ids',
              'hardware_points',
              'software_points',
              'documents_points',
              'satisfaction_points',
              'score',
              'grade',
            ],
            req.query.lang ?? 'zh',
            app.db.timeZone,
          ),
        );
    },
  );

  // The dues behind a compliance figure: the figure's metric, part, period and filters (as the ticket list's).
  app.get<{ Querystring: CadenceDuesQuerystring }>(
    '/api/cadence/dues',
    {
      schema: { querystring: CadenceDuesQuerystring, response: { 200: CadenceDuePageReply } },
      config: { access: roleGroups.quality, audit: exportAudit },
    },
    async (req, reply) => {
      const q = req.query;
      const page = { limit: q.limit ?? 50, offset: q.offset ?? 0 };
      const rows = await listCadenceDues(app.db, {
        metric: q.metric,
        part: q.part,
        from: q.from,
        to: q.to,
        filters: filtersFrom(q, cadenceDimensions),
        sort: q.sort,
        order: q.order,
        ...page,
      });
      return sendRowPage(req, reply, rows, {
        kind: 'cadence',
        columns: cadenceDueColumns.filter((c) => c !== 'due_id'),
        csvName: `${q.metric}-${q.part ?? 'denominator'}.csv`,
        format: q.format,
        lang: q.lang,
        ...page,
      });
    },
  );
};
