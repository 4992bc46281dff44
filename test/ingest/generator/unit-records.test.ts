// The generator's installed base (issue 21): consistent with the tickets, drawn from a stream of its own (the
// tickets stay byte for byte what they were), and with a planted bad batch whose early failures stand out.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, type GenerateSummary } from '../../../ingest/generator/generate-dataset.ts';
import { batchName } from '../../../ingest/generator/unit-records.ts';
import { parseCsv } from '../../helpers/parse-csv.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-units-gen-'));
const dayMs = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / dayMs);
const MONTH = 30.4375;

describe("the generator's installed base", () => {
  let a: GenerateSummary;
  let tickets: Record<string, string>[];
  let units: Record<string, string>[];
  beforeAll(async () => {
    a = await generateDataset({ tickets: 30_000, seed: 7, outDir: dir, start: '2024-01-01' });
    tickets = parseCsv(fs.readFileSync(path.join(dir, 'tickets.csv'), 'utf8'));
    units = parseCsv(fs.readFileSync(path.join(dir, 'units.csv'), 'utf8'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves the tickets exactly as they were before units existed (their SHA-256 then)', () => {
    const hash = crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(dir, 'tickets.csv')))
      .digest('hex');
    expect(hash).toBe('96f17cb315231b74628db0b0d2dd5b4b73b5ed576bd98635c95da725f33f258d');
  });

  it('has every ticket’s unit with the model, line, region, customer, installation day and warranty its tickets carry, and units that never had a ticket', () => {
    const bySerial = new Map(units.map((u) => [u.serial_no, u]));
    expect(bySerial.size).toBe(units.length);
    expect(units.length).toBe(30_000); // 20 models × 1,500 units
    const wrong: string[] = [];
    for (const t of tickets) {
      const u = bySerial.get(t.serial_no);
      if (!u) wrong.push(`${t.ticket_id}: no unit ${t.serial_no}`);
      else
        for (const [tc, uc] of [
          ['product_model', 'product_model'],
          ['product_line', 'product_line'],
          ['region', 'region'],
          ['customer_id', 'customer_id'],
          ['installed_at', 'installed_at'],
          ['warranty_until', 'warranty_end'],
        ])
          if (t[tc] !== u[uc]) wrong.push(`${t.ticket_id}: ${tc} ${t[tc]} ≠ ${u[uc]}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    const withTickets = new Set(tickets.map((t) => t.serial_no));
    expect(units.filter((u) => !withTickets.has(u.serial_no)).length).toBeGreaterThan(5_000);
  });

  it('makes each unit before it is sold and sold before it is installed; a batch is a model’s production month; scrapped units after their last ticket', () => {
    const lastTicket = new Map<string, string>();
    for (const t of tickets) if ((lastTicket.get(t.serial_no) ?? '') < t.opened_at) lastTicket.set(t.serial_no, t.opened_at);
    const wrong: string[] = [];
    for (const u of units) {
      if (!(u.production_date < u.sale_date && u.sale_date < u.installed_at)) wrong.push(`${u.serial_no}: dates out of order`);
      if (u.production_batch !== batchName(u.product_model, u.production_date)) wrong.push(`${u.serial_no}: batch`);
      if (u.status === 'scrapped' && !(u.scrapped_at > (lastTicket.get(u.serial_no) ?? '').slice(0, 10)))
        wrong.push(`${u.serial_no}: scrapped`);
      if ((u.status === 'scrapped') !== (u.scrapped_at !== '')) wrong.push(`${u.serial_no}: status`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(units.filter((u) => u.status === 'scrapped').length).toBeGreaterThan(100);
  });

  it('plants a bad batch: its claims per 1,000 units in the first year in service are at least 3× the other batches’', () => {
    const bad = a.planted.badBatch!;
    expect(bad.production_batch).toBe(batchName(bad.product_model, bad.production_month));
    // Months in service of 30.4375 days; a unit is at risk in a month it completed by the data's end (or its
    // scrapping) and that began on or after the data's first day; claims are counted repairs in such months.
    const first = '2024-01-01';
    const last = tickets.reduce((m, t) => (t.opened_at > m ? t.opened_at : m), '').slice(0, 10);
    const bySerial = new Map(units.map((u) => [u.serial_no, u]));
    const atRisk = (u: Record<string, string>, m: number) => {
      const completed = Math.floor((days(u.installed_at, u.scrapped_at || last) + 1) / MONTH);
      return m <= completed && Math.ceil((m - 1) * MONTH) >= days(u.installed_at, first);
    };
    const sums = { bad: { units: 0, claims: 0 }, others: { units: 0, claims: 0 } };
    for (const u of units)
      for (let m = 1; m <= 12; m++) if (atRisk(u, m)) sums[u.production_batch === bad.production_batch ? 'bad' : 'others'].units++;
    for (const t of tickets) {
      if (t.status === 'cancelled' || t.service_type !== 'repair') continue;
      const u = bySerial.get(t.serial_no)!;
      const m = Math.floor(days(u.installed_at, t.opened_at) / MONTH) + 1;
      if (m <= 12 && atRisk(u, m)) sums[u.production_batch === bad.production_batch ? 'bad' : 'others'].claims++;
    }
    const perThousand = (s: { units: number; claims: number }) => (1000 * s.claims) / s.units;
    expect(sums.bad.units).toBeGreaterThan(200); // unit-months at risk: a batch, not a handful
    expect(perThousand(sums.bad)).toBeGreaterThan(3 * perThousand(sums.others));
  });
});
