// Decorates the app with the warehouse (`app.db`): query functions take it as their first argument, so the API,
// cron jobs and PDF reports call the same functions.
import fp from 'fastify-plugin';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Warehouse;
  }
}

export const warehousePlugin = fp<{ db: Warehouse }>(async (app, opts) => {
  app.decorate('db', opts.db);
});
