// Uploads leave nothing behind (temp files of hundreds of MB stayed), whatever becomes of them; the mapping
// part is bounded (600 MB of it was held in memory).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { multipartBody, type Part } from '../../../helpers/multipart.ts';

// This worker's own temp folder, so what the uploads leave in it can be counted.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-uploads-'));
process.env.TMPDIR = tmp;
const leftovers = () => fs.readdirSync(tmp);

describe('ingest uploads', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    app = await buildApp({ db, uploadMaxBytes: 64 * 1024 ** 2, auth: false });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const post = (parts: Part[], route = '/api/ingest/tickets') => app.inject({ method: 'POST', url: route, ...multipartBody(parts) });
  const csv = 'ticket_id,opened_at,status,region\nU1,2025-07-01 09:00,open,华东\n';

  it('no temp file is left after a load, a preview or a refusal, of CSV in GB18030 (transcoded) or .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('t');
    for (const r of csv.trim().split('\n')) ws.addRow(r.split(','));
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const gbk = iconv.encode(csv.replace('U1', 'U2'), 'gbk');
    // ExcelJS writes a sheet before the shared strings, so its reader parks the sheet in a temp file; this one
    // is refused half-way (a row over 1 MiB), which left that file behind.
    ws.addRow(['U9', '2025-07-01 09:00', 'open', 'x'.repeat(1024 ** 2)]);
    const refusedXlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const cases: [Part[], string, number][] = [
      [[{ name: 'file', filename: 'gbk.csv', content: gbk }], '/api/ingest/tickets', 200],
      [[{ name: 'file', filename: 'sheet.xlsx', content: xlsx }], '/api/ingest/tickets', 200],
      [[{ name: 'file', filename: 'gbk.csv', content: gbk }], '/api/ingest/tickets/preview', 200],
      [[{ name: 'file', filename: 'bad.csv', content: iconv.encode('工单编号,x\n1,2\n', 'gbk') }], '/api/ingest/tickets', 400],
      [[{ name: 'file', filename: 'refused.xlsx', content: refusedXlsx }], '/api/ingest/tickets', 400],
      // 400 KB nested 200,000 deep: it killed the server (SIGSEGV in DuckDB's JSON reader).
      [[{ name: 'file', filename: 'deep.json', content: '['.repeat(200_000) + ']'.repeat(200_000) }], '/api/ingest/tickets', 400],
    ];
    for (const [parts, route, status] of cases) {
      const r = await post(parts, route);
      expect(r.statusCode, r.body).toBe(status);
      if (parts[0].filename === 'deep.json') expect(r.json().error).toMatch(/^deep\.json: line 1 nests values more than 64 levels deep/);
      expect(leftovers(), `${parts[0].filename} ${route}`).toEqual([]);
    }
  });

  it('a client that disconnects half-way through its upload leaves no temp file', async () => {
    const boundary = '----aftersight-abort';
    const req = http.request(`${url}/api/ingest/tickets`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    req.on('error', () => {});
    req.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nticket_id,opened_at,status\n`,
    );
    req.write('X1,2025-07-01 09:00,open\n'.repeat(100_000));
    // Wait until the server has the upload on disk, then hang up.
    // (named with this process's id, so that a start after a crash removes it: see temp-files.ts)
    const upload = new RegExp(`^aftersight-upload-${process.pid}-`);
    await expect
      .poll(() => leftovers().some((d) => upload.test(d) && fs.readdirSync(path.join(tmp, d)).length > 0), { timeout: 30_000 })
      .toBe(true);
    req.destroy();
    await expect.poll(leftovers, { timeout: 30_000 }).toEqual([]);
  });

  it('a mapping part larger than 1 MiB is refused with 413 and a clear message, as a field or as a file', async () => {
    const big = JSON.stringify({ columns: {}, pad: 'x'.repeat(2 * 1024 ** 2) });
    for (const part of [
      { name: 'mapping', content: big },
      { name: 'mapping', filename: 'mapping.json', content: big },
    ]) {
      const r = await post([part, { name: 'file', filename: 't.csv', content: csv }]);
      expect(r.statusCode, r.body).toBe(413);
      expect(r.json().error).toBe('the mapping is larger than the limit of 1 MiB (1,048,576 bytes)');
      expect(leftovers()).toEqual([]);
    }
  });
});
