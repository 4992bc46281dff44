// The server log: one JSON line per request with its id, method, url and status; never a cookie, a token or a
// password; the id answered in X-Request-Id.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { createFirstUsers } from '../../../../web/server/auth/first-users.ts';
import { loggerOptions } from '../../../../web/server/plugins/request-log.ts';

describe('server log', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  const lines: string[] = [];
  const password = 'request-log-admin-password';
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    await createFirstUsers(db, { demo: false, adminPassword: password });
    app = await buildApp({ db, logger: { level: 'info', stream: { write: (l) => lines.push(l) } } });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('writes a line per request with reqId, method, url and status, and no secret', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password } });
    expect(login.statusCode).toBe(200);
    const cookie = login.headers['set-cookie']!.toString().split(';')[0];
    const cookieValue = cookie.split('=')[1];
    expect(cookieValue.length).toBeGreaterThan(10);
    const health = await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { cookie, authorization: 'Bearer ast_not-a-real-token-123' },
    });
    expect(health.statusCode).toBe(200);
    const denied = await app.inject({ method: 'GET', url: '/api/users' });
    expect(denied.statusCode).toBe(401);

    const requests = entries().filter((e) => e.msg === 'request');
    expect(requests.map((e) => [e.method, e.url, e.status])).toEqual([
      ['POST', '/api/login', 200],
      ['GET', '/api/health', 200],
      ['GET', '/api/users', 401],
    ]);
    for (const e of requests) {
      expect(e.reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect(e.level).toBe(30);
      expect(typeof e.ms).toBe('number');
    }
    expect(new Set(requests.map((e) => e.reqId)).size).toBe(3);
    // The id is answered, so a user's report of an error can be found in the log.
    expect(health.headers['x-request-id']).toBe(requests[1].reqId);
    const all = lines.join('\n');
    expect(all).not.toContain(cookieValue);
    expect(all).not.toContain('ast_not-a-real-token-123');
    expect(all).not.toContain(password);
  });

  it("keeps a proxy's plain request id and replaces anything else", async () => {
    lines.length = 0;
    await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'proxy-7f3a.1' } });
    await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'x"}\n{"level":60' } });
    const [kept, replaced] = entries().filter((e) => e.msg === 'request');
    expect(kept.reqId).toBe('proxy-7f3a.1');
    expect(replaced.reqId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is off unless asked (tests, logLevel "silent")', () => {
    expect(loggerOptions(undefined).logger).toBe(false);
    expect(loggerOptions(false).logger).toBe(false);
    expect(loggerOptions({ level: 'silent' }).logger).toBe(false);
    expect(loggerOptions({ level: 'warn' }).logger).toMatchObject({
      level: 'warn',
      redact: { paths: expect.arrayContaining(['req.headers.cookie', 'req.headers.authorization']) },
    });
  });
});
