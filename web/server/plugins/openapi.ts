// The OpenAPI document of every route, generated from the same TypeBox schemas that validate requests:
// GET /api/openapi.json.
import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';

export const openApi = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Aftersight API',
        description: 'After-sales service analytics: metrics, tickets, ingest. Metric and ticket routes also answer in Arrow IPC (Accept: application/vnd.apache.arrow.stream).',
        version: '0.1.0',
      },
    },
  });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'signed-in' } }, async () => app.swagger());
});
