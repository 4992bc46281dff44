// Administration (admin role only): accounts (list, create, delete, which also ends
// their sessions) and the audit log, newest first. Tokens are in auth-plugin.ts.
import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from 'typebox';
import { AccountError, createUser, roles } from '../auth/accounts.ts';
import { roleGroups } from '../auth/route-access.ts';
import { forgetUserSessions } from '../auth/sessions.ts';
import { AuditEntries, User, UserList } from '../schemas/account.schema.ts';
import { errorReplies } from '../schemas/error-reply.schema.ts';
import { NoQuery, OkReply } from '../schemas/json-types.schema.ts';

const NewUser = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9._@-]{2,60}$' }),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    role: Type.Union(roles.map((r) => Type.Literal(r))),
    regions: Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20, description: 'regions of the data; leave out for every region' })),
    technician_id: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  },
  { additionalProperties: false },
);

export const adminRoute: FastifyPluginAsync = async (app) => {
  const admin = { access: roleGroups.admin };
  app.get('/api/users', { schema: { querystring: NoQuery, response: { 200: UserList } }, config: admin }, async () => ({
    users: await app.db.all(`select user_id, username, role, regions, technician_id, strftime(created_at, '%Y-%m-%d %H:%M') as created_at from users order by user_id`),
  }));

  app.post<{ Body: Static<typeof NewUser> }>('/api/users', { schema: { querystring: NoQuery, body: NewUser, response: { 201: User, ...errorReplies(400, 409) } }, config: { ...admin, audit: 'user_create' } }, async (req, reply) => {
    if ((await app.db.all('select 1 from users where username = $1', [req.body.username])).length) return reply.status(409).send({ error: `user ${req.body.username} exists` });
    try {
      return reply.status(201).send(await createUser(app.db, req.body));
    } catch (e) {
      if (e instanceof AccountError) return reply.status(400).send({ error: e.message });
      throw e;
    }
  });

  app.delete<{ Params: { id: number } }>('/api/users/:id', { schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), querystring: NoQuery, response: { 200: OkReply, ...errorReplies(400, 404) } }, config: { ...admin, audit: 'user_delete' } }, async (req, reply) => {
    if (req.user?.user_id === req.params.id) return reply.status(400).send({ error: 'you cannot delete your own account' });
    await app.db.run('delete from sessions where user_id = $1', [req.params.id]);
    forgetUserSessions(app.db, req.params.id);
    return (await app.db.run('delete from users where user_id = $1', [req.params.id])) > 0 ? { ok: true } : reply.status(404).send({ error: `no user ${req.params.id}` });
  });

  app.get<{ Querystring: { limit?: number } }>(
    '/api/audit',
    { schema: { querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 200 })) }, { additionalProperties: false }), response: { 200: AuditEntries } }, config: admin },
    async (req) => ({
      entries: await app.db.all(`select strftime(happened_at, '%Y-%m-%d %H:%M:%S') as happened_at, username, action, detail, address from audit_log order by audit_log.happened_at desc limit $1`, [
        req.query.limit ?? 200,
      ]),
    }),
  );
};
