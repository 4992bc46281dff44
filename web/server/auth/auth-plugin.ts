// Sign-in and authorisation: POST /api/login, POST /api/logout, GET /api/me, API tokens (/api/tokens, admin).
// Every request is checked against the access its matched route declares (route-access.ts): 401 without a
// session, 403 for another role; a route that declares none refuses everyone. State-changing requests from
// another origin are refused. Rows are narrowed (row-access.ts) and audited calls logged with who made them.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type, type Static } from 'typebox';
import { signIn, type User } from './accounts.ts';
import { audit } from './audit-log.ts';
import { allows, auditActionOf, roleGroups, type Access } from './route-access.ts';
import { createApiToken, tokenName } from './api-tokens.ts';
import { listApiTokens, revokeApiToken } from '../../../warehouse/queries/accounts.ts';
import { narrowRegions } from './row-access.ts';
import { closeSession, cookieHeader, openSession, readCookie, sessionUser } from './sessions.ts';
import { SignInThrottle } from './sign-in-throttle.ts';
import { writeRateLimit } from '../plugins/hardening.ts';
import { ApiTokenList, MeReply, NewApiToken, UserReply } from '../schemas/account.schema.ts';
import { errorReplies } from '../schemas/error-reply.schema.ts';
import { NoQuery, OkReply } from '../schemas/json-types.schema.ts';
import { apiError } from '../api-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; undefined when the app runs without sign-in (tests of other concerns). */
    user?: User;
  }
  interface FastifyInstance {
    /** Every route with its declared access, as registered (for the OpenAPI document and the attack tests). */
    routeTable: { method: string; url: string; access: Access; token: boolean }[];
  }
}

const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

const secure = (req: FastifyRequest) => req.protocol === 'https' || req.headers['x-forwarded-proto'] === 'https';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A state-changing request sent by a page of another origin (another site, or another port of this one). */
export function fromAnotherOrigin(req: FastifyRequest): boolean {
  if (safeMethods.has(req.method)) return false;
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = req.headers.origin;
  // Programs (the CLI, curl, an ERP with a token) send no Origin; browsers always do on such requests.
  if (origin === undefined) return false;
  const host = req.headers['x-forwarded-host'] ?? req.headers.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // "null" (a sandboxed frame, a file) or garbage
  }
}

