// An attack over a listening server (real HTTP on loopback, paths sent byte for byte): every route × every
// principal (nobody, each role, region-limited accounts, an API token) × every shape of its path (raw,
// percent-encoded, double slash, trailing slash, changed case, dot segments). Before access was read from the
// matched route, `/%61pi/users` answered an anonymous caller 200. The roles each route allows are written out
// here by hand, from the README's table of roles, not read from the code.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { createUser, type Role } from '../../../../web/server/auth/accounts.ts';
import { serviceQuarterWarehouse } from '../../../helpers/fixture-warehouse.ts';

const password = 'long enough pw';
type Who = 'nobody' | 'admin' | 'manager' | 'quality' | 'hr' | 'tech' | 'northManager' | 'northHr' | 'token';
const accounts: { who: Who; role: Role; regions?: string[]; technician_id?: string }[] = [
  { who: 'admin', role: 'admin' },
  { who: 'manager', role: 'manager' },
  { who: 'quality', role: 'quality' },
  { who: 'hr', role: 'hr' },
  { who: 'tech', role: 'technician', technician_id: 'E001' },
  { who: 'northManager', role: 'manager', regions: ['华北'] },
  { who: 'northHr', role: 'hr', regions: ['华北'] },
];
const roleOf = (who: Who): Role | 'token' | null =>
  who === 'nobody' ? null : who === 'token' ? 'token' : accounts.find((a) => a.who === who)!.role;

