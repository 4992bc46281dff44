// The ingest API over real HTTP: a load's errors apart from its warnings, with counts, a page at a time with the
// total (never cut silently), and the progress of a load followed by the client's key.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';

describe('ingest API: rejects and progress over HTTP', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    app = await buildApp({ db, auth: false });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  // File rows 2–701: closed without a resolution time (a warning each, loaded); rows 702–704: severity 9 (an
  // error each, rejected) — the errors last in the file, to see them listed first.
  const warned = Array.from({ length: 700 }, (_, i) => `W${i + 1},2025-07-01 09:00,closed,,2`);
  const errors = ['E1', 'E2', 'E3'].map((id) => `${id},2025-07-01 09:00,open,,9`);
  const csv = ['ticket_id,opened_at,status,resolved_at,severity', ...warned, ...errors].join('\n') + '\n';

  const upload = (content: string, name: string, query = '') => {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/csv' }), name);
    return fetch(`${base}/api/ingest/tickets${query}`, { method: 'POST', body: form });
  };
  let loadId: number;
  const key = 'k0123456789abcdefXYZ_-';

  it('loads the file, its report counting 3 rejected rows and 700 warned ones, and its progress ends done', async () => {
    const r = await upload(csv, 'mixed.csv', `?progress=${key}`);
    expect(r.status).toBe(200);
    const report = await r.json();
    expect(report).toMatchObject({ status: 'loaded', rowsRead: 703, rowsLoaded: 700, rowsRejected: 3, rowsWarned: 700 });
    loadId = report.loadId;
    const p = await fetch(`${base}/api/ingest/progress/${key}`);
    expect(p.status).toBe(200);
    expect(await p.json()).toEqual({ phase: 'done', fraction: 1, loadId });
  });

  it('counts errors and warnings apart, and pages through all 703 problems, errors first', async () => {
    const first = await (await fetch(`${base}/api/ingest/runs/${loadId}/rejects?limit=50`)).json();
    expect(first.total).toBe(703);
    expect(first.counts).toEqual({ error: { problems: 3, rows: 3 }, warning: { problems: 700, rows: 700 } });
    expect(first.rejects).toHaveLength(50);
    expect(first.rejects.slice(0, 4).map((x: { row_number: number; level: string }) => [x.row_number, x.level])).toEqual([
      [702, 'error'],
      [703, 'error'],
      [704, 'error'],
      [2, 'warning'],
    ]);
    expect(first.rejects[0]).toMatchObject({ file: 'mixed.csv', field: 'severity', value: '9', reason_en: 'severity is outside 1–4' });
    // Page 2 = problems 51–100: after the 3 errors, warnings 48–97, on file rows 49–98.
    const second = await (await fetch(`${base}/api/ingest/runs/${loadId}/rejects?limit=50&offset=50`)).json();
    expect(second).toMatchObject({ total: 703, offset: 50, limit: 50 });
    expect(second.rejects.map((x: { row_number: number }) => x.row_number)).toEqual(Array.from({ length: 50 }, (_, i) => 49 + i));
    expect(
      second.rejects.every(
        (x: { level: string; field: string; reason_en: string }) =>
          x.level === 'warning' && x.field === 'resolved_at' && x.reason_en === 'closed ticket without a resolution time',
      ),
    ).toBe(true);
    // The last page holds what is left: 703 - 700 = 3 problems, the last rows of the file.
    const last = await (await fetch(`${base}/api/ingest/runs/${loadId}/rejects?limit=50&offset=700`)).json();
    expect(last.rejects.map((x: { row_number: number }) => x.row_number)).toEqual([699, 700, 701]);
  });

  it('filters to errors or to warnings, with the total of that level', async () => {
    const onlyErrors = await (await fetch(`${base}/api/ingest/runs/${loadId}/rejects?level=error&limit=50`)).json();
    expect(onlyErrors.total).toBe(3);
    expect(onlyErrors.rejects.map((x: { row_number: number }) => x.row_number)).toEqual([702, 703, 704]);
    const onlyWarnings = await (await fetch(`${base}/api/ingest/runs/${loadId}/rejects?level=warning&limit=50&offset=650`)).json();
    expect(onlyWarnings.total).toBe(700);
    expect(onlyWarnings.rejects.map((x: { row_number: number }) => x.row_number)).toEqual(Array.from({ length: 50 }, (_, i) => 652 + i));
    expect((await fetch(`${base}/api/ingest/runs/${loadId}/rejects?level=notice`)).status).toBe(400);
  });

  it('the CSV download holds every problem, not a page', async () => {
    const text = await (await fetch(`${base}/api/ingest/runs/${loadId}/rejects?format=csv`)).text();
    expect(text.trim().split('\n')).toHaveLength(1 + 703);
  });

  it('a refused upload ends as failed; an unknown or malformed key is answered 404 or 400', async () => {
    const failedKey = 'failed-0123456789abcdef';
    const r = await upload('a\n1\n', 'no-headers.csv', `?progress=${failedKey}`);
    expect(r.status).toBe(400);
    expect(await (await fetch(`${base}/api/ingest/progress/${failedKey}`)).json()).toMatchObject({ phase: 'failed', loadId: null });
    expect((await fetch(`${base}/api/ingest/progress/never-sent-0123456789`)).status).toBe(404);
    expect((await fetch(`${base}/api/ingest/progress/short`)).status).toBe(400);
    expect((await upload(csv, 'x.csv', '?progress=bad%20key')).status).toBe(400);
  });
});
