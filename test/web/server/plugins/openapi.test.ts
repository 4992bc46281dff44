// GET /api/openapi.json is a valid OpenAPI document (checked by a maintained validator, not by us) and complete:
// every API route of the server is in it, with its request schemas and a schema for its 2xx answer.
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { createUser } from '../../../../web/server/auth/accounts.ts';

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema?: object }> };
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** Fastify's /api/users/:id is OpenAPI's /api/users/{id}. */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('the OpenAPI document', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  let doc: OpenApiDocument;
  let cookie: string;

  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    app = await buildApp({ db, reports: { dir: '/nonexistent-never-written', companyName: 'x' } });
    await createUser(db, { username: 'admin', password: 'correct horse battery', role: 'admin' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'admin', password: 'correct horse battery' },
    });
    cookie = String(login.headers['set-cookie']).split(';')[0];
    const r = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { cookie } });
    expect(r.statusCode).toBe(200);
    doc = r.json();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('is valid for the OpenAPI version it declares', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe(doc.openapi.split('.').slice(0, 2).join('.'));
  });

  it('has every API route, each with a schema for its 2xx answer', () => {
    const hidden = new Set(['GET /api/openapi.json']);
    const routes = app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !hidden.has(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThan(30);
    const missing: string[] = [];
    for (const r of routes) {
      const op = doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()];
      const ok = Object.entries(op?.responses ?? {}).filter(([status]) => /^2/.test(status));
      if (
        !op ||
        !ok.length ||
        ok.some(([, res]) => !Object.values(res.content ?? {}).length || Object.values(res.content!).some((c) => !c.schema))
      )
        missing.push(`${r.method} ${r.url}`);
    }
    expect(missing).toEqual([]);
  });

  it('describes the error answers with their message', () => {
    const op = doc.paths['/api/users/{id}'].delete;
    expect(Object.keys(op.responses).sort()).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404']));
    expect(op.responses['404'].content!['application/json'].schema).toMatchObject({ properties: { error: { type: 'string' } } });
  });

  it('describes the request: path and query parameters, JSON and multipart bodies', () => {
    const params = (path: string, method: string) => (doc.paths[path][method].parameters ?? []).map((p) => `${p.in}:${p.name}`);
    expect(params('/api/users/{id}', 'delete')).toEqual(['path:id']);
    expect(params('/api/tickets', 'get')).toEqual(expect.arrayContaining(['query:from', 'query:metric', 'query:region', 'query:limit']));
    expect(params('/api/metrics/{name}', 'get')).toEqual(
      expect.arrayContaining(['path:name', 'query:from', 'query:to', 'query:grain', 'query:by', 'query:region']),
    );
    expect(Object.keys(doc.paths['/api/login'].post.requestBody!.content)).toEqual(['application/json']);
    expect(Object.keys(doc.paths['/api/ingest/{kind}'].post.requestBody!.content)).toEqual(['multipart/form-data']);
  });

  it('a GET route that takes no query parameters refuses one, naming none of its data', async () => {
    const plain = app.routeTable.filter(
      (r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.includes(':') && r.url !== '/api/openapi.json',
    );
    const noQuery = plain.filter((r) => !(doc.paths[r.url]?.get.parameters ?? []).some((p) => p.in === 'query')).map((r) => r.url);
    expect(noQuery).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/me',
        '/api/metrics',
        '/api/reports',
        '/api/tokens',
        '/api/users',
        '/api/ingest/mappings',
      ]),
    );
    for (const url of noQuery) {
      const r = await app.inject({ method: 'GET', url: `${url}?surprise=1`, headers: { cookie } });
      expect([url, r.statusCode, r.json()]).toEqual([
        url,
        400,
        { error: expect.stringMatching(/querystring/), code: 'invalid_parameter', params: { name: 'surprise' } },
      ]);
    }
  });
});
