// Security headers on the page and the API, and the rate limit on costly writes: the 31st report request in a
// minute from one address is refused with 429 and a message, and nothing is produced for it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { fixtureWarehouse } from '../../../helpers/fixture-warehouse.ts';

describe('hardening', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await fixtureWarehouse();
    app = await buildApp({ db, reports: { dir: '/nonexistent-never-written', companyName: 'x' }, auth: false });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it.each(['/', '/api/health', '/api/tickets?limit=1'])('%s carries the security headers', async (url) => {
    const r = await app.inject({ url });
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-powered-by']).toBeUndefined();
  });

  it('the 31st report request within a minute is refused with 429', async () => {
    // Bodies that fail validation still count: a flood of bad requests is a flood.
    for (let i = 0; i < 30; i++)
      expect((await app.inject({ method: 'POST', url: '/api/reports', payload: { quarter: 'x', variant: 'management' } })).statusCode).toBe(
        400,
      );
    const r = await app.inject({ method: 'POST', url: '/api/reports', payload: { quarter: '2025Q3', variant: 'management' } });
    expect(r.statusCode).toBe(429);
    expect(r.json().error).toMatch(/rate limit/i);
    expect(r.headers['retry-after']).toBeTruthy();
    expect(await db.all('select * from reports')).toEqual([]);
    // Reads are not limited.
    expect((await app.inject({ url: '/api/reports' })).statusCode).toBe(200);
  });
});
