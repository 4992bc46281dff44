// A technician's score evidence (GET /api/technicians/:technician_id/evidence?period=2025Q3), the tickets behind
// one part's lost points (GET /api/technicians/:technician_id/evidence/tickets?period=2025Q3&component=timeliness,
// paged like the ticket list, also as CSV), the installation projects behind an installer's part
// (GET /api/technicians/:technician_id/evidence/installations?period=2025Q3) and the period's scorecards for HR systems (GET /api/technician-scores/export?period=2025Q3&format=csv|xlsx&lang=zh|en).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { LangParam } from '../schemas/json-types.schema.ts';
import { Type, type Static } from 'typebox';
import { parsePeriod, readTechnicianScores } from '../../../warehouse/queries/technician-scores.ts';
import { evidenceComponents, readEvidenceTickets, readScoreEvidence } from '../../../warehouse/queries/score-evidence.ts';
import { ticketColumns } from '../../../warehouse/queries/ticket-list.ts';
import { installationColumns, listTechnicianInstallations } from '../../../warehouse/queries/cadence.ts';
import { InstallationPageReply, TechnicianInstallationsQuerystring } from '../schemas/cadence.schema.ts';
import { sendRowPage } from '../row-page-reply.ts';
import { TicketPageReply } from '../schemas/row-page.schema.ts';
import { scorecardCsv, scorecardXlsx } from '../scorecard-export.ts';
import { splitList as list } from '../query-lists.ts';
import { periodParam } from '../schemas/period-params.schema.ts';
import { exportAudit, roleGroups } from '../auth/route-access.ts';
import { ownEvidence, regionsOf } from '../auth/row-access.ts';
import { ScoreEvidenceReply, ScorecardFileReply } from '../schemas/technician.schema.ts';
import { errorReplies } from '../schemas/error-reply.schema.ts';
import { apiError } from '../api-error.ts';

const period = periodParam();
const ExportQuery = Type.Object(
  {
    period,
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })),
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' })),
    region: Type.Optional(Type.String({ maxLength: 2000 })),
    team: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
type ExportQuery = Static<typeof ExportQuery>;

const EvidenceParams = Type.Object({ technician_id: Type.String({ minLength: 1, maxLength: 100 }) });
const EvidenceTicketsQuery = Type.Object(
  {
    period,
    component: Type.Union(
      evidenceComponents.map((c) => Type.Literal(c)),
      { description: 'the part of the score whose lost points to open' },
    ),
    sort: Type.Optional(Type.Union(ticketColumns.map((c) => Type.Literal(c)))),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
    lang: LangParam,
  },
  { additionalProperties: false },
);
type EvidenceTicketsQuery = Static<typeof EvidenceTicketsQuery>;

export const techniciansRoute: FastifyPluginAsync = async (app) => {
  /**
   * A region-limited reader opens the evidence of the scorecards they can see (technicians of their regions); for
   * another technician, the 404 to answer.
   */
  const hiddenScorecard = async (req: FastifyRequest<{ Params: { technician_id: string }; Querystring: { period: string } }>) => {
    const regions = regionsOf(req);
    if (!regions) return undefined;
    const id = req.params.technician_id;
    const seen = await readTechnicianScores(app.db, { period: req.query.period, region: [...regions], technician_id: [id] });
    return seen.length > 0
      ? undefined
      : apiError('not_found', { what: 'scorecard', id }, `no scorecard of ${id} in your regions (${regions.join(', ')})`);
  };

  app.get<{ Params: { technician_id: string }; Querystring: { period: string } }>(
    '/api/technicians/:technician_id/evidence',
    {
      schema: {
        params: Type.Object({ technician_id: Type.String({ minLength: 1, maxLength: 100 }) }),
        querystring: Type.Object({ period }, { additionalProperties: false }),
        response: { 200: ScoreEvidenceReply, ...errorReplies(404) },
      },
      config: { access: roleGroups.scorecards, narrow: ownEvidence },
    },
    async (req, reply) => {
      const hidden = await hiddenScorecard(req);
      if (hidden) return reply.status(404).send(hidden);
      return readScoreEvidence(app.db, req.params.technician_id, req.query.period);
    },
  );

  // The same reader may open the tickets behind the lost points (HR cannot read the ticket list itself).
  app.get<{ Params: { technician_id: string }; Querystring: EvidenceTicketsQuery }>(
    '/api/technicians/:technician_id/evidence/tickets',
    {
      schema: { params: EvidenceParams, querystring: EvidenceTicketsQuery, response: { 200: TicketPageReply, ...errorReplies(404) } },
      config: { access: roleGroups.scorecards, narrow: ownEvidence, audit: exportAudit },
    },
    async (req, reply) => {
      const hidden = await hiddenScorecard(req);
      if (hidden) return reply.status(404).send(hidden);
      const q = req.query;
      const page = { limit: q.limit ?? 50, offset: q.offset ?? 0 };
      const rows = await readEvidenceTickets(app.db, req.params.technician_id, q.period, q.component, {
        columns: ticketColumns,
        sort: q.sort ?? 'opened_at',
        order: q.order,
        ...page,
      });
      return sendRowPage(req, reply, rows, {
        kind: 'tickets',
        lang: q.lang,
        columns: ticketColumns,
        csvName: `evidence-${req.params.technician_id}-${q.component}.csv`,
        format: q.format,
        ...page,
      });
    },
  );

  // The installation projects behind an installer's part (issue 19), for the same readers.
  app.get<{ Params: { technician_id: string }; Querystring: TechnicianInstallationsQuerystring }>(
    '/api/technicians/:technician_id/evidence/installations',
    {
      schema: {
        params: EvidenceParams,
        querystring: TechnicianInstallationsQuerystring,
        response: { 200: InstallationPageReply, ...errorReplies(404) },
      },
      config: { access: roleGroups.scorecards, narrow: ownEvidence, audit: exportAudit },
    },
    async (req, reply) => {
      const hidden = await hiddenScorecard(req);
      if (hidden) return reply.status(404).send(hidden);
      const q = req.query;
      const page = { limit: q.limit ?? 50, offset: q.offset ?? 0 };
      const rows = await listTechnicianInstallations(app.db, req.params.technician_id, parsePeriod(q.period), {
        sort: q.sort,
        order: q.order,
        ...page,
      });
      return sendRowPage(req, reply, rows, {
        kind: 'installations',
        lang: q.lang,
        columns: installationColumns,
        csvName: `installations-${req.params.technician_id}.csv`,
        format: q.format,
        ...page,
      });
    },
  );

  app.get<{ Querystring: ExportQuery }>(
    '/api/technician-scores/export',
    { schema: { querystring: ExportQuery, response: { 200: ScorecardFileReply } }, config: { access: roleGroups.hr, audit: 'export' } },
    async (req, reply) => {
      const q = req.query;
      const key = parsePeriod(q.period).key;
      const scores = await readTechnicianScores(app.db, { period: q.period, region: list(q.region), team: list(q.team) });
      const lang = q.lang ?? 'zh';
      const name = `technician-scores-${key}`;
      if ((q.format ?? 'csv') === 'xlsx') {
        reply.header('content-disposition', `attachment; filename="${name}.xlsx"`);
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await scorecardXlsx(scores, lang));
      }
      reply.header('content-disposition', `attachment; filename="${name}.csv"`);
      return reply.type('text/csv; charset=utf-8').send(scorecardCsv(scores, lang));
    },
  );
};
