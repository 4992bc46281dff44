// Administration (admin role only): accounts (list, create, set the e-mail address, delete, which also ends
// their sessions) and the audit log, newest first. Tokens are in auth-plugin.ts.
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import { AccountError, createUser, roles } from '../auth/accounts.ts';
import { deleteUser, findUser, listAudit, listUsers } from '../../../warehouse/queries/accounts.ts';
import { roleGroups } from '../auth/route-access.ts';
import { forgetUserSessions } from '../auth/sessions.ts';
import { AuditEntries, User, UserList } from '../schemas/account.schema.ts';
import { errorReplies } from '../schemas/error-reply.schema.ts';
import { NoQuery, OkReply } from '../schemas/json-types.schema.ts';
import { setUserEmail } from '../../../warehouse/queries/subscriptions.ts';
import { apiError } from '../api-error.ts';

const NewUser = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9._@-]{2,60}$' }),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    role: Type.Union(roles.map((r) => Type.Literal(r))),
    regions: Type.Optional(
      Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20, description: 'regions of the data; leave out for every region' }),
    ),
    technician_id: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200, description: 'where e-mail subscriptions are sent' })),
  },
  { additionalProperties: false },
);

const UserChange = Type.Object(
  { email: Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()]) },
  { additionalProperties: false },
);

export const adminRoute: FastifyPluginAsync = async (app) => {
  const admin = { access: roleGroups.admin };
  app.get('/api/users', { schema: { querystring: NoQuery, response: { 200: UserList } }, config: admin }, async () => ({
    users: await listUsers(app.db),
  }));

  app.post<{ Body: Static<typeof NewUser> }>(
    '/api/users',
    {
      schema: { querystring: NoQuery, body: NewUser, response: { 201: User, ...errorReplies(400, 409) } },
      config: { ...admin, audit: 'user_create' },
    },
    async (req, reply) => {
      if (await findUser(app.db, req.body.username))
        return reply.status(409).send(apiError('user_exists', { username: req.body.username }));
      try {
        return reply.status(201).send(await createUser(app.db, req.body));
      } catch (e) {
        if (e instanceof AccountError) return reply.status(400).send(apiError(e.apiCode, e.params, e.message));
        throw e;
      }
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/users/:id',
    {
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: NoQuery,
        response: { 200: OkReply, ...errorReplies(400, 404) },
      },
      config: { ...admin, audit: 'user_delete' },
    },
    async (req, reply) => {
      if (req.user?.user_id === req.params.id) return reply.status(400).send(apiError('cannot_delete_self'));
      const deleted = await deleteUser(app.db, req.params.id);
      forgetUserSessions(app.db, req.params.id);
      return deleted ? { ok: true } : reply.status(404).send(apiError('not_found', { what: 'user', id: req.params.id }));
    },
  );

  // The account's e-mail address (subscriptions by e-mail go there); null removes it.
  app.patch<{ Params: { id: number }; Body: Static<typeof UserChange> }>(
    '/api/users/:id',
    {
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: NoQuery,
        body: UserChange,
        response: { 200: OkReply, ...errorReplies(404) },
      },
      config: { ...admin, audit: 'user_update' },
    },
    async (req, reply) =>
      (await setUserEmail(app.db, req.params.id, req.body.email))
        ? { ok: true }
        : reply.status(404).send(apiError('not_found', { what: 'user', id: req.params.id })),
  );

  app.get<{ Querystring: { limit?: number } }>(
    '/api/audit',
    {
      schema: {
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: AuditEntries },
      },
      config: admin,
    },
    async (req) => ({ entries: await listAudit(app.db, req.query.limit ?? 200) }),
  );
};
