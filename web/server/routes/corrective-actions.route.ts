// Corrective actions (8D): GET /api/corrective-actions (filters: status, outcome, product_model, fault_code),
// POST /api/corrective-actions (from a quarterly flag or an alert), GET /api/corrective-actions/:id (with its
// history and comments), PATCH /api/corrective-actions/:id (any fields; one history row per change),
// POST /api/corrective-actions/:id/comments. Each action carries its proof of fix, its reason worded here in both languages
// (presentation/i18n/proof-of-fix-words.ts). Quality roles read; quality
// engineers and admins write.
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import {
  actionStatuses,
  addComment,
  createAction,
  listActions,
  outcomes,
  readAction,
  rootCauseCategories,
  updateAction,
} from '../../../warehouse/queries/corrective-actions.ts';
import { AnyObject } from '../schemas/json-types.schema.ts';
import { roleGroups } from '../auth/route-access.ts';
import { knownList as known, splitList } from '../query-lists.ts';
import { isoDate, quarterParam } from '../schemas/period-params.schema.ts';
import { apiError } from '../api-error.ts';
import { withProofReason } from '../../../presentation/i18n/proof-of-fix-words.ts';

const text = (max = 4000) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
const day = Type.Optional(Type.Union([isoDate, Type.Null()]));
const fields = {
  containment: text(),
  root_cause_category: Type.Optional(Type.Union([...rootCauseCategories.map((c) => Type.Literal(c)), Type.Null()])),
  root_cause: text(),
  corrective_action: text(),
  owner: text(200),
  due_date: day,
  effective_date: day,
};
const CreateBody = Type.Object(
  {
    source: Type.Union([Type.Literal('flag'), Type.Literal('alert')]),
    quarter: Type.Optional(quarterParam()),
    alert_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    product_model: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    fault_code: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    problem_statement: Type.String({ minLength: 1, maxLength: 4000 }),
    ...fields,
  },
  { additionalProperties: false },
);
const PatchBody = Type.Object(
  {
    problem_statement: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    status: Type.Optional(Type.Union(actionStatuses.map((s) => Type.Literal(s)))),
    ...fields,
  },
  { additionalProperties: false, minProperties: 1 },
);
const CommentBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ maxLength: 200 })),
    outcome: Type.Optional(Type.String({ maxLength: 200 })),
    product_model: Type.Optional(Type.String({ maxLength: 2000 })),
    fault_code: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

// Each answer as its query module types it (a corrective action with its history and comments).
const answers = {
  200: AnyObject('a corrective action with its history and comments, or the list, as warehouse/queries/corrective-actions.ts types them'),
  201: AnyObject('a corrective action with its history and comments, or the list, as warehouse/queries/corrective-actions.ts types them'),
};

export const correctiveActionsRoute: FastifyPluginAsync = async (app) => {
  const read = { access: roleGroups.quality };
  const write = { access: roleGroups.qualityWrite, audit: 'corrective_action' as const };
  const who = (req: { user?: { username: string } }) => req.user?.username ?? 'anonymous';

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/api/corrective-actions',
    { schema: { response: answers, querystring: ListQuery }, config: read },
    async (req) => {
      const q = req.query;
      return {
        rows: (
          await listActions(app.db, {
            status: known('status', q.status, actionStatuses),
            outcome: known('outcome', q.outcome, outcomes),
            product_model: splitList(q.product_model),
            fault_code: splitList(q.fault_code),
          })
        ).map(withProofReason),
      };
    },
  );

  app.post<{ Body: Static<typeof CreateBody> }>(
    '/api/corrective-actions',
    { schema: { response: answers, body: CreateBody }, config: write },
    async (req, reply) => {
      const created = await createAction(app.db, req.body as never, who(req));
      return reply.status(201).send(withProofReason(created));
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/corrective-actions/:id',
    { schema: { response: answers, params: IdParams }, config: read },
    async (req, reply) => {
      const a = await readAction(app.db, req.params.id);
      return a ? withProofReason(a) : reply.status(404).send(apiError('not_found', { what: 'corrective_action', id: req.params.id }));
    },
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof PatchBody> }>(
    '/api/corrective-actions/:id',
    { schema: { response: answers, params: IdParams, body: PatchBody }, config: write },
    async (req) => withProofReason(await updateAction(app.db, req.params.id, req.body as never, who(req))),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CommentBody> }>(
    '/api/corrective-actions/:id/comments',
    { schema: { response: answers, params: IdParams, body: CommentBody }, config: write },
    async (req, reply) => {
      await addComment(app.db, req.params.id, req.body.body, who(req));
      return reply.status(201).send(withProofReason((await readAction(app.db, req.params.id))!));
    },
  );
};
