// A technician's score evidence (GET /api/technicians/:technician_id/evidence?period=2025Q3) and the period's
// scorecards for HR systems (GET /api/technician-scores/export?period=2025Q3&format=csv|xlsx&lang=zh|en).
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import { parsePeriod, readTechnicianScores } from '../../../warehouse/queries/technician-scores.ts';
import { readScoreEvidence } from '../../../warehouse/queries/score-evidence.ts';
import { scorecardCsv, scorecardXlsx } from '../scorecard-export.ts';
import { splitList as list } from '../query-lists.ts';
import { periodParam } from '../schemas/period-params.schema.ts';
import { roleGroups } from '../auth/route-access.ts';
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

export const techniciansRoute: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { technician_id: string }; Querystring: { period: string } }>(
    '/api/technicians/:technician_id/evidence',
    {
      schema: { params: Type.Object({ technician_id: Type.String({ minLength: 1, maxLength: 100 }) }), querystring: Type.Object({ period }, { additionalProperties: false }),
        response: { 200: ScoreEvidenceReply, ...errorReplies(404) },
      },
      config: { access: roleGroups.scorecards, narrow: ownEvidence },
    },
    async (req, reply) => {
      // A region-limited reader opens the evidence of the scorecards they can see: technicians of their regions.
      const regions = regionsOf(req);
      const { technician_id } = req.params;
      if (regions && !(await readTechnicianScores(app.db, { period: req.query.period, region: [...regions], technician_id: [technician_id] })).length) {
        return reply.status(404).send(apiError('not_found', { what: 'scorecard', id: technician_id }, `no scorecard of ${technician_id} in your regions (${regions.join(', ')})`));
      }
      return readScoreEvidence(app.db, technician_id, req.query.period);
    },
  );

  app.get<{ Querystring: ExportQuery }>('/api/technician-scores/export', { schema: { querystring: ExportQuery, response: { 200: ScorecardFileReply } }, config: { access: roleGroups.hr, audit: 'export' } }, async (req, reply) => {
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
  });
};
