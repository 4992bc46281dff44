import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, type GenerateSummary } from '../../../ingest/generator/generate-dataset.ts';
import { recordKinds } from '../../../contract/sources/record-kinds.ts';
import { parseCsv } from '../../helpers/parse-csv.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-gen-'));
const dir = (name: string) => path.join(tmp, name);
const read = (d: string, kind: string) => fs.readFileSync(path.join(d, `${kind}.csv`), 'utf8');
const kinds = ['tickets', 'repairs', 'complaints', 'parts', 'technicians', 'callbacks', 'inspections', 'installations', 'units'];
const N = 30_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const minutes = (t: string) => Date.parse(`${t.replace(' ', 'T')}Z`) / 60000;
const quarterOf = (t: string) => `${t.slice(0, 4)}-Q${Math.floor((Number(t.slice(5, 7)) - 1) / 3) + 1}`;

describe('data generator', () => {
  let a: GenerateSummary;
  let tickets: Record<string, string>[];
  beforeAll(async () => {
    a = await generateDataset({ tickets: N, seed: 7, outDir: dir('a'), start: '2024-01-01' });
    await generateDataset({ tickets: N, seed: 7, outDir: dir('b'), start: '2024-01-01' });
    await generateDataset({ tickets: N, seed: 8, outDir: dir('c'), start: '2024-01-01' });
    tickets = parseCsv(read(dir('a'), 'tickets'));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is deterministic for a seed, and another seed gives other data', () => {
    for (const k of [...kinds, 'planted']) {
      const file = k === 'planted' ? 'planted.json' : `${k}.csv`;
      expect(fs.readFileSync(path.join(dir('b'), file)).equals(fs.readFileSync(path.join(dir('a'), file)))).toBe(true);
    }
    expect(read(dir('c'), 'tickets')).not.toBe(read(dir('a'), 'tickets'));
  });

  it('writes every kind with the canonical headers, N tickets, and rows for every kind', () => {
    for (const k of kinds) {
      const header = read(dir('a'), k).split('\n')[0];
      expect(header).toBe(recordKinds[k].columns.map((c) => c.name).join(','));
      expect(a.files[k].rows).toBeGreaterThan(0);
    }
    expect(tickets.length).toBe(N);
    expect(a.files.technicians.rows).toBe(60);
    expect(new Set(tickets.map((t) => t.region))).toEqual(new Set(['华北', '华东', '华南', '华中', '西南']));
    expect(new Set(tickets.map((t) => t.product_model)).size).toBe(20);
    expect(new Set(tickets.map((t) => t.product_line)).size).toBe(4);
  });

  it('every ticket obeys the row rules of contract.md', () => {
    const broken: string[] = [];
    const check = (ok: boolean, t: Record<string, string>, rule: string) => ok || broken.push(`${t.ticket_id}: ${rule}`);
    for (const t of tickets) {
      for (const c of ['first_response_at', 'arrived_at', 'resolved_at', 'closed_at'])
        check(!t[c] || t[c] >= t.opened_at, t, `${c} before opened_at`);
      check(!t.closed_at || !t.resolved_at || t.closed_at >= t.resolved_at, t, 'closed before resolved');
      check(!t.resolved_at || t.resolved_at >= t.first_response_at, t, 'resolved before first response');
      check(['', '1', '2', '3', '4'].includes(t.severity), t, 'severity');
      check(['', '1', '2', '3', '4', '5'].includes(t.satisfaction), t, 'satisfaction');
      check(t.status !== 'closed' || t.resolved_at !== '', t, 'closed without resolved_at');
      check(!['open', 'in_progress', 'paused'].includes(t.status) || t.resolved_at === '', t, 'open with resolved_at');
    }
    expect(broken).toEqual([]);
  });

  it('the planted spike is visible: its (model, fault) count in its quarter is ≥ 3× its mean in the other quarters', () => {
    const { product_model, fault_code, quarter } = a.planted.spike!;
    const byQuarter = new Map<string, number>();
    for (const t of tickets)
      if (t.product_model === product_model && t.fault_code === fault_code)
        byQuarter.set(quarterOf(t.opened_at), (byQuarter.get(quarterOf(t.opened_at)) ?? 0) + 1);
    const others = [...byQuarter].filter(([q]) => q !== quarter).map(([, n]) => n);
    expect(byQuarter.get(quarter)!).toBeGreaterThanOrEqual(3 * (others.reduce((x, y) => x + y, 0) / others.length));
  });

  it('the slow region arrives much later than the others', () => {
    const slow = a.planted.slowRegion!.region;
    const arrival = (inSlow: boolean) =>
      median(
        tickets.filter((t) => t.arrived_at && (t.region === slow) === inSlow).map((t) => minutes(t.arrived_at) - minutes(t.opened_at)),
      );
    expect(arrival(true)).toBeGreaterThan(2 * arrival(false));
  });

  it('air-conditioners peak in summer', () => {
    const ac = (month: string) => tickets.filter((t) => t.product_line === '空调' && t.opened_at.slice(5, 7) === month).length;
    expect(ac('07')).toBeGreaterThan(2.5 * ac('01'));
  });

  it('--zh writes the Chinese headers and labels', async () => {
    await generateDataset({ tickets: 2000, seed: 7, outDir: dir('zh'), zh: true, start: '2024-01-01' });
    const header = read(dir('zh'), 'tickets').split('\n')[0].split(',');
    expect(header.slice(0, 3)).toEqual(['工单编号', '报修时间', '状态']);
    const rows = parseCsv(read(dir('zh'), 'tickets'));
    expect(new Set(rows.map((r) => r['状态']))).toContain('已关闭');
    expect(parseCsv(read(dir('zh'), 'complaints')).every((r) => ['是', '否'].includes(r['是否查实']))).toBe(true);
  });

  it('with nothing planted there is no spike and no planted manifest entries', async () => {
    const s = await generateDataset({ tickets: N, seed: 7, outDir: dir('plain'), plant: false, start: '2024-01-01' });
    expect(s.planted.spike).toBeUndefined();
    expect(s.planted.lateTeam).toBeUndefined();
    const rows = parseCsv(read(dir('plain'), 'tickets'));
    const { product_model, fault_code, quarter } = a.planted.spike!;
    const inSpike = rows.filter((t) => t.product_model === product_model && t.fault_code === fault_code);
    const inQuarter = inSpike.filter((t) => quarterOf(t.opened_at) === quarter).length;
    expect(inQuarter).toBeLessThan(2 * (inSpike.length / 8));
  });

  /** Every date (YYYY-MM-DD) in every file of a generated folder, but the units' installation dates. */
  const datesIn = (d: string) =>
    kinds.flatMap((k) =>
      k === 'technicians'
        ? []
        : parseCsv(read(d, k)).flatMap((row) =>
            Object.entries(row)
              .filter(([c, v]) => c !== 'warranty_until' && c !== 'warranty_end' && /^\d{4}-\d{2}-\d{2}/.test(v))
              .map(([, v]) => v.slice(0, 10)),
          ),
    );

  it('ends on the given last day: 730 days, nothing after it (a complaint, callback or return later has not happened)', async () => {
    const s = await generateDataset({ tickets: 2000, seed: 7, outDir: dir('end'), end: '2025-06-30' });
    // 2025-06-30 less 729 days: 2024 is a leap year.
    expect(s.planted.start).toBe('2023-07-02');
    const opened = parseCsv(read(dir('end'), 'tickets'))
      .map((t) => t.opened_at.slice(0, 10))
      .sort();
    expect(opened[0] >= '2023-07-02' && opened[0] <= '2023-07-05').toBe(true);
    expect(opened.at(-1)! >= '2025-06-27' && opened.at(-1)! <= '2025-06-30').toBe(true);
    expect(datesIn(dir('end')).filter((d) => d > '2025-06-30')).toEqual([]);
  });

  it('by default ends today', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await generateDataset({ tickets: 2000, seed: 7, outDir: dir('today') });
    const opened = parseCsv(read(dir('today'), 'tickets'))
      .map((t) => t.opened_at.slice(0, 10))
      .sort();
    const daysBefore = (Date.parse(today) - Date.parse(opened.at(-1)!)) / 86_400_000;
    expect(daysBefore >= 0 && daysBefore <= 3).toBe(true);
    expect(datesIn(dir('today')).filter((d) => d > today)).toEqual([]);
  });
});
