// Every role against every route (table-driven), on the hand-scored quarter: each gets exactly what it should;
// a region-limited user sees only their region; a technician only their own scorecard; sign-in locks after
// five failures; sessions end at sign-out; sign-ins, failures and exports are in the audit log.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { createUser, type Role } from '../../../../web/server/auth/accounts.ts';
import { scoredQuarterWarehouse } from '../../../helpers/scored-quarter.ts';
import { multipartBody } from '../../../helpers/multipart.ts';

const password = 'correct horse battery';
const users: { username: string; role: Role; regions?: string[]; technician_id?: string }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'manager', role: 'manager' },
  { username: 'quality', role: 'quality' },
  { username: 'hr', role: 'hr' },
  { username: 'e1', role: 'technician', technician_id: 'E1' },
  { username: 'north', role: 'hr', regions: ['华北'] },
];

describe('who may use what', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  const login = (username: string, pw = password) => app.inject({ method: 'POST', url: '/api/login', payload: { username, password: pw } });
  const as = (who: string | null, url: string, method: 'GET' | 'POST' = 'GET', payload?: object) =>
    app.inject({ method, url, payload, headers: who ? { cookie: cookies[who] } : {} });

  beforeAll(async () => {
    db = await scoredQuarterWarehouse();
    app = await buildApp({ db, reports: { dir: '/nonexistent-never-written', companyName: 'x' } });
    for (const u of users) await createUser(db, { ...u, password });
    for (const u of users) cookies[u.username] = String((await login(u.username)).headers['set-cookie']).split(';')[0];
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  // Status by route for: nobody, admin, manager, quality, hr, technician.
  const table: [string, string, number[]][] = [
    ['GET', '/api/health', [200, 200, 200, 200, 200, 200]],
    ['GET', '/api/me', [401, 200, 200, 200, 200, 200]],
    ['GET', '/api/metrics', [401, 200, 200, 200, 200, 200]],
    ['GET', '/api/fault-names', [401, 200, 200, 200, 200, 200]],
    ['GET', '/api/metrics/resolution_rate?grain=all', [401, 200, 200, 200, 200, 403]],
    ['GET', '/api/metrics/quality_flags?quarter=2025Q3', [401, 200, 200, 200, 403, 403]],
    ['GET', '/api/metrics/technician_score?period=2025Q3', [401, 200, 403, 403, 200, 200]],
    ['GET', '/api/tickets?limit=1', [401, 200, 200, 200, 403, 403]],
    ['GET', '/api/complaints?limit=1', [401, 200, 200, 200, 403, 403]],
    ['GET', '/api/backlog/aging?as_of=2025-09-30', [401, 200, 200, 200, 403, 403]],
    ['GET', '/api/parts/overdue', [401, 200, 200, 200, 403, 403]],
    ['GET', '/api/metrics/claims_per_thousand?by=production_batch', [401, 200, 200, 200, 403, 403]],
    ['GET', '/api/cadence/overdue', [401, 200, 200, 200, 403, 403]],
    ['GET', '/api/installations/scores', [401, 200, 200, 200, 403, 403]],
    ['GET', '/api/technicians/E1/evidence?period=2025Q3', [401, 200, 403, 403, 200, 200]],
    ['GET', '/api/technicians/E2/evidence?period=2025Q3', [401, 200, 403, 403, 200, 403]],
    ['GET', '/api/technicians/E1/evidence/tickets?period=2025Q3&component=satisfaction', [401, 200, 403, 403, 200, 200]],
    ['GET', '/api/technicians/E2/evidence/tickets?period=2025Q3&component=satisfaction', [401, 200, 403, 403, 200, 403]],
    ['GET', '/api/technician-scores/export?period=2025Q3&format=csv', [401, 200, 403, 403, 200, 403]],
    ['GET', '/api/ingest/runs', [401, 200, 403, 403, 403, 403]],
    ['POST', '/api/ingest/tickets', [401, 400, 403, 403, 403, 403]],
    ['GET', '/api/reports', [401, 200, 200, 200, 200, 403]],
    ['GET', '/api/tokens', [401, 200, 403, 403, 403, 403]],
    ['GET', '/api/users', [401, 200, 403, 403, 403, 403]],
    ['GET', '/api/audit', [401, 200, 403, 403, 403, 403]],
    ['GET', '/api/no-such-thing', [404, 404, 404, 404, 404, 404]],
    ['GET', '/api/tickets/../ingest/runs', [401, 200, 403, 403, 403, 403]],
  ];
  it.each(table)('%s %s', async (method, url, expected) => {
    const got: number[] = [];
    for (const who of [null, 'admin', 'manager', 'quality', 'hr', 'e1'])
      got.push((await as(who, url, method as 'GET' | 'POST')).statusCode);
    expect(got).toEqual(expected);
  });

  it('a technician gets only their own scorecard row', async () => {
    const rows = (await as('e1', '/api/metrics/technician_score?period=2025Q3&technician_id=E2')).json().rows;
    expect(rows.map((r: { technician_id: string }) => r.technician_id)).toEqual(['E1']);
  });

  it('a region-limited HR user sees their region only, and is refused another', async () => {
    // The register puts E1 and E2 in 华东, E3 in 华北.
    const rows = (await as('north', '/api/metrics/technician_score?period=2025Q3')).json().rows;
    expect(rows.map((r: { technician_id: string }) => r.technician_id)).toEqual(['E3']);
    expect((await as('north', `/api/metrics/technician_score?period=2025Q3&region=${encodeURIComponent('华东')}`)).statusCode).toBe(403);
    // The evidence behind a scorecard: E3's (华北) opens, E1's (华东) is unknown to the 华北 reader.
    expect((await as('north', '/api/technicians/E3/evidence?period=2025Q3')).statusCode).toBe(200);
    const e1 = await as('north', '/api/technicians/E1/evidence?period=2025Q3');
    expect(e1.statusCode).toBe(404);
    expect(e1.body).not.toContain('A1');
    // A report of another edition, or of another region, is refused.
    expect((await as('north', '/api/reports', 'POST', { quarter: '2025Q3', variant: 'management' })).statusCode).toBe(403);
    expect((await as('north', '/api/reports', 'POST', { quarter: '2025Q3', variant: 'hr', region: '华东' })).statusCode).toBe(403);
  });

  it('SQL and path tricks in parameters change nothing', async () => {
    const r = await as('e1', `/api/metrics/technician_score?period=2025Q3&technician_id=${encodeURIComponent("E1' or '1'='1")}`);
    expect(r.json().rows.map((x: { technician_id: string }) => x.technician_id)).toEqual(['E1']);
    expect((await as('e1', `/api/technicians/${encodeURIComponent('E1/../E2')}/evidence?period=2025Q3`)).statusCode).toBe(403);
  });

  it('a wrong password and an unknown user get the same answer after the same work', async () => {
    await createUser(db, { username: 'victim', role: 'quality', password });
    const unknown = await login('nobody', 'x');
    const wrong = await login('victim', 'x');
    expect([unknown.statusCode, wrong.statusCode]).toEqual([401, 401]);
    expect(unknown.json()).toEqual(wrong.json());
    // Both hash the password (32 MiB scrypt): an unknown name took 21 ms against 406 ms before. A ratio, medians of 3.
    const median = async (name: string) => {
      const ms: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await app.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: name, password: 'x' },
          remoteAddress: `10.9.${name.length}.${i}`,
        });
        ms.push(performance.now() - t);
      }
      return ms.sort((a, b) => a - b)[1];
    };
    const ratio = (await median('nobody-at-all')) / (await median('victim'));
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });

  it('failed sign-ins slow down that address for that account, never the owner elsewhere', async () => {
    await createUser(db, { username: 'target', role: 'quality', password });
    const from = (remoteAddress: string, pw: string) =>
      app.inject({ method: 'POST', url: '/api/login', payload: { username: 'target', password: pw }, remoteAddress });
    for (let i = 0; i < 5; i++) expect((await from('10.0.0.66', 'guess' + i)).statusCode).toBe(401);
    const throttled = await from('10.0.0.66', 'guess');
    expect(throttled.statusCode).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password waits, from that address …
    expect((await from('10.0.0.66', password)).statusCode).toBe(429);
    // … while the account's owner, elsewhere, signs in as usual.
    expect((await from('10.0.0.7', password)).statusCode).toBe(200);
    const failures = await db.all<{ n: number }>(
      `select count(*)::integer as n from audit_log where action = 'login_failed' and username = 'target'`,
    );
    expect(failures[0].n).toBe(7);
  });

  it('the session cookie is HttpOnly and SameSite=Strict; sign-out ends the session', async () => {
    const r = await login('quality');
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/^aftersight_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const cookie = setCookie.split(';')[0];
    expect((await app.inject({ url: '/api/me', headers: { cookie } })).json().user.username).toBe('quality');
    await app.inject({ method: 'POST', url: '/api/logout', headers: { cookie } });
    expect((await app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    // Behind a TLS proxy the cookie is Secure.
    const tls = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'quality', password },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(String(tls.headers['set-cookie'])).toMatch(/; Secure$/);
  });

  it('sign-ins and exports are in the audit log', async () => {
    const actions = await db.all<{ username: string; action: string }>(
      `select username, action from audit_log where action in ('login', 'export') order by happened_at`,
    );
    expect(actions.filter((a) => a.action === 'login').map((a) => a.username)).toEqual(
      expect.arrayContaining(users.map((u) => u.username)),
    );
    expect(
      actions
        .filter((a) => a.action === 'export')
        .map((a) => a.username)
        .sort(),
    ).toEqual(['admin', 'hr']);
  });

  it('an API token made by an admin can load a file and do nothing else; revoked, it is refused', async () => {
    expect((await as('manager', '/api/tokens', 'POST', { name: 'erp' })).statusCode).toBe(403);
    const made = await as('admin', '/api/tokens', 'POST', { name: 'erp nightly' });
    expect(made.statusCode).toBe(201);
    const { token, token_id } = made.json();
    expect(token).toMatch(/^ast_[\w-]{43}$/);
    // Stored as a hash only; listed without it.
    expect((await db.all<{ n: number }>(`select count(*)::integer as n from api_tokens where token_hash = $1`, [token]))[0].n).toBe(0);
    expect(JSON.stringify((await as('admin', '/api/tokens')).json())).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    const file = multipartBody([
      { name: 'file', filename: 'nightly.csv', content: 'ticket_id,opened_at,status\nN1,2025-08-01 09:00,open\n' },
    ]);
    const load = await app.inject({
      method: 'POST',
      url: '/api/ingest/tickets',
      payload: file.payload,
      headers: { ...file.headers, ...bearer },
    });
    expect(load.statusCode, load.body).toBe(200);
    expect(load.json()).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
    for (const [method, url] of [
      ['GET', '/api/tickets?limit=1'],
      ['GET', '/api/ingest/runs'],
      ['GET', '/api/tokens'],
      ['POST', '/api/ingest/tickets/preview'],
      ['GET', '/api/metrics/resolution_rate'],
    ] as const) {
      expect((await app.inject({ method, url, headers: bearer })).statusCode, url).toBe(403);
    }
    expect((await app.inject({ url: '/api/tickets', headers: { authorization: 'Bearer ast_' + 'x'.repeat(43) } })).statusCode).toBe(401);
    // The admin's upload without a file (the table above) failed, and is audited as such; the token's by its name.
    const uploads = await db.all<{ username: string; detail: string }>(
      `select username, detail from audit_log where action = 'upload' order by happened_at`,
    );
    expect(uploads.map((a) => [a.username, a.detail])).toEqual([
      ['admin', 'POST /api/ingest/tickets → 400'],
      ['token:erp nightly', 'POST /api/ingest/tickets'],
    ]);
    expect((await db.all<{ loaded_by: string }>(`select loaded_by from ingest_runs order by load_id desc limit 1`))[0].loaded_by).toBe(
      'token:erp nightly',
    );
    expect((await app.inject({ method: 'DELETE', url: `/api/tokens/${token_id}`, headers: { cookie: cookies.admin } })).statusCode).toBe(
      200,
    );
    const again = await app.inject({
      method: 'POST',
      url: '/api/ingest/tickets',
      payload: file.payload,
      headers: { ...file.headers, ...bearer },
    });
    expect(again.statusCode).toBe(401);
  });

  it('an admin creates an account that can sign in, and deleting it ends its session', async () => {
    expect((await as('admin', '/api/users', 'POST', { username: 'li', password: 'short', role: 'quality' })).statusCode).toBe(400);
    expect(
      (await as('admin', '/api/users', 'POST', { username: 'li', password: 'long enough pw', role: 'technician' })).json().error,
    ).toMatch(/technician id/);
    const made = await as('admin', '/api/users', 'POST', {
      username: 'li',
      password: 'long enough pw',
      role: 'quality',
      regions: ['华东'],
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ username: 'li', role: 'quality', regions: ['华东'] });
    expect((await as('admin', '/api/users', 'POST', { username: 'li', password: 'long enough pw', role: 'hr' })).statusCode).toBe(409);
    const cookie = String((await login('li', 'long enough pw')).headers['set-cookie']).split(';')[0];
    expect((await app.inject({ url: '/api/me', headers: { cookie } })).json().user.username).toBe('li');
    expect((await as('admin', `/api/users/${made.json().user_id}`, 'DELETE' as 'POST')).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    const audit = (await as('admin', '/api/audit?limit=1000')).json().entries as { username: string; action: string }[];
    expect(audit.filter((e) => e.username === 'li').map((e) => e.action)).toEqual(['login']);
    expect(audit.filter((e) => e.username === 'admin').map((e) => e.action)).toEqual(
      expect.arrayContaining(['user_create', 'user_delete', 'token_create', 'token_revoke']),
    );
  });

  it('region lists are checked: none, blank, joined or unknown regions are refused, not stored as no limit', async () => {
    const make = (regions: string[]) =>
      as('admin', '/api/users', 'POST', { username: 'limited', password: 'long enough pw', role: 'manager', regions });
    for (const regions of [[], [' '], ['华东,华北'], ['火星']]) {
      const r = await make(regions);
      expect(r.statusCode, JSON.stringify(regions)).toBe(400);
      expect(r.json().error).toMatch(/^regions: /);
    }
    expect((await db.all(`select 1 from users where username = 'limited'`)).length).toBe(0);
    expect((await make(['华东', '华北'])).json().regions).toEqual(['华东', '华北']);
  });

  it('a state-changing request from a page of another origin is refused, even with a valid session', async () => {
    const post = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/tokens',
        payload: { name: 'csrf' },
        headers: { cookie: cookies.admin, host: 'localhost:3000', ...headers },
      });
    expect((await post({ origin: 'http://localhost:8080' })).statusCode).toBe(403);
    expect((await post({ origin: 'null' })).statusCode).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
    expect((await db.all(`select 1 from api_tokens where name = 'csrf'`)).length).toBe(0);
    // The dashboard itself (same origin), and programs that send no Origin, go through.
    expect((await post({ origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await post({})).statusCode).toBe(201);
  });
});
