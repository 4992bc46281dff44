// The server log: JSON lines (pino, Fastify's logger), one per request with its id, method, url, status and time.
// Secrets never reach it: cookies, authorization headers, set-cookie and passwords are redacted wherever they
// would appear. The id comes from the client's X-Request-Id when it is a plain short token (a proxy's), else a new
// one; every answer carries it in X-Request-Id, so a user's "internal error" can be found in the log.
import { randomUUID } from 'node:crypto';
import {
  LogController,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  type RawServerDefault,
} from 'fastify';
import fp from 'fastify-plugin';
import type { IncomingMessage } from 'node:http';
import type { LogLevel } from '../../../warehouse/config/config.ts';

export interface RequestLogOptions {
  level: LogLevel;
  /** Where the lines go; stdout when unset. */
  stream?: { write(line: string): void };
}

export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'password',
  '*.password',
];

const requestId = (req: IncomingMessage): string => {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
};

/** One line per request when it is answered, instead of Fastify's two ("incoming request", "request completed"). */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const line = { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: error }, 'request');
    else reply.log.info(line, 'request');
  }
}

/** Fastify's options for the log: off (tests, 'silent') or on at a level. */
export function loggerOptions(
  o: RequestLogOptions | false | undefined,
): Pick<FastifyServerOptions<RawServerDefault>, 'logger' | 'logController' | 'genReqId' | 'requestIdHeader'> {
  const on = o && o.level !== 'silent';
  return {
    logger: on
      ? { level: o.level, redact: { paths: redactedPaths, censor: '[redacted]' }, ...(o.stream ? { stream: o.stream } : {}) }
      : false,
    logController: new OneLinePerRequest(),
    requestIdHeader: false,
    genReqId: requestId,
  };
}

export const requestLog: FastifyPluginAsync = fp(async (app) => {
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
});
