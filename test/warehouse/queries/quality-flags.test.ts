// The quarterly flag rule on a crafted series. Two product lines with 100 tickets a quarter each. Previous
// four quarters: 4 tickets of the watched (model, fault) each, so the baseline is 4 and the upper 99 % Poisson
// limit 9 (P(X <= 8) = 0.9786, P(X <= 9) = 0.9919). In 2025-Q3 line A has 9 (at the limit: no flag) and line B
// 10 (above it: a flag, strength 10 ÷ 9). One severity-1 ticket is no longer a major impact by itself.
import { flagReasons } from '../../../presentation/i18n/quality-flag-words.ts';
import { listValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readQualityFlags } from '../../../warehouse/queries/quality-flags.ts';
import { poissonUpperLimit } from '../../../warehouse/queries/poisson.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';
import { generatedWarehouse } from '../../helpers/generated-warehouse.ts';

describe('quality flags', () => {
  let db: Warehouse;
  beforeAll(async () => {
    const lines = ['ticket_id,opened_at,status,product_line,product_model,fault_code,severity'];
    let n = 0;
    const add = (day: string, line: string, model: string, fault: string, k: number, severity = 3) => {
      for (let i = 0; i < k; i++) lines.push(`F${++n},${day} 10:00,closed,${line},${model},${fault},${severity}`);
    };
    for (const day of ['2024-08-01', '2024-11-01', '2025-02-01', '2025-05-01']) {
      for (const line of ['A', 'B']) {
        add(day, line, `${line}-1`, 'E7', 4);
        add(day, line, `${line}-2`, 'E0', 96);
      }
    }
    add('2025-08-01', 'A', 'A-1', 'E7', 9);
    add('2025-08-01', 'A', 'A-2', 'E0', 91);
    add('2025-08-01', 'B', 'B-1', 'E7', 10);
    add('2025-08-01', 'B', 'B-2', 'E0', 89);
    // One severity-1 ticket: below the minimum of 2, and the quarter's only one (expected 1 × 1/200 = 0.005 of
    // them, 99 % limit 1: P(X = 0) = 0.995): no flag.
    add('2025-08-02', 'B', 'B-3', 'E9', 1, 1);
    db = await warehouseWithRows({ tickets: lines });
  });
  afterAll(async () => {
    await db.close();
  });

  it('the Poisson limit', () => {
    expect(poissonUpperLimit(4)).toBe(9);
    expect(poissonUpperLimit(0)).toBe(0);
    // Mean 100: the 99 % quantile is 124 (normal approximation 100 + 2.326 × 10 = 123.3).
    expect(poissonUpperLimit(100)).toBe(124);
  });

  it('no flag at the limit, a flag above it, with its reason in numbers; one severity-1 ticket is no major impact', async () => {
    const flags = await readQualityFlags(db, '2025Q3');
    expect(flags.map((f) => [f.product_model, f.fault_code, f.too_often, f.major_impact, f.recurring])).toEqual([
      ['B-1', 'E7', true, false, false],
    ]);
    const b = flags[0];
    // Line B has 100 tickets in Q3 (10 + 89 + 1) as in every earlier quarter: the baseline stays 4.
    expect(b).toMatchObject({ count: 10, baseline: 4, limit: 9 });
    expect(b.strength).toBeCloseTo(10 / 9, 12);
    expect(flagReasons(b, 'en')[0]).toBe(
      "Occurs too often: 10 this quarter against a mean of 4.0 over the previous 4 quarter(s), scaled by the product line's volume; 99 % Poisson limit 9",
    );
    expect(flagReasons(b, 'zh')[0]).toContain('本季度 10 次');
  });
});

