// POST /api/reports (produce one: quarter, variant, lang, region) · GET /api/reports (the archive, newest first)
// · GET /api/reports/:id.pdf (download). Files are only ever looked up by their row's id.
import fs from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import { listReports, produceReport, reportFile, type ArchiveOptions } from '../../../reports/archive/report-archive.ts';
import { reportVariants } from '../../../presentation/reports/report-context.ts';
import { parseQuarterKey } from '../../../contract/period/quarters.ts';
import { writeRateLimit } from '../plugins/hardening.ts';
import { maySeeReport, reportRequest } from '../auth/row-access.ts';
import { roleGroups } from '../auth/route-access.ts';
import { quarterParam } from '../schemas/period-params.schema.ts';
import { ArchivedReport, ReportFailure, ReportList, ReportPdf } from '../schemas/report.schema.ts';
import { errorReplies } from '../schemas/error-reply.schema.ts';
import { NoQuery } from '../schemas/json-types.schema.ts';
import { apiError } from '../api-error.ts';

const ReportBody = Type.Object(
  {
    quarter: quarterParam(),
    variant: Type.Union(reportVariants.map((v) => Type.Literal(v))),
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' })),
    region: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const reportsRoute: FastifyPluginAsync<ArchiveOptions> = async (app, archive) => {
  app.post<{ Body: Static<typeof ReportBody> }>(
    '/api/reports',
    {
      schema: { querystring: NoQuery, body: ReportBody, response: { 201: ArchivedReport, 500: ReportFailure } },
      config: { access: roleGroups.figures, narrow: reportRequest, audit: 'report_request', rateLimit: writeRateLimit },
    },
    async (req, reply) => {
      const b = req.body;
      const r = await produceReport(
        app.db,
        archive,
        { quarter: parseQuarterKey(b.quarter).key, variant: b.variant, lang: b.lang ?? 'zh', region: b.region?.trim() || undefined },
        'manual',
      );
      return reply
        .status(r.status === 'ok' ? 201 : 500)
        .send(r.status === 'ok' ? r : { ...apiError('report_failed', {}, `the report could not be produced: ${r.error}`), report: r });
    },
  );

  app.get(
    '/api/reports',
    { schema: { querystring: NoQuery, response: { 200: ReportList } }, config: { access: roleGroups.figures } },
    async (req) => ({ reports: (await listReports(app.db)).filter((r) => maySeeReport(req.user, r)) }),
  );

  app.get<{ Params: { file: string } }>(
    '/api/reports/:file',
    {
      schema: {
        params: Type.Object({ file: Type.String({ pattern: '^\\d{1,9}\\.pdf$' }) }),
        querystring: NoQuery,
        response: { 200: ReportPdf, ...errorReplies(404) },
      },
      config: { access: roleGroups.figures, audit: 'report_download' },
    },
    async (req, reply) => {
      const found = await reportFile(app.db, archive, Number.parseInt(req.params.file, 10));
      if (!found || !maySeeReport(req.user, found.report))
        return reply.status(404).send(apiError('not_found', { what: 'report', id: req.params.file }));
      const r = found.report;
      const name = `aftersight-${r.quarter}-${r.variant}-${r.lang}${r.region ? `-${r.region}` : ''}.pdf`;
      reply.header(
        'content-disposition',
        `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      return reply.type('application/pdf').send(fs.createReadStream(found.path));
    },
  );
};
