// GET /api/health — is the server up, is the warehouse readable, when did the models last refresh, which time zone.
import type { FastifyPluginAsync } from 'fastify';
import { countLoadedTickets } from '../../../warehouse/queries/loaded-tickets.ts';
import { lastRefresh } from '../../../warehouse/refresh/run-refresh.ts';
import { textSettingsOf } from '../../../contract/metrics/catalog.ts';
import { HealthReply } from '../schemas/health.schema.ts';
import { NoQuery } from '../schemas/json-types.schema.ts';

export const healthRoute: FastifyPluginAsync = async (app) => {
  app.get('/api/health', { schema: { querystring: NoQuery, response: { 200: HealthReply } }, config: { access: 'public' } }, async () => {
    const tickets = await countLoadedTickets(app.db);
    const refresh = await lastRefresh(app.db);
    return {
      status: 'ok',
      tickets,
      /** The zone the data's times are read and shown in (the dashboard shows instants in it). */
      timeZone: app.db.timeZone,
      /** The settings the dashboard's texts state (metric definitions, notes). */
      textSettings: textSettingsOf(app.db.settings),
      lastRefresh: refresh
        ? { status: refresh.status, at: refresh.started_at, durationMs: refresh.duration_ms, error: refresh.error }
        : null,
      ...(app.db.replica
        ? { snapshot: { generation: app.db.replica.pointer().generation, publishedAt: app.db.replica.pointer().publishedAt } }
        : {}),
    };
  });
};
