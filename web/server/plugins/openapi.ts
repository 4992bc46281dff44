// The OpenAPI document of every route, generated from the same TypeBox schemas that validate requests and write
// answers: GET /api/openapi.json. Every API route declares its request and its answers (test/web/server/plugins
// checks that the document is valid and complete).
import swagger from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/** Collects the routes: registered before any route, sign-in's own included. */
export const openApi = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Aftersight API',
        description:
          'After-sales service analytics: metrics, tickets, ingest. Metric and ticket routes also answer in Arrow IPC (Accept: application/vnd.apache.arrow.stream). ' +
          'Sign in with POST /api/login (a session cookie); API tokens (Authorization: Bearer) may call POST /api/ingest/{kind} only. Every error answer is { "error": "…" }.',
        version: '0.1.0',
      },
    },
  });
});

/** GET /api/openapi.json, for signed-in users; registered after the sign-in plugin, whose hooks then guard it. */
export const openApiRoute: FastifyPluginAsync = async (app) => {
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'signed-in' } }, async () => app.swagger());
};
