// Reads that scale out, with real processes: a writer (`aftersight serve --snapshots`) and two read replicas
// (`aftersight serve --replica`) on one warehouse. Reads hammer both replicas without pause while the writer loads
// a file and refreshes; not one request may fail, and both replicas must come to the new figures. A session opened
// on one replica holds on the other and on the writer; a write sent to a replica is refused, naming the writer;
// old snapshots are removed; the replicas' audit entries reach the writer's audit log.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listGenerations, readPointer, snapshotDirOf } from '../../warehouse/db/snapshots.ts';
import { multipartBody } from '../helpers/multipart.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-replicas-'));
const db = path.join(tmp, 'w.duckdb');
const configFile = path.join(tmp, 'aftersight.config.json');
const demoTickets = 1500;

// Five tickets the demo does not have: four closed (counted and resolved), one cancelled (loaded, not counted).
const newTickets = `ticket_id,opened_at,status,service_type,customer_id,region,product_line,product_model,serial_no,installed_at,technician_id,resolved_at,satisfaction
N1,2025-03-03 09:00,closed,repair,C9001,华东,空调,KF-1,NU1,,E001,2025-03-03 12:00,5
N2,2025-03-04 09:00,closed,repair,C9002,华东,空调,KF-1,NU2,,E001,2025-03-04 12:00,4
N3,2025-03-05 09:00,closed,repair,C9003,华北,空调,KF-1,NU3,,E002,2025-03-05 12:00,
N4,2025-03-06 09:00,closed,repair,C9004,华北,空调,KF-1,NU4,,E002,2025-03-06 12:00,3
N5,2025-03-07 09:00,cancelled,repair,C9005,华北,空调,KF-1,NU5,,E002,,
`;

interface Proc {
  child: ChildProcess;
  url: string;
  lines: string[];
}
const procs: Proc[] = [];

/** Starts `aftersight serve` with these options; resolves with its address once it listens. */
function serve(args: string[], listening: RegExp): Promise<Proc> {
  const child = spawn(process.execPath, [path.join(root, 'bin/aftersight.js'), 'serve', ...args], {
    cwd: tmp,
    env: { ...process.env, AFTERSIGHT_CONFIG: configFile, AFTERSIGHT_ADMIN_PASSWORD: 'replica test admin' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: Proc = { child, url: '', lines: [] };
  procs.push(proc);
  return new Promise((resolve, reject) => {
    let buffered = '';
    const read = (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        const msg = line.startsWith('{') ? String((JSON.parse(line) as { msg?: unknown }).msg ?? '') : line;
        proc.lines.push(msg);
        const m = listening.exec(msg);
        if (m) {
          proc.url = m[1];
          resolve(proc);
        }
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`serve ${args.join(' ')} exited with ${code}:\n${proc.lines.join('\n')}`)));
  });
}

const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> });

