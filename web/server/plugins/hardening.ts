// Security headers on every answer (helmet: a content security policy that allows only our own script, no
// framing, no MIME sniffing, no referrer leaks) and rate limits on the costly writes (uploads, report production),
// per client address. The limits are per route: `config: { rateLimit: writeRateLimit }`.
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/** At most this many uploads or report requests a minute from one address. */
export const writeRateLimit = { max: 30, timeWindow: '1 minute' } as const;

export const hardening: FastifyPluginAsync = fp(async (app) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // ECharts' SVG and Lit's styles set style attributes; no script runs from them.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain http on a LAN as often as behind TLS: HSTS is the TLS proxy's to send.
    strictTransportSecurity: false,
  });
  await app.register(rateLimit, { global: false });
});
