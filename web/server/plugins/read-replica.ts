// A read replica (`aftersight serve --replica`): every request holds a lease on the snapshot current when it
// arrived, so all its queries read that snapshot and the snapshot stays open until the answer is sent, even when a
// newer one is published meanwhile. Writes are refused before they reach a handler, naming where writes go:
// everything but GET, HEAD and OPTIONS, except signing in and out (sessions are signed, see auth/sessions.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Lease, ReplicaWarehouse } from '../../../warehouse/db/replica-warehouse.ts';
import { apiError } from '../api-error.ts';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const allowedWrites = new Set(['/api/login', '/api/logout']);

declare module 'fastify' {
  interface FastifyRequest {
    snapshotLease?: Lease;
  }
}

/** The answer to a write asked of a replica. */
export const replicaRefusal = (writerUrl: string) => apiError('read_only_replica', { writer: writerUrl });

export const readReplica = fp<{ db: ReplicaWarehouse }>(async (app, { db }) => {
  const release = (req: FastifyRequest) => req.snapshotLease?.release();
  app.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const lease = db.lease();
    req.snapshotLease = lease;
    reply.raw.once('close', () => lease.release());
    lease.run(done);
  });
  // A request body is read on the socket's events, outside the lease's context: the handler enters it again.
  app.addHook('preHandler', (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    if (req.snapshotLease) req.snapshotLease.run(done);
    else done();
  });
  app.addHook('onResponse', async (req) => release(req));
  app.addHook('onRequestAbort', async (req) => release(req));
  app.addHook('onRequest', async (req, reply) => {
    if (readMethods.has(req.method) || allowedWrites.has(req.routeOptions.url ?? '')) return;
    return reply.status(421).send(replicaRefusal(db.replica.writerUrl));
  });
});
