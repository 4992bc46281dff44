// A full disk under the warehouse, for real: a tmpfs of 32 MiB holds the DuckDB file. While it is full, clients
// get a clear 507 without the server's paths; once space is freed, sign-in and loads work again without a
// restart (DuckDB invalidates an instance whose checkpoint failed: the warehouse opens the file again).
// Mounting needs root (or CAP_SYS_ADMIN): elsewhere the test is skipped, saying why (test/helpers/small-disk.ts).
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../web/server/app.ts';
import { createFirstUsers } from '../../../web/server/auth/first-users.ts';
import { multipartBody } from '../../helpers/multipart.ts';
import { mountSmallDisk } from '../../helpers/small-disk.ts';

const disk = mountSmallDisk('full-disk-api', 32);
const mnt = disk.dir;
afterAll(() => disk.unmount());

describe.skipIf(!!disk.skipped)('a full disk under the warehouse', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  let reopened = 0;
  const password = 'full-disk-admin-password';
  const login = () => app.inject({ method: 'POST', url: '/api/login', payload: { username: 'admin', password } });
  let cookie = '';
  let n = 0;
  const upload = (padding = '') => {
    n += 1;
    const csv = `ticket_id,opened_at,status,region,fault_description\nD${n}a,2025-07-0${n} 10:00,open,华东,${padding}\nD${n}b,2025-07-0${n} 11:00,closed,华南,\n`;
    const body = multipartBody([{ name: 'file', filename: `day-${n}.csv`, content: csv }]);
    return app.inject({ method: 'POST', url: '/api/ingest/tickets', payload: body.payload, headers: { ...body.headers, cookie } });
  };
  /** No answer may carry a path of the server's disk. */
  const noPaths = (text: string) => {
    expect(text).not.toContain(mnt);
    expect(text).not.toContain('w.duckdb');
  };

  beforeAll(async () => {
    db = await openWarehouse(path.join(mnt, 'w.duckdb'), { onReopen: () => (reopened += 1) });
    await createFirstUsers(db, { demo: false, adminPassword: password });
    app = await buildApp({ db });
    const r = await login();
    expect(r.statusCode).toBe(200);
    cookie = r.headers['set-cookie']!.toString().split(';')[0];
    expect((await upload()).json()).toMatchObject({ status: 'loaded', rowsLoaded: 2 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('answers 507 with the remedy and no path while full, and works again once space is freed', async () => {
    // A server checkpoints when a commit takes the WAL past 16 MB; the same at every commit here, so that the small
    // writes of this test reach the failure a big load reaches.
    await db.run(`SET GLOBAL checkpoint_threshold = '1KB'`);
    // Fill the disk, then leave 64 KiB: a commit's few WAL bytes fit, the checkpoint's 256 KiB blocks do not.
    disk.fill(64 * 1024);

    // DuckDB writes a checkpoint into the file's free blocks first, so whether the load's own checkpoint needs new
    // space depends on the blocks the previous refresh freed: either the load is refused whole (507), or it is
    // kept and the refresh after it, which rewrites the models, is the write that fails. Both say why, in both languages.
    const full = await upload();
    noPaths(full.body);
    const reason = { en: 'the disk is full: free space on the server and try again', zh: '磁盘已满：请释放服务器的磁盘空间后重试' };
    const error = `${reason.en} (${reason.zh})`;
    if (full.statusCode === 507) {
      expect(full.json()).toEqual({ error, reason, code: 'disk_full', params: {} });
    } else {
      expect(full.statusCode, full.body).toBe(200);
      expect(full.json()).toMatchObject({ status: 'loaded', rowsLoaded: 2, refresh: { status: 'failed', error } });
    }
    // Uploads are received into the system temp folder: when that disk is full, the same answer.
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = mnt;
    try {
      const big = await upload('x'.repeat(512 * 1024));
      noPaths(big.body);
      expect(big.statusCode).toBe(507);
      expect(big.json().reason.en).toBe('the disk is full: free space on the server and try again');
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
    }
    // Still full: signing in either works or says the same; never a bare 500, never a path.
    for (let i = 0; i < 3; i++) {
      const r = await login();
      noPaths(r.body);
      expect([200, 507]).toContain(r.statusCode);
    }

    disk.free();
    // Space is back: everything works, without a restart.
    const again = await login();
    expect(again.statusCode, again.body).toBe(200);
    cookie = again.headers['set-cookie']!.toString().split(';')[0];
    const loaded = await upload();
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json()).toMatchObject({ status: 'loaded', rowsLoaded: 2 });
    expect((await app.inject({ method: 'GET', url: '/api/ingest/runs', headers: { cookie } })).statusCode).toBe(200);
    // The first day's tickets and the last upload's are all there; the one refused while full is not half there.
    const ids = (await db.all<{ ticket_id: string }>(`select ticket_id from raw.tickets order by 1`)).map((r) => r.ticket_id);
    expect(ids).toEqual(expect.arrayContaining(['D1a', 'D1b', `D${n}a`, `D${n}b`]));
    for (const refused of ['D2', 'D3']) expect(ids.filter((id) => id.startsWith(refused)).length % 2).toBe(0);
    // The failure was the fatal kind (DuckDB invalidated the instance) and the warehouse was opened again.
    expect(reopened).toBeGreaterThan(0);
  }, 120_000);
});
