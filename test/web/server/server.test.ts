// `aftersight serve` as a user starts it: an empty warehouse file gets demo data, the page and API answer,
// and the scheduled refresh runs in the process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../warehouse/config/config.ts';
import { startServer, type RunningServer } from '../../../web/server/server.ts';
import { quarterJustEnded } from '../../../reports/archive/report-schedule.ts';
import { ingestFile } from '../../../ingest/run-ingest.ts';
import { openWarehouse } from '../../../warehouse/db/open-warehouse.ts';

describe('server start', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-serve-'));
  let server: RunningServer;
  const log: string[] = [];
  const serverLog: string[] = [];
  let cookie = '';
  /** A fetch as the signed-in admin. */
  const get = (url: string) => fetch(`${server.url}${url}`, { headers: { cookie } });
  // An upload folder a killed server left two hours ago.
  const leftover = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-upload-'));
  beforeAll(async () => {
    fs.writeFileSync(path.join(leftover, 'tickets.csv'), Buffer.alloc(1024 ** 2));
    const old = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(path.join(leftover, 'tickets.csv'), old, old);
    fs.utimesSync(leftover, old, old);
    process.env.AFTERSIGHT_ADMIN_PASSWORD = 'first-admin-password';
    server = await startServer(
      {
        ...defaultConfig,
        db: path.join(tmp, 'w.duckdb'),
        port: 0,
        demoTickets: 3000,
        refreshCron: '*/2 * * * * *',
        inboxDir: path.join(tmp, 'inbox'),
        reportsDir: path.join(tmp, 'reports'),
      },
      (m) => log.push(m),
      { write: (line) => serverLog.push(line) },
    );
    delete process.env.AFTERSIGHT_ADMIN_PASSWORD;
    const login = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'first-admin-password' }),
    });
    cookie = login.headers.get('set-cookie')!.split(';')[0];
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('removes the temp files an earlier crash left', () => {
    expect(fs.existsSync(leftover)).toBe(false);
    // Other tests' servers may have removed it first.
    expect(log.filter((m) => /^removed \d+ temp files left by an earlier crash/.test(m)).length).toBeLessThanOrEqual(1);
  });

  it('fills the empty warehouse with demo data and serves the page and the API', async () => {
    expect(log.find((m) => m.startsWith('warehouse'))).toMatch(/is empty: loading 3,000 generated demo tickets/);
    const health = await (await fetch(`${server.url}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', tickets: 3000, lastRefresh: { status: 'ok' } });
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<aftersight-app>');
    // The demo's two years (730 days) end today: from the quarter of the first day to this quarter.
    const rate = await (await get('/api/metrics/opened?grain=quarter')).json();
    const quarterOf = (t: number) => `${new Date(t).getUTCFullYear()}-Q${Math.floor(new Date(t).getUTCMonth() / 3) + 1}`;
    const periods = rate.rows.map((r: { period: string }) => r.period);
    expect(periods[0]).toBe(quarterOf(Date.now() - 729 * 86_400_000));
    expect(periods.at(-1)).toBe(quarterOf(Date.now()));
    expect(fs.existsSync(path.join(tmp, 'inbox', 'tickets'))).toBe(true);
    // Generated data obey every row rule: every kind loads without a reject.
    const runs = await server.db.all<{ kind: string; rows_loaded: number; rows_rejected: number }>(
      `select kind, rows_loaded, rows_rejected from ingest_runs order by load_id`,
    );
    expect(runs.map((r) => r.kind)).toEqual([
      'technicians',
      'tickets',
      'repairs',
      'complaints',
      'parts',
      'callbacks',
      'inspections',
      'installations',
      'units',
    ]);
    expect(runs.every((r) => r.rows_loaded > 0 && r.rows_rejected === 0)).toBe(true);
  });

  it('writes the server log: a JSON line per request, with its id', async () => {
    const r = await fetch(`${server.url}/api/health`);
    const id = r.headers.get('x-request-id');
    await expect
      .poll(() => serverLog.map((l) => JSON.parse(l)).find((e) => e.reqId === id && e.msg === 'request'))
      .toMatchObject({ method: 'GET', url: '/api/health', status: 200 });
    expect(serverLog.join('\n')).not.toContain(cookie.split('=')[1]);
  });

  it('runs the scheduled refresh in the process', async () => {
    // Waits for the first scheduled refresh to finish, however long a busy machine takes (the start-up reports
    // are written meanwhile); a failure shows the scheduled runs' states and errors.
    await expect
      .poll(
        () =>
          server.db.all<{ status: string; error: string | null }>(
            `select status, error from refresh_runs where trigger = 'schedule' order by refresh_id`,
          ),
        {
          timeout: 150_000,
          interval: 500,
        },
      )
      .toContainEqual({ status: 'ok', error: null });
  }, 180_000);

  it('produces at start-up the reports of the quarter just ended that the schedule missed', async () => {
    const made = await server.reportsCaughtUp;
    const quarter = quarterJustEnded(new Date(), defaultConfig.reportTimeZone);
    expect(made.map((r) => `${r.quarter} ${r.variant} ${r.lang} ${r.status}`).sort()).toEqual(
      ['management', 'quality', 'hr'].flatMap((v) => ['zh', 'en'].map((l) => `${quarter} ${v} ${l} ok`)).sort(),
    );
    const listed = (await (await get('/api/reports')).json()).reports;
    expect(listed.length).toBe(6);
    const pdf = await get(`/api/reports/${listed[0].report_id}.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(log.filter((m) => m.startsWith(`report ${quarter}`)).length).toBe(6);
  }, 60_000);

  it('creates the admin from AFTERSIGHT_ADMIN_PASSWORD and one user per role for the demo, with a printed password', async () => {
    expect(log).toContain('created user admin (password from AFTERSIGHT_ADMIN_PASSWORD)');
    const demo = log.find((m) => m.startsWith('demo users manager, quality, hr, east-manager, e001 share the password '))!;
    const password = demo.split(' share the password ')[1].split(' ')[0];
    const r = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'e001', password }),
    });
    expect((await r.json()).user).toMatchObject({ username: 'e001', role: 'technician', technician_id: 'E001' });
    // Without a session the data stay closed.
    expect((await fetch(`${server.url}/api/metrics/resolution_rate`)).status).toBe(401);
  });
});

