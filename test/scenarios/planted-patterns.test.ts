// The generator's planted patterns are found by the metrics, and a data set with nothing planted shows none.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Planted } from '../../ingest/generator/generate-dataset.ts';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { readMetricSeries } from '../../warehouse/queries/metric-series.ts';
import { readQualityFlags } from '../../warehouse/queries/quality-flags.ts';
import { readTechnicianScores } from '../../warehouse/queries/technician-scores.ts';
import { readFaultSolutions } from '../../warehouse/queries/fault-solutions.ts';
import { generatedWarehouse } from '../helpers/generated-warehouse.ts';

const load = (plant: boolean): Promise<{ db: Warehouse; planted: Planted }> => generatedWarehouse({ tickets: 20_000, seed: 3, plant });

const arrivalMedians = async (db: Warehouse) =>
  new Map(
    (await readMetricSeries(db, { metric: 'arrival_time', grain: 'all', by: ['region'] })).rows.map((r) => [
      String(r.region),
      r.median as number,
    ]),
  );

describe('planted patterns', () => {
  let planted: { db: Warehouse; planted: Planted };
  let plain: { db: Warehouse; planted: Planted };
  beforeAll(async () => {
    planted = await load(true);
    plain = await load(false);
  });
  afterAll(async () => {
    await planted.db.close();
    await plain.db.close();
  });

  it('the slow region has the longest median arrival, over twice every other region', async () => {
    const medians = await arrivalMedians(planted.db);
    const slow = planted.planted.slowRegion!.region;
    for (const [region, median] of medians) if (region !== slow) expect(medians.get(slow)!, region).toBeGreaterThan(2 * median);
  });

  it('the complaint-prone technician has the most verified complaints, by far', async () => {
    const rows = (
      await readMetricSeries(planted.db, { metric: 'complaints', grain: 'all', by: ['technician_id'], filters: { verified: ['yes'] } })
    ).rows;
    const sorted = [...rows].sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    expect(sorted[0].technician_id).toBe(planted.planted.complaintTechnician!.technician_id);
    expect(sorted[0].value!).toBeGreaterThan(3 * (sorted[1].value ?? 0));
  });

  it('the planted fault spike is flagged as occurring too often, far stronger than any other flag', async () => {
    const { product_model, fault_code, quarter } = planted.planted.spike!;
    const flags = await readQualityFlags(planted.db, quarter);
    const spike = flags.find((f) => f.product_model === product_model && f.fault_code === fault_code)!;
    expect(spike.too_often).toBe(true);
    expect(spike.strength).toBeGreaterThan(3);
    // Ranked first, with the major impacts on the same scale.
    expect(flags[0]).toBe(spike);
    for (const f of flags) if (f !== spike) expect(f.strength, `${f.product_model} ${f.fault_code}`).toBeLessThan(spike.strength / 2);
  });

  it('the repeat-prone technician has the highest repeat rate, by far', async () => {
    const rows = (await readMetricSeries(planted.db, { metric: 'repeat_rate', grain: 'all', by: ['technician_id'] })).rows;
    const sorted = [...rows].sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    expect(sorted[0].technician_id).toBe(planted.planted.repeatTechnician!.technician_id);
    expect(sorted[0].value!).toBeGreaterThan(3 * (sorted[1].value ?? 0));
  });

  it('the planted technicians score lowest on the right components over the four quarters of 2025', async () => {
    // One quarter holds ~30 repairs per technician: pooled over 2025 the planted patterns stand clear of noise.
    const pooled = new Map<string, { complaints: number; fixed: number; repairs: number; expected: number; discipline: number }>();
    for (const q of ['2025Q1', '2025Q2', '2025Q3', '2025Q4']) {
      for (const s of await readTechnicianScores(planted.db, { period: q })) {
        const p = pooled.get(s.technician_id) ?? { complaints: 0, fixed: 0, repairs: 0, expected: 0, discipline: 0 };
        p.complaints += s.discipline.verified_complaints;
        p.discipline += s.discipline.points;
        p.fixed += s.first_time_fix.k;
        p.repairs += s.first_time_fix.n;
        p.expected += (s.first_time_fix.expected_rate ?? 0) * s.first_time_fix.n;
        pooled.set(s.technician_id, p);
      }
    }
    const lowest = (pick: (p: { complaints: number; fixed: number; repairs: number; expected: number; discipline: number }) => number) =>
      [...pooled.entries()].sort((a, b) => pick(a[1]) - pick(b[1]))[0][0];
    expect(lowest((p) => p.discipline - p.complaints / 1000)).toBe(planted.planted.complaintTechnician!.technician_id);
    const repeatTech = planted.planted.repeatTechnician!.technician_id;
    expect(lowest((p) => p.fixed / p.repairs)).toBe(repeatTech);
    // Fair comparison does not excuse it: well below what its case mix would get.
    const r = pooled.get(repeatTech)!;
    expect(r.fixed / r.expected).toBeLessThan(0.85);
  });

  it('the planted quick fix holds less often than the proper fix of every fault, which is marked best', async () => {
    const prefix = planted.planted.quickFix!.resolution_code_prefix;
    const solutions = await readFaultSolutions(planted.db, {});
    const faults = [...new Set(solutions.map((s) => s.fault_code))];
    let compared = 0;
    for (const fault of faults) {
      const quick = solutions.find((s) => s.fault_code === fault && s.solution.startsWith(prefix));
      const proper = solutions.find((s) => s.fault_code === fault && s.solution === `S-${fault}`);
      if (!quick || !proper || quick.known < 20 || proper.known < 20) continue;
      compared++;
      expect(quick.held_rate!, fault).toBeLessThan(proper.held_rate!);
      expect(proper.best, fault).toBe(true);
      expect(quick.best, fault).toBe(false);
    }
    // 32 faults; most have enough known outcomes of both fixes at 20,000 tickets.
    expect(compared).toBeGreaterThan(20);
    // With nothing planted there is one fix per fault.
    const plainSolutions = await readFaultSolutions(plain.db, {});
    expect(plainSolutions.every((s) => s.solution.startsWith('S-'))).toBe(true);
  });

  it('with nothing planted no pair stands far above its limit in any quarter, and major impacts are few', async () => {
    for (const q of ['2025Q1', '2025Q2', '2025Q3', '2025Q4']) {
      const flags = await readQualityFlags(plain.db, q);
      for (const f of flags) if (f.too_often) expect(f.strength, `${q} ${f.product_model} ${f.fault_code}`).toBeLessThan(1.5);
      // One severity-1 ticket made about 120 major impacts a quarter; a share that stands out makes a handful.
      expect(flags.filter((f) => f.major_impact).length, q).toBeLessThanOrEqual(6);
    }
  });

  it('with nothing planted no region arrives twice as slowly as another', async () => {
    const medians = [...(await arrivalMedians(plain.db)).values()];
    expect(Math.max(...medians)).toBeLessThan(1.5 * Math.min(...medians));
  });
});