// Who may call each route (README, "Accounts and security"), and a request that exercises it without harm.
const all = 'signed-in' as const;
const quality: Role[] = ['admin', 'manager', 'quality'];
const figures: Role[] = ['admin', 'manager', 'quality', 'hr'];
const scorecards: Role[] = ['admin', 'hr', 'technician'];
const routes: Record<string, { allowed: 'public' | typeof all | (Role | 'token')[]; sample: string }> = {
  'GET /api/health': { allowed: 'public', sample: '/api/health' },
  'POST /api/login': { allowed: 'public', sample: '/api/login' },
  'POST /api/logout': { allowed: all, sample: '/api/logout' },
  'GET /api/me': { allowed: all, sample: '/api/me' },
  'GET /api/metrics': { allowed: all, sample: '/api/metrics' },
  'GET /api/openapi.json': { allowed: all, sample: '/api/openapi.json' },
  'GET /api/metrics/:name': { allowed: figures, sample: '/api/metrics/resolution_rate?grain=quarter&by=region' },
  'GET /api/metrics/quality_flags': { allowed: quality, sample: '/api/metrics/quality_flags?quarter=2025Q3' },
  'GET /api/metrics/chronic_units': { allowed: quality, sample: '/api/metrics/chronic_units?from=2025-01-01&to=2025-12-31' },
  'GET /api/metrics/fault_solutions': { allowed: quality, sample: '/api/metrics/fault_solutions?from=2025-01-01&to=2025-12-31' },
  'GET /api/metrics/failures_by_age': { allowed: quality, sample: '/api/metrics/failures_by_age?from=2025-01-01&to=2025-12-31' },
  'GET /api/metrics/reliability_fits': { allowed: quality, sample: '/api/metrics/reliability_fits?region=%E5%8D%8E%E5%8C%97' },
  'GET /api/metrics/warranty_forecast': { allowed: quality, sample: '/api/metrics/warranty_forecast' },
  'GET /api/metrics/parts_usage': { allowed: quality, sample: '/api/metrics/parts_usage?by=part_no,region' },
  'GET /api/metrics/claims_per_thousand': { allowed: quality, sample: '/api/metrics/claims_per_thousand?by=production_batch' },
  'GET /api/metrics/technician_score': { allowed: scorecards, sample: '/api/metrics/technician_score?period=2025Q3' },
  'GET /api/metrics/early_warnings': { allowed: quality, sample: '/api/metrics/early_warnings' },
  'GET /api/metrics/corrective_actions': { allowed: quality, sample: '/api/metrics/corrective_actions' },
  'GET /api/early-warnings': { allowed: quality, sample: '/api/early-warnings' },
  'GET /api/early-warnings/:id': { allowed: quality, sample: '/api/early-warnings/999999' },
  'POST /api/early-warnings/:id/state': { allowed: ['admin', 'quality'], sample: '/api/early-warnings/999999/state' },
  'GET /api/corrective-actions': { allowed: quality, sample: '/api/corrective-actions' },
  'POST /api/corrective-actions': { allowed: ['admin', 'quality'], sample: '/api/corrective-actions' },
  'GET /api/corrective-actions/:id': { allowed: quality, sample: '/api/corrective-actions/999999' },
  'PATCH /api/corrective-actions/:id': { allowed: ['admin', 'quality'], sample: '/api/corrective-actions/999999' },
  'POST /api/corrective-actions/:id/comments': { allowed: ['admin', 'quality'], sample: '/api/corrective-actions/999999/comments' },
  'GET /api/parts/overdue': { allowed: quality, sample: '/api/parts/overdue' },
  'GET /api/units/:serial_no': { allowed: quality, sample: '/api/units/SN-M01' },
  'GET /api/tickets': { allowed: quality, sample: '/api/tickets?limit=1000' },
  'GET /api/complaints': { allowed: quality, sample: '/api/complaints?limit=1000' },
  'GET /api/backlog/aging': { allowed: quality, sample: '/api/backlog/aging?as_of=2025-09-30' },
  'GET /api/technicians/:technician_id/evidence': { allowed: scorecards, sample: '/api/technicians/E001/evidence?period=2025Q3' },
  'GET /api/technicians/:technician_id/evidence/tickets': {
    allowed: scorecards,
    sample: '/api/technicians/E001/evidence/tickets?period=2025Q3&component=satisfaction',
  },
  'GET /api/fault-names': { allowed: all, sample: '/api/fault-names' },
  'GET /api/cadence/overdue': { allowed: quality, sample: '/api/cadence/overdue' },
  'GET /api/installations/scores': { allowed: quality, sample: '/api/installations/scores' },
  'GET /api/cadence/dues': { allowed: quality, sample: '/api/cadence/dues?metric=callback_compliance' },
  'GET /api/technicians/:technician_id/evidence/installations': {
    allowed: scorecards,
    sample: '/api/technicians/E001/evidence/installations?period=2025Q3',
  },
  'GET /api/technician-scores/export': { allowed: ['admin', 'hr'], sample: '/api/technician-scores/export?period=2025Q3' },
  'POST /api/reports': { allowed: figures, sample: '/api/reports' },
  'GET /api/reports': { allowed: figures, sample: '/api/reports' },
  'GET /api/reports/:file': { allowed: figures, sample: '/api/reports/999999.pdf' },
  'POST /api/ingest/:kind': { allowed: ['admin', 'token'], sample: '/api/ingest/tickets' },
  'POST /api/ingest/:kind/preview': { allowed: ['admin'], sample: '/api/ingest/tickets/preview' },
  'GET /api/ingest/mappings': { allowed: ['admin'], sample: '/api/ingest/mappings' },
  'GET /api/ingest/runs': { allowed: ['admin'], sample: '/api/ingest/runs' },
  'GET /api/ingest/runs/:id/rejects': { allowed: ['admin'], sample: '/api/ingest/runs/1/rejects' },
  'GET /api/ingest/progress/:key': { allowed: ['admin'], sample: '/api/ingest/progress/0123456789abcdef' },
  'POST /api/tokens': { allowed: ['admin'], sample: '/api/tokens' },
  'GET /api/tokens': { allowed: ['admin'], sample: '/api/tokens' },
  'DELETE /api/tokens/:id': { allowed: ['admin'], sample: '/api/tokens/999999' },
  'GET /api/users': { allowed: ['admin'], sample: '/api/users' },
  'POST /api/users': { allowed: ['admin'], sample: '/api/users' },
  'DELETE /api/users/:id': { allowed: ['admin'], sample: '/api/users/999999' },
  'GET /api/audit': { allowed: ['admin'], sample: '/api/audit' },
  'PATCH /api/users/:id': { allowed: ['admin'], sample: '/api/users/999999' },
  'GET /api/subscriptions': { allowed: all, sample: '/api/subscriptions' },
  'POST /api/subscriptions': { allowed: all, sample: '/api/subscriptions' },
  'DELETE /api/subscriptions/:id': { allowed: all, sample: '/api/subscriptions/999999' },
  'GET /api/deliveries': { allowed: ['admin'], sample: '/api/deliveries' },
  // The links in messages: their signature is the permission (a forged one is refused).
  'GET /api/unsubscribe': { allowed: 'public', sample: '/api/unsubscribe?t=1.forged' },
  'POST /api/unsubscribe': { allowed: 'public', sample: '/api/unsubscribe?t=1.forged' },
  'GET /api/shared-reports/:file': { allowed: 'public', sample: '/api/shared-reports/999999.pdf?u=1&exp=9999999999&sig=forged' },
  'GET /api/shared-charts/:file': { allowed: 'public', sample: '/api/shared-charts/0000.png?exp=9999999999&sig=forged' },
};

/** The shapes one path can be sent in that a router might take for it. */
function pathForms(p: string): string[] {
  const [pathPart, query] = p.split('?');
  const rest = pathPart.slice('/api'.length);
  const q = query ? `?${query}` : '';
  const encodeOne = (s: string) => s.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return [
    `/%61pi${rest}`,
    `/a%70i${rest}`,
    `/%61%70%69${rest}`,
    `/api${encodeOne(rest)}`,
    `/API${rest}`,
    `/Api${rest}`,
    `//api${rest}`,
    `/api/${rest}`,
    `${pathPart}/`,
    `/api/../api${rest}`,
    `/x/..${pathPart}`,
    `/api/.${rest}`,
    `/api/%2e%2e/api${rest}`,
    `/api/%2E%2E/api${rest}`,
  ].map((f) => f + q);
}

