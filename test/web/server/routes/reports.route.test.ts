// POST/GET /api/reports on the service quarter: a report is produced, listed and downloaded as a PDF with its
// name; unknown ids are 404; bad bodies and path tricks are refused.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { serviceQuarterWarehouse } from '../../../helpers/fixture-warehouse.ts';

describe('reports API', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-reports-api-'));
  let db: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    app = await buildApp({ db, reports: { dir: tmp, companyName: '华信' }, auth: false });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('produces a report, lists it, and serves its PDF', async () => {
    const made = await app.inject({
      method: 'POST',
      url: '/api/reports',
      payload: { quarter: '2025Q3', variant: 'quality', lang: 'en', region: '华东' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const r = made.json();
    expect(r).toMatchObject({ quarter: '2025-Q3', variant: 'quality', lang: 'en', region: '华东', trigger: 'manual', status: 'ok' });
    expect((await app.inject({ url: '/api/reports' })).json().reports.map((x: { report_id: number }) => x.report_id)).toEqual([
      r.report_id,
    ]);
    const pdf = await app.inject({ url: `/api/reports/${r.report_id}.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(
      `filename*=UTF-8''aftersight-2025-Q3-quality-en-${encodeURIComponent('华东')}.pdf`,
    );
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBe(r.bytes);
  }, 60_000);

  it('an unknown report is 404', async () => {
    expect((await app.inject({ url: '/api/reports/999.pdf' })).statusCode).toBe(404);
  });

  it.each([
    ['GET', '/api/reports/..%2F..%2Fetc%2Fpasswd'],
    ['GET', '/api/reports/1.txt'],
    ['GET', '/api/reports/1.pdf%00'],
    ['POST', '/api/reports', { quarter: '2025Q5', variant: 'management' }],
    ['POST', '/api/reports', { quarter: '2025Q3', variant: 'everyone' }],
    ['POST', '/api/reports', { quarter: "2025Q3'; drop table reports; --", variant: 'management' }],
    ['POST', '/api/reports', { quarter: '2025Q3', variant: 'management', out: '/etc/passwd' }],
  ] as [string, string, object?][])('%s %s is refused with 400', async (method, url, payload) => {
    const r = await app.inject({ method: method as 'GET' | 'POST', url, payload });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBeTruthy();
  });
});