export const authPlugin: FastifyPluginAsync = fp(async (app) => {
  const throttle = new SignInThrottle();

  // Every API route declares its access; pages and assets hold no data and are public.
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined) {
      if (route.url.startsWith('/api')) throw new Error(`${route.method} ${route.url} declares no access: set config.access on the route`);
      route.config = { ...route.config, access: 'public' };
    }
    for (const method of [route.method].flat())
      app.routeTable.push({ method, url: route.url, access: route.config.access!, token: route.config.token === true });
  });

  app.addHook('onRequest', async (req, reply) => {
    if (fromAnotherOrigin(req)) return reply.status(403).send(apiError('other_origin'));
    if (req.is404) return; // no route: the not-found answer, which holds nothing
    const { access, token } = req.routeOptions.config;
    if (access === undefined) return reply.status(404).send(apiError('not_found', { what: 'route' }));
    if (access === 'public') return;
    if (req.headers.authorization) {
      const name = await tokenName(app.db, req.headers.authorization);
      if (!name) return reply.status(401).send(apiError('unknown_token'));
      // Acting for the admin who made it, on the routes a token may call; named in the audit log.
      req.user = { user_id: 0, username: `token:${name}`, role: 'admin', regions: null, technician_id: null };
      if (!token) return reply.status(403).send(apiError('token_ingest_only'));
      return;
    }
    req.user = await sessionUser(app.db, readCookie(req.headers.cookie));
    if (!req.user) return reply.status(401).send(apiError('sign_in_first'));
    if (!allows(access, req.user)) return reply.status(403).send(apiError('role_refused', { role: req.user.role }));
  });

  app.addHook('preHandler', async (req) => {
    if (!req.user) return;
    narrowRegions(req, req.user);
    req.routeOptions.config.narrow?.(req, req.user);
  });

  const detailOf = (req: FastifyRequest, outcome?: string) => `${req.method} ${req.url}${outcome ? ` → ${outcome}` : ''}`;
  app.addHook('onResponse', async (req, reply) => {
    if (!req.user) return;
    const action = reply.statusCode === 403 ? 'access_denied' : auditActionOf(req);
    if (action)
      await audit(app.db, {
        username: req.user.username,
        action,
        detail: detailOf(req, reply.statusCode >= 400 ? String(reply.statusCode) : undefined),
        address: req.ip,
      });
  });
  app.addHook('onRequestAbort', async (req) => {
    const action = req.user && auditActionOf(req);
    if (action)
      await audit(app.db, { username: req.user!.username, action, detail: detailOf(req, 'client disconnected'), address: req.ip });
  });

  app.post<{ Body: Static<typeof LoginBody> }>(
    '/api/login',
    {
      schema: { querystring: NoQuery, body: LoginBody, response: { 200: UserReply, ...errorReplies(401, 429) } },
      config: { access: 'public', rateLimit: writeRateLimit },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const waitMs = throttle.waitMs(req.ip, username);
      if (waitMs > 0) {
        await audit(app.db, { username, action: 'login_failed', detail: 'throttled', address: req.ip });
        const minutes = Math.ceil(waitMs / 60_000);
        reply.header('retry-after', Math.ceil(waitMs / 1000));
        return reply.status(429).send(apiError('too_many_sign_ins', { minutes }));
      }
      const user = await signIn(app.db, username, password);
      if (!user) {
        throttle.failed(req.ip, username);
        await audit(app.db, { username, action: 'login_failed', address: req.ip });
        // The same answer, after the same work, for an unknown user and a wrong password.
        return reply.status(401).send(apiError('wrong_password'));
      }
      throttle.succeeded(req.ip, username);
      const session = await openSession(app.db, user.user_id);
      await audit(app.db, { username: user.username, action: 'login', address: req.ip });
      reply.header('set-cookie', cookieHeader(session, secure(req)));
      return { user };
    },
  );

  app.post(
    '/api/logout',
    { schema: { querystring: NoQuery, response: { 200: OkReply } }, config: { access: 'signed-in' } },
    async (req, reply) => {
      await closeSession(app.db, readCookie(req.headers.cookie));
      await audit(app.db, { username: req.user?.username ?? null, action: 'logout', address: req.ip });
      reply.header('set-cookie', cookieHeader('', secure(req), 0));
      return { ok: true };
    },
  );

  app.get('/api/me', { schema: { querystring: NoQuery, response: { 200: MeReply } }, config: { access: 'signed-in' } }, async (req) => ({
    user: req.user,
  }));

  const admin = { access: roleGroups.admin };
  const TokenBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
  app.post<{ Body: Static<typeof TokenBody> }>(
    '/api/tokens',
    { schema: { querystring: NoQuery, body: TokenBody, response: { 201: NewApiToken } }, config: { ...admin, audit: 'token_create' } },
    async (req, reply) => {
      const t = await createApiToken(app.db, req.body.name, req.user!.username);
      // The token itself is in this answer only.
      return reply.status(201).send(t);
    },
  );
  app.get('/api/tokens', { schema: { querystring: NoQuery, response: { 200: ApiTokenList } }, config: admin }, async () => ({
    tokens: await listApiTokens(app.db),
  }));
  app.delete<{ Params: { id: number } }>(
    '/api/tokens/:id',
    {
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: NoQuery,
        response: { 200: OkReply, ...errorReplies(404) },
      },
      config: { ...admin, audit: 'token_revoke' },
    },
    async (req, reply) =>
      (await revokeApiToken(app.db, req.params.id))
        ? { ok: true }
        : reply.status(404).send(apiError('not_found', { what: 'token', id: req.params.id })),
  );
});