describe('an attack on every route, principal and path shape', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  let port: number;
  const headers: Partial<Record<Who, Record<string, string>>> = { nobody: {} };

  const send = (method: string, path: string, who: Who): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path,
          method,
          headers: { ...headers[who], ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    app = await buildApp({ db, reports: { dir: '/nonexistent-never-written', companyName: 'x' } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
    for (const a of accounts) {
      await createUser(db, { username: a.who, role: a.role, regions: a.regions, technician_id: a.technician_id, password });
      const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username: a.who, password } });
      headers[a.who] = { cookie: String(r.headers['set-cookie']).split(';')[0] };
    }
    const t = await app.inject({ method: 'POST', url: '/api/tokens', payload: { name: 'attack' }, headers: headers.admin });
    headers.token = { authorization: `Bearer ${t.json().token}` };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('every API route the server has is in the table above (a new route must say who may call it)', () => {
    const served = app.routeTable.filter((r) => r.url.startsWith('/api') && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
    expect(served.sort()).toEqual(Object.keys(routes).sort());
  });

  const principals: Who[] = ['nobody', 'admin', 'manager', 'quality', 'hr', 'tech', 'northManager', 'northHr', 'token'];

  it.each(Object.entries(routes))(
    '%s: each principal gets what its role allows, in every shape of the path',
    async (route, { allowed, sample }) => {
      const method = route.split(' ')[0];
      const problems: string[] = [];
      for (const who of principals) {
        // Signing out in the middle would end the session the other requests use.
        if (route === 'POST /api/logout' && who !== 'nobody') continue;
        const role = roleOf(who);
        const may =
          allowed === 'public' ||
          (role !== null && role !== 'token' && allowed === all) ||
          (role !== null && allowed !== all && allowed.includes(role));
        const raw = await send(method, sample, who);
        if (raw.status >= 500) problems.push(`${who} ${sample}: ${raw.status}`);
        if (!may) {
          const expected = who === 'nobody' ? 401 : 403;
          if (raw.status !== expected) problems.push(`${who} ${sample}: ${raw.status}, expected ${expected}`);
        } else if (raw.status === 401 || raw.status === 403) {
          problems.push(`${who} ${sample}: ${raw.status}, but the role may call it`);
        }
        for (const form of pathForms(sample)) {
          const r = await send(method, form, who);
          // A shape of the path reaches the same route, another one (`/api/metrics/` is a metric without a name) or
          // none: it never gets an answer the raw path is refused, and never fails the server.
          if (r.status < 400 && raw.status >= 400) problems.push(`${who} ${form}: ${r.status} where ${sample} gave ${raw.status}`);
          if (!may && r.status < 400) problems.push(`${who} ${form}: ${r.status} — let through`);
          if (r.status >= 500) problems.push(`${who} ${form}: ${r.status}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('a region-limited account reads no other region in any answer', async () => {
    const leaks: string[] = [];
    for (const who of ['northManager', 'northHr'] as const) {
      for (const [route, { sample }] of Object.entries(routes)) {
        if (!route.startsWith('GET ')) continue;
        const r = await send('GET', sample, who);
        // The catalog and the API description name no region; everything else must stay inside 华北.
        for (const other of ['华东', '华南']) if (r.body.includes(other)) leaks.push(`${who} ${sample} (${r.status}) shows ${other}`);
      }
    }
    expect(leaks).toEqual([]);
    // …and it does see its own: the same requests are not all empty.
    expect((await send('GET', '/api/tickets?limit=1000', 'northManager')).body).toContain('华北');
  });

  it('malformed parameters are answered 400 with a message, never 500', async () => {
    const garbage = [
      'severity=x',
      'severity=1;drop',
      'limit=1e999',
      'limit=Infinity',
      'offset=1e999',
      'limit=-1',
      'from=2025-02-30',
      'to=x',
      'as_of=2025-13-01',
      'grain=x',
      'quarter=2025Q9',
      'period=2025-13',
      'by=x',
      'sort=x',
      'format=x',
      'score=x',
    ];
    const failures: string[] = [];
    for (const [route, { sample }] of Object.entries(routes)) {
      if (!route.startsWith('GET ')) continue;
      for (const g of garbage) {
        const url = `${sample}${sample.includes('?') ? '&' : '?'}${g}`;
        const r = await send('GET', url, 'admin');
        if (r.status >= 500) failures.push(`${url}: ${r.status} ${r.body.slice(0, 120)}`);
      }
    }
    for (const [method, url] of [
      ['DELETE', '/api/users/1e999'],
      ['DELETE', '/api/tokens/Infinity'],
      ['GET', '/api/reports/1e999.pdf'],
      ['GET', '/api/ingest/runs/1e999/rejects'],
    ]) {
      const r = await send(method, url, 'admin');
      if (r.status !== 400) failures.push(`${method} ${url}: ${r.status}, expected 400`);
    }
    expect(failures).toEqual([]);
  });
});