describe('read replicas', () => {
  let writer: Proc;
  let replicas: Proc[];
  let cookie = '';

  beforeAll(async () => {
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        db,
        port: 0,
        demoTickets,
        reportsDir: path.join(tmp, 'reports'),
        inboxDir: path.join(tmp, 'inbox'),
        reportLangs: ['en'],
        // No scheduled refresh during the test: the load's refresh is the one whose snapshot is followed.
        refreshCron: '0 0 1 1 *',
      }),
    );
    writer = await serve(['--snapshots'], /^Aftersight is serving (\S+)/);
    // The replicas wait for the writer's first snapshot.
    replicas = await Promise.all(
      [1, 2].map(() => serve(['--replica', '--writer-url', writer.url], /^Aftersight read replica is serving (\S+) /)),
    );
  }, 300_000);

  afterAll(async () => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.child.exitCode !== null) return resolve();
            p.child.once('exit', () => resolve());
            p.child.kill('SIGTERM');
          }),
      ),
    );
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('signs in on a replica, and the session holds on the other replica and on the writer', async () => {
    const login = await fetch(`${replicas[0].url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'replica test admin' }),
    });
    expect(login.status).toBe(200);
    cookie = login.headers.get('set-cookie')!.split(';')[0];
    for (const p of [replicas[0], replicas[1], writer]) {
      const me = await json(await fetch(`${p.url}/api/me`, { headers: { cookie } }));
      expect(me).toMatchObject({ status: 200, body: { user: { username: 'admin', role: 'admin' } } });
    }
  });

  it('refuses a write on a replica, naming the writer', async () => {
    const { payload, headers } = multipartBody([{ name: 'file', filename: 'tickets.csv', content: newTickets }]);
    const r = await json(
      await fetch(`${replicas[1].url}/api/ingest/tickets`, {
        method: 'POST',
        headers: { ...headers, cookie },
        body: new Uint8Array(payload),
      }),
    );
    expect(r.status).toBe(421);
    expect(r.body).toEqual({
      error: `this server is a read-only replica: send changes (uploads, accounts, subscriptions, actions, reports) to the writer at ${writer.url}`,
      code: 'read_only_replica',
      params: { writer: writer.url },
    });
    // An account change too, before any sign-in check.
    const u = await fetch(`${replicas[0].url}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(u.status).toBe(421);
  });

  it('answers every read while the writer loads and refreshes, and every replica moves to the new figures', async () => {
    const dir = snapshotDirOf(db);
    const before = readPointer(dir)!.generation;
    const figures = async (p: Proc) => {
      const health = await json(await fetch(`${p.url}/api/health`));
      const rate = await json(await fetch(`${p.url}/api/metrics/resolution_rate?grain=all`, { headers: { cookie } }));
      const [row] = rate.body.rows as { numerator: number; denominator: number }[];
      return { tickets: health.body.tickets as number, denominator: row.denominator, numerator: row.numerator };
    };
    const base = await figures(replicas[0]);
    expect(base.tickets).toBe(demoTickets);
    expect(await figures(replicas[1])).toEqual(base);

    // Four readers per replica, without pause, until told to stop.
    const failures: string[] = [];
    const latencies: { at: number; ms: number }[] = [];
    let stop = false;
    const reader = async (p: Proc, i: number) => {
      const urls = ['/api/metrics/resolution_rate?grain=month', '/api/health', '/api/metrics/sla_compliance?grain=quarter&by=region'];
      for (let n = i; !stop; n++) {
        const t0 = Date.now();
        try {
          const r = await fetch(`${p.url}${urls[n % urls.length]}`, { headers: { cookie } });
          await r.arrayBuffer();
          if (r.status !== 200) failures.push(`${p.url}${urls[n % urls.length]}: ${r.status}`);
        } catch (e) {
          failures.push(`${p.url}${urls[n % urls.length]}: ${(e as Error).message}`);
        }
        latencies.push({ at: t0, ms: Date.now() - t0 });
      }
    };
    const readers = replicas.flatMap((p) => [0, 1, 2, 3].map((i) => reader(p, i)));
    try {
      // The session opened on a replica loads the file on the writer; the load refreshes the models.
      const { payload, headers } = multipartBody([{ name: 'file', filename: 'tickets.csv', content: newTickets }]);
      const load = await json(
        await fetch(`${writer.url}/api/ingest/tickets`, { method: 'POST', headers: { ...headers, cookie }, body: new Uint8Array(payload) }),
      );
      expect(load.status).toBe(200);
      // Both replicas come to 5 more tickets loaded, of which 4 are counted and resolved.
      for (const p of replicas)
        await expect
          .poll(() => figures(p), { timeout: 180_000, interval: 250 })
          .toEqual({ tickets: demoTickets + 5, denominator: base.denominator + 4, numerator: base.numerator + 4 });
    } finally {
      stop = true;
      await Promise.all(readers);
    }
    expect(failures).toEqual([]);
    expect(latencies.length).toBeGreaterThan(20);
    const after = readPointer(dir)!.generation;
    expect(after).toBeGreaterThan(before);
    for (const p of replicas) {
      await expect.poll(() => p.lines.some((l) => l.startsWith(`now serving snapshot ${after} `))).toBe(true);
      expect((await json(await fetch(`${p.url}/api/health`))).body.snapshot).toEqual({
        generation: after,
        publishedAt: readPointer(dir)!.publishedAt,
      });
    }
    const sorted = latencies.map((l) => l.ms).sort((a, b) => a - b);
    console.log(
      `read replicas: ${latencies.length} reads while loading and switching, p50 ${sorted[Math.floor(sorted.length / 2)]} ms, ` +
        `p99 ${sorted[Math.floor(sorted.length * 0.99)]} ms, max ${sorted[sorted.length - 1]} ms; ` +
        replicas.map((p) => p.lines.filter((l) => l.startsWith('now serving')).join(', ')).join('; '),
    );
  }, 300_000);

  it('removes old snapshots once newer ones are published (the newest two stay)', async () => {
    const dir = snapshotDirOf(db);
    // An account created on the writer publishes a snapshot: the account can sign in on a replica.
    const created = await fetch(`${writer.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ username: 'viewer', password: 'viewer password 1', role: 'manager' }),
    });
    expect(created.status).toBe(201);
    await expect
      .poll(
        async () =>
          (
            await fetch(`${replicas[1].url}/api/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ username: 'viewer', password: 'viewer password 1' }),
            })
          ).status,
        { timeout: 180_000, interval: 500 },
      )
      .toBe(200);
    const newest = readPointer(dir)!.generation;
    expect(newest).toBeGreaterThanOrEqual(3);
    expect(listGenerations(dir)).toEqual([newest - 1, newest]);
    // The admin signed in on a replica only: the writer moved that entry into its audit log before publishing.
    const audit = await json(await fetch(`${writer.url}/api/audit?limit=1000`, { headers: { cookie } }));
    expect((audit.body.entries as { username: string; action: string }[]).filter((e) => e.action === 'login')).toEqual([
      expect.objectContaining({ username: 'admin', action: 'login' }),
    ]);
  }, 300_000);
});
