// Sign-in and authorisation: POST /api/login, POST /api/logout, GET /api/me, API tokens (/api/tokens, admin);
// every other request is checked
// against route-access.ts (401 without a session, 403 for another role) and narrowed by row-access.ts.
// Logins, failures, logouts, uploads, exports and report requests/downloads go to the audit log.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type, type Static } from 'typebox';
import { signIn, type User } from './accounts.ts';
import { audit, type AuditAction } from './audit-log.ts';
import { accessOf, tokenMayCall } from './route-access.ts';
import { createApiToken, listApiTokens, revokeApiToken, tokenName } from './api-tokens.ts';
import { narrowRequest } from './row-access.ts';
import { closeSession, cookieHeader, openSession, readCookie, sessionUser } from './sessions.ts';
import { writeRateLimit } from '../plugins/hardening.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; undefined when the app runs without sign-in (tests of other concerns). */
    user?: User;
  }
}

const LoginBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

const secure = (req: FastifyRequest) => req.protocol === 'https' || req.headers['x-forwarded-proto'] === 'https';

/** Which successful requests the audit log records. */
function auditedAction(req: FastifyRequest): AuditAction | undefined {
  const path = req.url.split('?')[0];
  if (req.method === 'POST' && /^\/api\/ingest\/[^/]+$/.test(path)) return 'upload';
  if (req.method === 'POST' && path === '/api/reports') return 'report_request';
  if (req.method === 'GET' && /^\/api\/reports\/\d+\.pdf$/.test(path)) return 'report_download';
  if (req.method === 'GET' && (path === '/api/technician-scores/export' || /[?&]format=csv/.test(req.url))) return 'export';
  return undefined;
}

export const authPlugin: FastifyPluginAsync = fp(async (app) => {
  app.addHook('onRequest', async (req, reply) => {
    const access = accessOf(req.method, req.url.split('?')[0]);
    if (access === 'public') return;
    if (access === 'refused') return reply.status(404).send({ error: 'not found' });
    const path = req.url.split('?')[0];
    if (req.headers.authorization) {
      const name = await tokenName(app.db, req.headers.authorization);
      if (!name) return reply.status(401).send({ error: 'unknown or revoked API token' });
      if (!tokenMayCall(req.method, path)) return reply.status(403).send({ error: 'an API token may only load files (POST /api/ingest/:kind)' });
      // Acting for the admin who made it, on the one route a token may call; named in the audit log.
      req.user = { user_id: 0, username: `token:${name}`, role: 'admin', regions: null, technician_id: null };
      return;
    }
    req.user = await sessionUser(app.db, readCookie(req.headers.cookie));
    if (!req.user) return reply.status(401).send({ error: 'sign in first' });
    if (access !== 'signed-in' && !access.includes(req.user.role)) return reply.status(403).send({ error: `the ${req.user.role} role may not use this` });
  });
  app.addHook('preHandler', async (req) => {
    if (req.user) narrowRequest(req, req.user);
  });
  app.addHook('onResponse', async (req, reply) => {
    const action = reply.statusCode < 400 ? auditedAction(req) : undefined;
    if (action && req.user) await audit(app.db, { username: req.user.username, action, detail: req.url.slice(0, 500), address: req.ip });
  });

  app.post<{ Body: Static<typeof LoginBody> }>('/api/login', { schema: { body: LoginBody }, config: { rateLimit: writeRateLimit } }, async (req, reply) => {
    const r = await signIn(app.db, req.body.username, req.body.password);
    if (!r.ok) {
      await audit(app.db, { username: req.body.username, action: 'login_failed', detail: r.locked ? 'locked' : undefined, address: req.ip });
      // The same answer for an unknown user and a wrong password.
      return reply.status(r.locked ? 423 : 401).send({ error: r.locked ? 'too many failed sign-ins: try again in 15 minutes' : 'wrong user name or password' });
    }
    const token = await openSession(app.db, r.user.user_id);
    await audit(app.db, { username: r.user.username, action: 'login', address: req.ip });
    reply.header('set-cookie', cookieHeader(token, secure(req)));
    return { user: r.user };
  });

  app.post('/api/logout', async (req, reply) => {
    await closeSession(app.db, readCookie(req.headers.cookie));
    await audit(app.db, { username: req.user?.username ?? null, action: 'logout', address: req.ip });
    reply.header('set-cookie', cookieHeader('', secure(req), 0));
    return { ok: true };
  });

  app.get('/api/me', async (req) => ({ user: req.user }));

  const TokenBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
  app.post<{ Body: Static<typeof TokenBody> }>('/api/tokens', { schema: { body: TokenBody } }, async (req, reply) => {
    const t = await createApiToken(app.db, req.body.name, req.user!.username);
    // The token itself is in this answer only.
    return reply.status(201).send(t);
  });
  app.get('/api/tokens', async () => ({ tokens: await listApiTokens(app.db) }));
  app.delete<{ Params: { id: number } }>('/api/tokens/:id', { schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } }, async (req, reply) =>
    (await revokeApiToken(app.db, req.params.id)) ? { ok: true } : reply.status(404).send({ error: `no live token ${req.params.id}` }),
  );
});
