// Builds the Fastify app (no listening: tests use app.inject). server.ts listens.
import { answerOf, apiError, codeEveryError } from './api-error.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { healthRoute } from './routes/health.route.ts';
import { ingestRoute } from './routes/ingest.route.ts';
import { metricsRoute } from './routes/metrics.route.ts';
import { ticketsRoute } from './routes/tickets.route.ts';
import { complaintsRoute } from './routes/complaints.route.ts';
import { tableMetricsRoute } from './routes/table-metrics.route.ts';
import { faultNamesRoute } from './routes/fault-names.route.ts';
import { cadenceRoute } from './routes/cadence.route.ts';
import { techniciansRoute } from './routes/technicians.route.ts';
import { backlogAgingRoute } from './routes/backlog-aging.route.ts';
import { staticClient } from './plugins/static-client.ts';
import { warehousePlugin } from './plugins/warehouse.ts';
import { openApi, openApiRoute } from './plugins/openapi.ts';
import { addErrorReplies } from './schemas/error-reply.schema.ts';
import { MeReply } from './schemas/account.schema.ts';
import { NoQuery } from './schemas/json-types.schema.ts';
import { hardening } from './plugins/hardening.ts';
import { loggerOptions, requestLog, type RequestLogOptions } from './plugins/request-log.ts';
import { authPlugin } from './auth/auth-plugin.ts';
import { adminRoute } from './routes/admin.route.ts';
import { reportsRoute } from './routes/reports.route.ts';
import { earlyWarningsRoute } from './routes/early-warnings.route.ts';
import { correctiveActionsRoute } from './routes/corrective-actions.route.ts';
import type { ArchiveOptions } from '../../reports/archive/report-archive.ts';
import { defaultConfig, type AftersightConfig } from '../../warehouse/config/config.ts';
import { subscriptionsRoute } from './routes/subscriptions.route.ts';
import crypto from 'node:crypto';
import path from 'node:path';
import { DiskFullError, diskFullReason, isDiskFull } from '../../warehouse/db/disk-full.ts';
import { isReadOnlyRefusal, isReplica, ReplicaWriteError } from '../../warehouse/db/replica-warehouse.ts';
import { readReplica, replicaRefusal } from './plugins/read-replica.ts';

export interface AppOptions {
  db: Warehouse;
  /** The server log (off unless given; `aftersight serve` turns it on, see request-log.ts). */
  logger?: RequestLogOptions | false;
  /** Largest upload accepted (default 1 GiB). */
  uploadMaxBytes?: number;
  /** Where reports are archived, and the company name on their covers. */
  reports?: ArchiveOptions;
  /** Subscriptions: the secret that signs unsubscribe and download links, and the configured robots. */
  notify?: { linkSecret: string; robots: AftersightConfig['robots']; alertDefaults?: AftersightConfig['delivery']['alertDefaults'] };
  /** Sign-in and roles (default on). Off only in tests of other concerns: every route then answers anyone. */
  auth?: boolean;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggerOptions(opts.logger),
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Clients get the message, never a stack trace.
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, req, reply) => {
    // A full disk: what to do about it, never the server's file paths.
    // A write that reached a read replica after all (a GET that changes something): where writes go.
    if (isReplica(opts.db) && (err instanceof ReplicaWriteError || isReadOnlyRefusal(err)))
      return reply.status(421).send(replicaRefusal(opts.db.replica.writerUrl));
    if (isDiskFull(err)) {
      req.log.error(err);
      return reply.status(507).send({ ...apiError('disk_full', {}, new DiskFullError().message), reason: diskFullReason });
    }
    const status = err.statusCode ?? (err.validation ? 400 : 500);
    if (status >= 500) req.log.error(err);
    reply.status(status).send(answerOf(err, status));
  });
  // ajv turns "1e999" or "Infinity" into Infinity and lets it past integer bounds: such a value is refused here.
  app.addHook('preValidation', async (req, reply) => {
    for (const [k, v] of Object.entries({ ...(req.params as object), ...(req.query as object) })) {
      if (typeof v === 'string' && v.trim() !== '' && !Number.isFinite(Number(v)) && !Number.isNaN(Number(v)))
        return reply.status(400).send(apiError('not_finite', { name: k, value: v }));
    }
  });
  // Every error answer carries a code, also one a route sends itself.
  app.addHook('preSerialization', codeEveryError);
  await app.register(requestLog);
  if (isReplica(opts.db)) await app.register(readReplica, { db: opts.db });
  // Every API route's answers include the errors any route can give (401, 403, 400, 429, 500).
  app.addHook('onRoute', addErrorReplies);
  // Registered before any route so the document has them all.
  await app.register(openApi);
  await app.register(hardening);
  await app.register(warehousePlugin, { db: opts.db });
  if (opts.auth !== false) {
    await app.register(authPlugin);
    await app.register(adminRoute);
  }
  // Without sign-in the pages still ask who is signed in: nobody, and everything is open.
  else
    app.get('/api/me', { schema: { querystring: NoQuery, response: { 200: MeReply } }, config: { access: 'public' } }, async () => ({
      user: null,
    }));
  await app.register(openApiRoute);
  await app.register(healthRoute);
  await app.register(tableMetricsRoute);
  await app.register(faultNamesRoute);
  await app.register(cadenceRoute);
  await app.register(metricsRoute);
  await app.register(techniciansRoute);
  await app.register(ticketsRoute);
  await app.register(complaintsRoute);
  await app.register(backlogAgingRoute);
  await app.register(earlyWarningsRoute);
  await app.register(correctiveActionsRoute);
  const archive = opts.reports ?? { dir: path.resolve(defaultConfig.reportsDir), companyName: defaultConfig.companyName };
  await app.register(reportsRoute, archive);
  // Without a configured secret (tests of other concerns) links are signed with one made for this app.
  await app.register(subscriptionsRoute, {
    archive,
    linkSecret: opts.notify?.linkSecret ?? crypto.randomBytes(32).toString('base64url'),
    robots: opts.notify?.robots ?? {},
    alertDefaults: opts.notify?.alertDefaults,
  });
  await app.register(ingestRoute, { uploadMaxBytes: opts.uploadMaxBytes ?? 1024 ** 3 });
  await app.register(staticClient);
  return app;
}
