// Serves the bundled dashboard (web/client/dist, built by `npm run build:web`) and its single page.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { pagePaths } from '../../../presentation/page-paths.ts';
import fp from 'fastify-plugin';

export const clientDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client');
export const distDir = path.join(clientDir, 'dist');

export const staticClient: FastifyPluginAsync = fp(async (app) => {
  if (!fs.existsSync(path.join(distDir, 'app.js'))) {
    app.log.warn(`${distDir}/app.js is missing: run \`npm run build:web\` to build the dashboard`);
  }
  await app.register(fastifyStatic, { root: distDir, prefix: '/assets/', index: false });
  const page = () => fs.readFileSync(path.join(clientDir, 'index.html'), 'utf8');
  // One page for every view of the dashboard; the client picks the view from the path.
  for (const route of ['/', ...pagePaths]) app.get(route, async (_req, reply) => reply.type('text/html; charset=utf-8').send(page()));
});