// Short histories and the quarter of a complaint. Line C begins in 2025-Q1: 50 tickets of C-2/E0 and 2 of
// C-1/E7; in Q2 48 and 10. Q2's baseline is Q1 alone: 2 × 58 / 52 = 2.23, whose 99 % Poisson limit is 6
// (P(X <= 5) = 0.9735, P(X <= 6) = 0.9920); 10 is above it, from one quarter of history instead of four.
// D-1/E5: one ticket opened 20 March (Q1), two verified complaints about it received in April (Q2).
describe('quality flags: short history and the complaint quarter', () => {
  const dbs: Warehouse[] = [];
  const open = async (settings: Parameters<typeof warehouseWithRows>[1] = {}) => {
    const lines = ['ticket_id,opened_at,status,product_line,product_model,fault_code,severity'];
    let n = 0;
    const add = (day: string, model: string, fault: string, k: number) => {
      for (let i = 0; i < k; i++) lines.push(`H${++n},${day} 10:00,closed,C,${model},${fault},3`);
    };
    add('2025-02-01', 'C-2', 'E0', 50);
    add('2025-02-01', 'C-1', 'E7', 2);
    add('2025-05-01', 'C-2', 'E0', 48);
    add('2025-05-01', 'C-1', 'E7', 10);
    lines.push('K1,2025-03-20 10:00,closed,C,D-1,E5,3');
    const complaints =
      'complaint_id,received_at,ticket_id,category,verified\nQ1,2025-04-05 10:00,K1,quality,yes\nQ2,2025-04-10 10:00,K1,quality,yes\n';
    const db = await warehouseWithRows({ tickets: lines, complaints }, settings);
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  it('a too-often flag from one quarter of history is marked as such', async () => {
    const db = await open();
    const q2 = await readQualityFlags(db, '2025Q2');
    expect(q2.map((f) => [f.product_model, f.too_often, f.short_history, f.history_quarters, f.limit])).toEqual([
      ['C-1', true, true, 1, 6],
    ]);
    expect(flagReasons(q2[0], 'en')).toEqual([
      "Occurs too often: 10 this quarter against a mean of 2.2 over the previous 1 quarter(s), scaled by the product line's volume; 99 % Poisson limit 6",
      'Short history: the baseline has only 1 of 4 quarters; read this flag with care',
    ]);
    // By default complaints count in the complained ticket's quarter: D-1/E5 is a major impact in Q1.
    expect((await readQualityFlags(db, '2025Q1')).map((f) => [f.product_model, f.verified_complaints, f.major_impact])).toEqual([
      ['D-1', 2, true],
    ]);
  });

  it('flagMinHistoryQuarters 2: no too-often flag from one quarter; flagComplaintsBy complaint: Q2 has them', async () => {
    const db = await open({ settings: { flagMinHistoryQuarters: 2, flagComplaintsBy: 'complaint' } });
    const q2 = await readQualityFlags(db, '2025Q2');
    // C-1 is not flagged; D-1/E5 has no ticket in Q2 but the two complaints received then.
    expect(q2.map((f) => [f.product_model, f.count, f.verified_complaints, f.too_often, f.major_impact])).toEqual([
      ['D-1', 0, 2, false, true],
    ]);
    expect(await readQualityFlags(db, '2025Q1')).toEqual([]);
  });
});

// Major impact, strength and recurring. Line M, regions West and East (M-4 only), 200 counted tickets in each of
// 2025-Q2 and Q3 (the volume scaling is 1), severity 3 unless told:
//   pair      Q2 tickets (sev-1)   Q3 tickets (sev-1)   Q3 verified complaints
//   M-1/S1    10 (4)               10 (4)
//   M-2/S2    100                  100 (2)
//   M-3/S3    1                    1 (1)
//   M-4/S4    5                    5                    3
//   M-5/S5    2                    10
//   M-9/S9    82                   74
// Q2: 4 severity-1 of 200 (2 %); M-1 expects 10 × 0.02 = 0.2 of them, whose 99 % limit is 2 (P(X <= 1) = 0.9825,
// P(X <= 2) = 0.9989): 4 > 2, a major impact, strength 4 ÷ 2 = 2. Q2 has no history, so no too-often flag.
// Q3: 7 severity-1 of 200 (3.5 %).
//   M-1 expects 0.35: limit 2 (P(X <= 1) = 0.9513, P(X <= 2) = 0.9945); 4 > 2: strength 2, flagged in Q2 too: recurring.
//   M-2 has 2, the minimum, but expects 3.5: limit 8 (P(X <= 7) = 0.9733, P(X <= 8) = 0.9901): no flag.
//   M-3 has one severity-1 ticket: below the minimum of 2 (and its limit, 1, for 0.035 expected): no flag.
//   M-4: 3 verified complaints ≥ 2: a major impact, strength 3 ÷ 2 = 1.5.
//   M-5: baseline Q2's 2 (one quarter of history), 99 % limit 6 (P(X <= 5) = 0.9834, P(X <= 6) = 0.9955);
//        10 ≥ 5 and > 6: too often, short history, strength 10 ÷ 6 = 1.667.
//   Others: M-1 10 against limit 18 (baseline 10), M-2 100 against 124, M-4 5 against 11, M-9 74 against 82's 104.
// Ranked: M-1 (2), M-5 (1.667), M-4 (1.5).
describe('quality flags: major impact, strength, new vs recurring', () => {
  const dbs: Warehouse[] = [];
  const open = async (settings: Parameters<typeof warehouseWithRows>[1] = {}) => {
    const lines = ['ticket_id,opened_at,status,region,product_line,product_model,fault_code,severity'];
    let n = 0;
    const add = (day: string, model: string, fault: string, k: number, severity1 = 0) => {
      const region = model === 'M-4' ? 'East' : 'West';
      for (let i = 0; i < k; i++) lines.push(`M${++n},${day} 10:00,closed,${region},M,${model},${fault},${i < severity1 ? 1 : 3}`);
    };
    for (const [day, counts] of [
      ['2025-05-01', { 'M-1': [10, 4], 'M-2': [100, 0], 'M-3': [1, 0], 'M-4': [5, 0], 'M-5': [2, 0], 'M-9': [82, 0] }],
      ['2025-08-01', { 'M-1': [10, 4], 'M-2': [100, 2], 'M-3': [1, 1], 'M-4': [5, 0], 'M-5': [10, 0], 'M-9': [74, 0] }],
    ] as const) {
      for (const [model, [k, s1]] of Object.entries(counts)) add(day, model, `S${model.slice(2)}`, k, s1);
    }
    // M-4's Q3 tickets are M312–M316 (Q2 has 200 tickets, then M-1's 10, M-2's 100, M-3's 1 before them).
    const complaints =
      'complaint_id,received_at,ticket_id,category,verified\nC1,2025-08-05 10:00,M312,quality,yes\nC2,2025-08-06 10:00,M313,quality,yes\nC3,2025-08-07 10:00,M314,quality,yes\nC4,2025-08-08 10:00,M315,quality,no\n';
    const db = await warehouseWithRows({ tickets: `${lines.join('\n')}\n`, complaints }, settings);
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  it('ranks the flags by one strength, with severity-1 flags only where their share stands out, new vs recurring', async () => {
    const db = await open();
    const q2 = await readQualityFlags(db, '2025Q2');
    expect(q2.map((f) => [f.product_model, f.major_impact, f.severity1_limit, f.strength, f.recurring])).toEqual([
      ['M-1', true, 2, 2, false],
    ]);
    const q3 = await readQualityFlags(db, '2025Q3');
    expect(q3.map((f) => [f.product_model, f.too_often, f.major_impact, f.recurring, f.short_history])).toEqual([
      ['M-1', false, true, true, false],
      ['M-5', true, false, false, true],
      ['M-4', false, true, false, false],
    ]);
    expect(q3.map((f) => f.strength)).toEqual([2, expect.closeTo(10 / 6, 12), 1.5]);
    expect(q3[0]).toMatchObject({ severity1: 4, severity1_limit: 2, overall_severity1_share: 0.035 });
    expect(flagReasons(q3[0], 'en')).toEqual([
      "Major impact: 4 severity-1 tickets (40.0 % of its 10, the quarter's 3.5 %), above the 99 % Poisson limit of 2 expected at the quarter's share",
    ]);
    expect(q3[1]).toMatchObject({ count: 10, baseline: 2, limit: 6, history_quarters: 1 });
    expect(q3[2]).toMatchObject({ verified_complaints: 3 });
    expect(flagReasons(q3[2], 'en')).toEqual(['Major impact: 3 verified complaints']);
    // East alone is M-4's 5 tickets a quarter: its complaints still flag it.
    expect((await readQualityFlags(db, '2025Q3', { region: ['East'] })).map((f) => f.product_model)).toEqual(['M-4']);
    expect((await readQualityFlags(db, '2025Q3', { region: ['East', 'West'] })).map((f) => f.product_model)).toEqual(['M-1', 'M-5', 'M-4']);
  });

  it('the thresholds are settings', async () => {
    // 5 severity-1 tickets needed, 4 complaints, 11 tickets for too often: no flag left.
    const db = await open({ settings: { flagMinSeverity1: 5, flagMinVerifiedComplaints: 4, flagMinCount: 11 } });
    expect(await readQualityFlags(db, '2025Q3')).toEqual([]);
    // At 95 % confidence M-1's severity-1 limit for an expected 0.35 is 1 (P(X <= 1) = 0.9513): 4 ÷ 1 = 4; M-2's for
    // 3.5 is 7 (P(X <= 6) = 0.9347, P(X <= 7) = 0.9733): still no flag; M-5's too-often limit is 5 (P(X <= 4) =
    // 0.9473, P(X <= 5) = 0.9834): 10 ÷ 5 = 2; M-4's 5 against a baseline of 5 (limit 9) is no flag.
    const loose = await open({ settings: { flagConfidence: 0.95 } });
    const q3 = await readQualityFlags(loose, '2025Q3');
    expect(q3.map((f) => [f.product_model, f.strength])).toEqual([
      ['M-1', 4],
      ['M-5', 2],
      ['M-4', 1.5],
    ]);
    expect(flagReasons(q3[1], 'en')[0]).toContain('95 % Poisson limit 5');
  });
});

// Repeats. 2025-Q3, line R, every ticket on a unit, resolved two hours after it opened; a unit's second ticket
// (same fault, nine days later) is a strict repeat:
//   R-1/X1  6 units, 4 of them back: 10 tickets, 4 repeats (40 %)
//   R-2/X2  89 units, 1 back: 90 tickets, 1 repeat
//   R-3/X3  2 units, both back: 4 tickets, 2 repeats (50 %)
// The quarter: 7 repeats of 104 tickets, 6.73 %. are both at least twice that with 2+ repeats (the old
// rule flagged both); at that rate R-1 expects 10 × 7/104 = 0.673 repeats, 99 % limit 3 (P(X <= 2) = 0.9691,
// P(X <= 3) = 0.9950): 4 > 3, a major impact, strength 4 ÷ 3. R-3 expects 4 × 7/104 = 0.269, limit 2
// (P(X <= 1) = 0.9697, P(X <= 2) = 0.9973): its 2 repeats are chance.
describe('quality flags: repeats that stand out', () => {
  let db: Warehouse;
  beforeAll(async () => {
    const lines = ['ticket_id,opened_at,resolved_at,status,product_line,product_model,fault_code,severity,serial_no'];
    let n = 0;
    const add = (model: string, fault: string, units: number, back: number) => {
      for (let u = 1; u <= units; u++) {
        const serial = `${model}-U${u}`;
        lines.push(`R${++n},2025-07-01 10:00,2025-07-01 12:00,closed,R,${model},${fault},3,${serial}`);
        if (u <= back) lines.push(`R${++n},2025-07-10 10:00,2025-07-10 12:00,closed,R,${model},${fault},3,${serial}`);
      }
    };
    add('R-1', 'X1', 6, 4);
    add('R-2', 'X2', 89, 1);
    add('R-3', 'X3', 2, 2);
    db = await warehouseWithRows({ tickets: `${lines.join('\n')}\n` });
  });
  afterAll(async () => {
    await db.close();
  });

  it('a repeat rate twice the quarter’s flags a pair only when its repeats are above their Poisson limit', async () => {
    const flags = await readQualityFlags(db, '2025Q3');
    expect(flags.map((f) => [f.product_model, f.count, f.repeats, f.repeats_limit, f.major_impact])).toEqual([['R-1', 10, 4, 3, true]]);
    expect(flags[0].strength).toBeCloseTo(4 / 3, 12);
    expect(flags[0].repeat_rate).toBeCloseTo(0.4, 12);
    expect(flags[0].overall_repeat_rate).toBeCloseTo(7 / 104, 12);
    expect(flagReasons(flags[0], 'en')).toEqual([
      "Major impact: repeat rate 40.0 % (4/10), 5.9× the quarter's 6.7 %; 4 repeats are above the 99 % Poisson limit of 3 expected at the quarter's rate",
    ]);
  });
});

// The quarters read. Judging 2025-Q3 reads six quarters: Q3's history (2024-Q3 to 2025-Q2) and Q2's, for
// `recurring` (2024-Q2 to 2025-Q1). Line W has 100 tickets a quarter; W-1/E1 has, from 2024-Q2 to 2025-Q3,
// 20, 4, 4, 4, 12, 15 (W-2/E0 the rest).
//   Q2: baseline (20 + 4 + 4 + 4) ÷ 4 = 8, 99 % limit 15 (P(X <= 14) = 0.9827, P(X <= 15) = 0.9918): 12 is no flag
//       (from three quarters, without 2024-Q2, it would be: baseline 4, limit 9).
//   Q3: baseline (4 + 4 + 4 + 12) ÷ 4 = 6, limit 12 (P(X <= 11) = 0.9799, P(X <= 12) = 0.9912): 15 is too often,
//       strength 15 ÷ 12 = 1.25, and new (not recurring).
// X-1/E9: one ticket opened 2023-05-01, long before them; two verified complaints about it received in 2025-Q3.
// Counted in the quarter received (flagComplaintsBy complaint), they flag X-1 in Q3: strength 2 ÷ 2 = 1 (its
// baseline is 0: no ticket in the four quarters before, whose line had tickets).
describe('quality flags: the quarters read', () => {
  let db: Warehouse;
  beforeAll(async () => {
    const lines = ['ticket_id,opened_at,status,product_line,product_model,fault_code,severity', 'X1,2023-05-01 10:00,closed,W,X-1,E9,3'];
    let n = 0;
    const add = (day: string, model: string, fault: string, k: number) => {
      for (let i = 0; i < k; i++) lines.push(`W${++n},${day} 10:00,closed,W,${model},${fault},3`);
    };
    for (const [day, k] of [
      ['2024-05-01', 20],
      ['2024-08-01', 4],
      ['2024-11-01', 4],
      ['2025-02-01', 4],
      ['2025-05-01', 12],
      ['2025-08-01', 15],
    ] as const) {
      add(day, 'W-1', 'E1', k);
      add(day, 'W-2', 'E0', 100 - k);
    }
    const complaints =
      'complaint_id,received_at,ticket_id,category,verified\nP1,2025-08-05 10:00,X1,quality,yes\nP2,2025-08-06 10:00,X1,quality,yes\n';
    db = await warehouseWithRows({ tickets: lines, complaints }, { settings: { flagComplaintsBy: 'complaint' } });
  });
  afterAll(async () => {
    await db.close();
  });

  it('the quarter before is judged from its own four quarters; a complaint counts whenever its ticket was opened', async () => {
    expect(await readQualityFlags(db, '2025Q2')).toEqual([]);
    const q3 = await readQualityFlags(db, '2025Q3');
    expect(q3.map((f) => [f.product_model, f.count, f.baseline, f.limit, f.verified_complaints, f.strength, f.recurring])).toEqual([
      ['W-1', 15, 6, 12, 0, 1.25, false],
      ['X-1', 0, 0, null, 2, 1, false],
    ]);
  });
});

describe('quality flags: stored by the refresh', () => {
  let db: Warehouse;
  beforeAll(async () => {
    ({ db } = await generatedWarehouse({ tickets: 6000, seed: 3, plant: true }));
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });
  const macro = async (quarter: string, regions: string[] | null) =>
    (
      await db.all<Record<string, unknown>>(
        `select * from metrics.quality_flags($1, $2::varchar[]) order by strength desc, count desc, product_model, fault_code`,
        [quarter, regions === null ? null : listValue(regions)],
      )
    ).map((r) => ({ ...r }));

  /** The same rows; doubles (baselines, strengths) to 1e-12 of their size, summed in another order by another run. */
  const expectSame = (got: readonly object[], want: Record<string, unknown>[], what: string) => {
    expect(got.length, what).toBe(want.length);
    got.forEach((row, i) => {
      expect(Object.keys(row).sort(), what).toEqual(Object.keys(want[i]).sort());
      for (const [k, v] of Object.entries(row)) {
        const w = want[i][k];
        if (typeof v === 'number' && typeof w === 'number' && !Number.isInteger(w))
          expect(Math.abs(v - w), `${what} ${k}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(w)));
        else expect(v, `${what} ${k}`).toEqual(w);
      }
    });
  };

  it("every quarter's flags, all regions and each alone, are the macro's; two regions at once run the macro", async () => {
    const quarters = (
      await db.all<{ q: string }>(
        `select distinct year(opened_date)::varchar || '-Q' || quarter(opened_date)::varchar as q from marts.tickets order by 1`,
      )
    ).map((r) => r.q);
    const regions = (await db.all<{ r: string }>(`select distinct region as r from marts.tickets where region is not null order by 1`)).map(
      (r) => r.r,
    );
    expect(quarters.length).toBeGreaterThan(3);
    let flagged = 0;
    for (const q of quarters) {
      const all = await readQualityFlags(db, q);
      expectSame(all, await macro(q, null), q);
      flagged += all.length;
      for (const r of regions) expectSame(await readQualityFlags(db, q, { region: [r] }), await macro(q, [r]), `${q} ${r}`);
    }
    expect(flagged).toBeGreaterThan(0);
    // Every set is recorded as stored, those without a flag too (their empty answer is read, not the macro's).
    const [{ sets }] = await db.all<{ sets: number }>(
      `select count(distinct (quarter, region_key))::integer as sets from rollups.quality_flag_sets`,
    );
    expect(sets).toBe(quarters.length * (regions.length + 1));
    // The stored rows are what is read (a marked strength shows); two regions are not stored: the macro answers.
    const [{ q }] = await db.all<{ q: string }>(`select quarter as q from rollups.quality_flags where region_key = '' limit 1`);
    await db.run(`update rollups.quality_flags set strength = -1 where quarter = $1 and region_key = ''`, [q]);
    db.cache.clear();
    expect((await readQualityFlags(db, q)).every((f) => f.strength === -1)).toBe(true);
    expectSame(await readQualityFlags(db, q, { region: regions.slice(0, 2) }), await macro(q, regions.slice(0, 2)), 'two regions');
  });
});
