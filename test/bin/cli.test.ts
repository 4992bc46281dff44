import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '../../warehouse/db/open-warehouse.ts';
import { fixturesDir } from '../helpers/fixture-warehouse.ts';
import * as cadence from '../helpers/cadence-warehouse.ts';

const run = promisify(execFile);
const cli = path.resolve('bin/aftersight.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-cli-'));
const dbFile = path.join(tmp, 'w.duckdb');
const aftersight = (...args: string[]) => run(process.execPath, [cli, ...args, '--db', dbFile]);

// Each test starts the command line several times (each start compiles the TypeScript it loads): on a busy machine
// one start has taken over 20 s, so the tests wait for the commands, however long they take.
describe('aftersight command line', { timeout: 600_000 }, () => {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('ingest, then metrics --json prints the hand-checked rows', async () => {
    const ingest = await aftersight('ingest', 'tickets', path.join(fixturesDir, 'tickets-small.csv'));
    expect(ingest.stdout).toMatch(/^file +status +read +loaded +updated +superseded +rejected +warnings +seconds$/m);
    expect(ingest.stdout).toMatch(/^tickets-small\.csv +loaded +10 +9 +0 +0 +1 +0 /m);
    expect(ingest.stdout).toMatch(/models refreshed/);
    const { stdout } = await aftersight('metrics', 'resolution_rate', '--grain', 'quarter', '--by', 'region', '--json');
    expect(JSON.parse(stdout)).toEqual({
      metric: 'resolution_rate',
      rows: [
        { period: '2025-Q3', region: '华东', numerator: 2, denominator: 3, value: 2 / 3 },
        { period: '2025-Q3', region: '华北', numerator: 2, denominator: 3, value: 2 / 3 },
        { period: '2025-Q4', region: '华南', numerator: 1, denominator: 2, value: 0.5 },
      ],
    });
    const all = await aftersight('metrics', 'resolution_rate', '--grain', 'all', '--from', '2025-07-01', '--to', '2025-09-30', '--json');
    expect(JSON.parse(all.stdout).rows).toEqual([{ period: 'all', numerator: 4, denominator: 6, value: 4 / 6 }]);
  });

  it('report --variant --region writes that edition of one region', async () => {
    const out = path.join(tmp, 'east.pdf');
    const { stdout } = await aftersight(
      'report',
      '--quarter',
      '2025Q3',
      '--variant',
      'quality',
      '--region',
      '华东',
      '--lang',
      'en',
      '--out',
      out,
    );
    expect(stdout).toMatch(/east\.pdf: \d+ pages, \d+ KiB/);
    const text = await run('pdftotext', ['-layout', out, '-']);
    expect(text.stdout).toContain('Quality engineering edition · 华东');
    // Only 华东's tickets: 2 of 3 resolved, and 华北 nowhere in the resolution table.
    expect(text.stdout).toMatch(/^\s*Total\s+2\s+3\s+66\.7%/m);
    expect(text.stdout).not.toMatch(/^\s*华北\s/m);
  });

  it('an unusable file gets its error in the summary and a non-zero exit; the others still load', async () => {
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(bad, 'a,b\n1,2\n');
    const err = await aftersight('ingest', 'tickets', bad, '--no-refresh').catch((e) => e);
    expect(err.code).toBe(1);
    expect(err.stdout).toMatch(/^bad\.csv +failed/m);
    expect(err.stdout).toMatch(/error: bad\.csv: missing required column\(s\) ticket_id, opened_at, status; headers found: a, b/);
  });

  it('a bad argument gets a clear message and a non-zero exit', async () => {
    const err = await aftersight('metrics', 'resolution_rate', '--by', 'colour').catch((e) => e);
    expect(err.code).not.toBe(0);
    expect(err.stderr).toMatch(/unknown dimension colour/);
  });

  it('while another process holds the warehouse, a writing command says so clearly', async () => {
    const held = await openWarehouse(dbFile);
    try {
      const err = await aftersight('refresh').catch((e) => e);
      expect(err.code).not.toBe(0);
      expect(err.stderr).toMatch(/is in use by another Aftersight process/);
    } finally {
      await held.close();
    }
  });

  it('refresh warns, on stderr, when a defective part falls due past the end of the holiday calendar', async () => {
    const db = path.join(tmp, 'calendar.duckdb');
    const tickets = path.join(tmp, 'tickets-2026.csv');
    const parts = path.join(tmp, 'parts-2026.csv');
    fs.writeFileSync(tickets, 'ticket_id,opened_at,status,severity,resolved_at\nT1,2026-12-18 10:00,resolved,3,2026-12-18 15:00\n');
    // Issued Sunday 20 December 2026; 15 working days later, with no holiday known past 2026: Friday 8 January 2027.
    fs.writeFileSync(parts, 'part_line_id,ticket_id,part_no,quantity,issued_at,charge_type\nP1,T1,AC-P001,1,2026-12-20 10:00,warranty\n');
    await run(process.execPath, [cli, 'ingest', 'tickets', tickets, '--no-refresh', '--db', db]);
    await run(process.execPath, [cli, 'ingest', 'parts', parts, '--no-refresh', '--db', db]);
    const { stdout, stderr } = await run(process.execPath, [cli, 'refresh', '--db', db]);
    expect(stdout).toMatch(/^refresh \d+ done/m);
    expect(
      stderr.split('\n').filter((l) => l.startsWith('warning: the holiday calendar ends on 2026-12-31 but the data reach 2027-01-08; ')),
    ).toHaveLength(1);
    expect(stderr).toContain('警告：节假日日历止于 2026-12-31，数据已到 2027-01-08');
  });

  it('cadence: compliance by team as metrics, the overdue list most late first (the hand-worked fixture)', async () => {
    const db = path.join(tmp, 'cadence.duckdb');
    const on = (...args: string[]) => run(process.execPath, [cli, ...args, '--db', db]);
    for (const kind of ['technicians', 'tickets', 'inspections', 'callbacks'] as const) {
      const f = path.join(tmp, `cadence-${kind}.csv`);
      fs.writeFileSync(f, cadence[kind]);
      await on('ingest', kind, f);
    }
    const m = await on('metrics', 'inspection_compliance', '--grain', 'all', '--by', 'team', '--json');
    expect(
      JSON.parse(m.stdout)
        .rows.map((r: any) => [r.team, r.numerator, r.denominator])
        .sort(),
    ).toEqual([
      ['东一组', 3, 19],
      ['东二组', 0, 22],
    ]);
    const o = await on('cadence', 'overdue', '--kind', 'inspection', '--team', '东一组', '--limit', '1', '--json');
    expect(JSON.parse(o.stdout)).toMatchObject({
      total: 13,
      truncated: true,
      rows: [{ serial_no: 'U1', due_on: '2025-03-15', days_late: 716 }],
    });
  });

  it('every command has --help', async () => {
    for (const c of ['serve', 'generate', 'ingest', 'refresh', 'metrics', 'cadence', 'report']) {
      const { stdout } = await run(process.execPath, [cli, c, '--help']);
      expect(stdout).toMatch(/Usage: aftersight/);
    }
  });
});
