import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { multipartBody, type Part } from '../../../helpers/multipart.ts';
import { fixturesDir } from '../../../helpers/fixture-warehouse.ts';

describe('ingest API', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    app = await buildApp({ db, uploadMaxBytes: 64 * 1024, auth: false });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const post = (kind: string, parts: Part[]) => app.inject({ method: 'POST', url: `/api/ingest/${kind}`, ...multipartBody(parts) });
  const fixture = fs.readFileSync(`${fixturesDir}/tickets-small.csv`);

  it('loads an upload, refreshes the models, and returns the load report', async () => {
    const r = await post('tickets', [{ name: 'file', filename: 'tickets-small.csv', content: fixture }]);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      status: 'loaded',
      file: 'tickets-small.csv',
      rowsRead: 10,
      rowsLoaded: 9,
      rowsRejected: 1,
      refresh: { status: 'ok' },
    });
    const m = await app.inject({ url: '/api/metrics/resolution_rate?grain=all' });
    expect(m.json().rows[0]).toMatchObject({ numerator: 5, denominator: 8 });
  });

  it('the same upload again changes nothing', async () => {
    const r = await post('tickets', [{ name: 'file', filename: 'copy.csv', content: fixture }]);
    expect(r.json()).toMatchObject({ status: 'skipped', rowsLoaded: 0 });
  });

  it('a mapping sent as a field renames headers and values', async () => {
    const csv = 'Number,Opened,State,Priority\nM1,29/2/2024 10:00,Done,P1\n';
    const mapping = {
      columns: { Number: 'ticket_id', Opened: 'opened_at', State: 'status', Priority: 'severity' },
      values: { status: { Done: 'closed' }, severity: { P1: 1 } },
      dateFormat: '%d/%m/%Y %H:%M',
    };
    const r = await post('tickets', [
      { name: 'mapping', content: JSON.stringify(mapping) },
      { name: 'file', filename: 'export.csv', content: csv },
    ]);
    expect(r.json()).toMatchObject({ status: 'loaded', rowsLoaded: 1 });
    expect(await db.all(`select status, severity, opened_at from raw.tickets where ticket_id = 'M1'`)).toEqual([
      { status: 'closed', severity: 1, opened_at: new Date('2024-02-29T02:00:00Z') },
    ]);
  });

  it('path tricks in the file name are only a label; nothing is written outside the upload folder', async () => {
    const r = await post('tickets', [
      { name: 'file', filename: '../../../../etc/x.csv', content: 'ticket_id,opened_at,status\nP1,2025-01-01 10:00,open\n' },
    ]);
    expect(r.json()).toMatchObject({ status: 'loaded', file: 'x.csv' });
    expect(fs.existsSync('/etc/x.csv')).toBe(false);
  });

  it('rejects are listed and downloadable as CSV that Excel cannot execute', async () => {
    const evil = 'ticket_id,opened_at,status,severity\nE1,2025-01-01 10:00,open,=HYPERLINK("http://x")\n';
    const r = await post('tickets', [{ name: 'file', filename: 'evil.csv', content: evil }]);
    const { loadId } = r.json();
    const list = await app.inject({ url: `/api/ingest/runs/${loadId}/rejects` });
    expect(list.json().rejects).toEqual([
      expect.objectContaining({
        row_number: 2,
        field: 'severity',
        value: '=HYPERLINK("http://x")',
        reason_en: 'severity is not a whole number',
      }),
    ]);
    const csv = await app.inject({ url: `/api/ingest/runs/${loadId}/rejects?format=csv` });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    const runs = await app.inject({ url: '/api/ingest/runs' });
    expect(runs.json().runs[0]).toMatchObject({ load_id: loadId, file: 'evil.csv', rows_rejected: 1 });
  });

  it.each([
    ['an unknown kind', 'gadgets', [{ name: 'file', filename: 'a.csv', content: 'a\n1\n' }], 400, /kind/],
    ['no file', 'tickets', [{ name: 'sheet', content: 'x' }], 400, /no file/],
    [
      'a bad mapping',
      'tickets',
      [
        { name: 'mapping', content: '{"columns": {"a": "colour"}}' },
        { name: 'file', filename: 'a.csv', content: 'a\n1\n' },
      ],
      400,
      /"colour", which is not a tickets column/,
    ],
    [
      'a file without the required headers',
      'tickets',
      [{ name: 'file', filename: 'a.csv', content: 'a\n1\n' }],
      400,
      /a\.csv: missing required column/,
    ],
    [
      'a file over the size limit',
      'tickets',
      [{ name: 'file', filename: 'big.csv', content: Buffer.alloc(100 * 1024, 65) }],
      413,
      /larger than the limit/,
    ],
  ])('%s gets a clear error', async (_what, kind, parts, status, message) => {
    const before = await db.all('select count(*) as n from raw.tickets');
    const r = await post(kind, parts as Part[]);
    expect(r.statusCode).toBe(status);
    expect(r.json().error).toMatch(message);
    expect(await db.all('select count(*) as n from raw.tickets')).toEqual(before);
  });
});

describe('ingest preview (dry run)', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    app = await buildApp({ db, auth: false });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('shows how headers map and the first rows as they would load, with their problems, and stores nothing', async () => {
    const csv = 'Number,Opened,State,备注\nV1,29/2/2024 10:00,Done,好\nV2,31/2/2024 10:00,Done,\n';
    const mapping = {
      columns: { Number: 'ticket_id', Opened: 'opened_at', State: 'status' },
      values: { status: { Done: 'closed' } },
      dateFormat: '%d/%m/%Y %H:%M',
    };
    const r = await app.inject({
      method: 'POST',
      url: '/api/ingest/tickets/preview',
      ...multipartBody([
        { name: 'mapping', content: JSON.stringify(mapping) },
        { name: 'file', filename: 'x.csv', content: csv },
      ]),
    });
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p.mapped).toEqual({ ticket_id: 'Number', opened_at: 'Opened', status: 'State' });
    expect(p.extras).toEqual(['备注']);
    expect(p.rows[0]).toMatchObject({
      row: 2,
      values: { ticket_id: 'V1', status: 'closed', opened_at: '2024-02-29T02:00:00.000Z' },
      problems: [],
    });
    expect(p.rows[1].problems).toEqual([expect.objectContaining({ field: 'opened_at', level: 'error' })]);
    expect(await db.all('select count(*) as n from raw.tickets')).toEqual([{ n: 0 }]);
    expect(await db.all('select count(*) as n from rejects')).toEqual([{ n: 0 }]);
    expect(await db.all('select count(*) as n from ingest_runs')).toEqual([{ n: 0 }]);
  });

  it('reports missing required columns instead of failing', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/ingest/tickets/preview',
      ...multipartBody([{ name: 'file', filename: 'y.csv', content: 'a,b\n1,2\n' }]),
    });
    expect(r.json()).toMatchObject({ headers: ['a', 'b'], missingRequired: ['ticket_id', 'opened_at', 'status'], rows: [] });
  });
});