describe('server start on data past the holiday calendar', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-serve-calendar-'));
  let server: RunningServer;
  const log: string[] = [];
  beforeAll(async () => {
    const db = path.join(tmp, 'w.duckdb');
    const w = await openWarehouse(db);
    const file = (name: string, text: string) => {
      fs.writeFileSync(path.join(tmp, name), text);
      return path.join(tmp, name);
    };
    await ingestFile(
      w,
      'tickets',
      file('tickets.csv', 'ticket_id,opened_at,status,severity,resolved_at\nT1,2026-12-18 10:00,resolved,3,2026-12-18 15:00\n'),
    );
    // Due 15 working days after Sunday 20 December 2026: Friday 8 January 2027, past the default calendar.
    await ingestFile(
      w,
      'parts',
      file('parts.csv', 'part_line_id,ticket_id,part_no,quantity,issued_at,charge_type\nP1,T1,AC-P001,1,2026-12-20 10:00,warranty\n'),
    );
    await w.close();
    server = await startServer(
      {
        ...defaultConfig,
        db,
        port: 0,
        refreshCron: '*/2 * * * * *',
        inboxDir: path.join(tmp, 'inbox'),
        reportsDir: path.join(tmp, 'reports'),
        reportLangs: ['en'],
      },
      (m) => log.push(m),
    );
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('warns once, after the first refresh, not again at the scheduled ones', async () => {
    await expect
      .poll(() => server.db.all(`select refresh_id from refresh_runs where trigger = 'schedule' and status = 'ok'`), {
        timeout: 150_000,
        interval: 500,
      })
      .toHaveLength(2);
    const warnings = log.filter((m) => m.startsWith('warning: the holiday calendar ends on 2026-12-31 but the data reach 2027-01-08; '));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('\n警告：节假日日历止于 2026-12-31');
    expect(log.indexOf(warnings[0])).toBe(log.findIndex((m) => m.startsWith('models refreshed')) + 1);
  }, 180_000);
});
