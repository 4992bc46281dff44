// Builds the Fastify app (no listening: tests use app.inject). server.ts listens.
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { healthRoute } from './routes/health.route.ts';
import { ingestRoute } from './routes/ingest.route.ts';
import { metricsRoute } from './routes/metrics.route.ts';
import { ticketsRoute } from './routes/tickets.route.ts';
import { complaintsRoute } from './routes/complaints.route.ts';
import { tableMetricsRoute } from './routes/table-metrics.route.ts';
import { techniciansRoute } from './routes/technicians.route.ts';
import { backlogAgingRoute } from './routes/backlog-aging.route.ts';
import { staticClient } from './plugins/static-client.ts';
import { warehousePlugin } from './plugins/warehouse.ts';
import { openApi } from './plugins/openapi.ts';
import { hardening } from './plugins/hardening.ts';
import { authPlugin } from './auth/auth-plugin.ts';
import { adminRoute } from './routes/admin.route.ts';
import { reportsRoute } from './routes/reports.route.ts';
import type { ArchiveOptions } from '../../reports/archive/report-archive.ts';
import { defaultConfig, type AftersightConfig } from '../../warehouse/config/config.ts';
import { subscriptionsRoute } from './routes/subscriptions.route.ts';
import crypto from 'node:crypto';
import path from 'node:path';

export interface AppOptions {
  db: Warehouse;
  logger?: boolean;
  /** Largest upload accepted (default 1 GiB). */
  uploadMaxBytes?: number;
  /** Where reports are archived, and the company name on their covers. */
  reports?: ArchiveOptions;
  /** Subscriptions: the secret that signs unsubscribe and download links, and the configured robots. */
  notify?: { linkSecret: string; robots: AftersightConfig['robots'] };
  /** Sign-in and roles (default on). Off only in tests of other concerns: every route then answers anyone. */
  auth?: boolean;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Clients get the message, never a stack trace.
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, req, reply) => {
    const status = err.statusCode ?? (err.validation ? 400 : 500);
    if (status >= 500) req.log.error(err);
    reply.status(status).send({ error: status >= 500 ? 'internal error' : err.message });
  });
  // ajv turns "1e999" or "Infinity" into Infinity and lets it past integer bounds: such a value is refused here.
  app.addHook('preValidation', async (req, reply) => {
    for (const [k, v] of Object.entries({ ...(req.params as object), ...(req.query as object) })) {
      if (typeof v === 'string' && v.trim() !== '' && !Number.isFinite(Number(v)) && !Number.isNaN(Number(v))) return reply.status(400).send({ error: `${k}: "${v}" is not a finite number` });
    }
  });
  await app.register(hardening);
  await app.register(warehousePlugin, { db: opts.db });
  if (opts.auth !== false) {
    await app.register(authPlugin);
    await app.register(adminRoute);
  }
  // Without sign-in the pages still ask who is signed in: nobody, and everything is open.
  else app.get('/api/me', { config: { access: 'public' } }, async () => ({ user: null }));
  // Registered before the routes so it sees them all.
  await app.register(openApi);
  await app.register(healthRoute);
  await app.register(tableMetricsRoute);
  await app.register(metricsRoute);
  await app.register(techniciansRoute);
  await app.register(ticketsRoute);
  await app.register(complaintsRoute);
  await app.register(backlogAgingRoute);
  const archive = opts.reports ?? { dir: path.resolve(defaultConfig.reportsDir), companyName: defaultConfig.companyName };
  await app.register(reportsRoute, archive);
  // Without a configured secret (tests of other concerns) links are signed with one made for this app.
  await app.register(subscriptionsRoute, { archive, linkSecret: opts.notify?.linkSecret ?? crypto.randomBytes(32).toString('base64url'), robots: opts.notify?.robots ?? {} });
  await app.register(ingestRoute, { uploadMaxBytes: opts.uploadMaxBytes ?? 1024 ** 3 });
  await app.register(staticClient);
  return app;
}
