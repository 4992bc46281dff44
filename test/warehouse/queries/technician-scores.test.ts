// Technician scores by hand on a small quarter (2025-Q3). All tickets are severity 3 repairs, resolved the
// same day (the resolution target met) unless said otherwise; response and arrival have no times, so only
// the resolution target applies.
//   E1 (华东, T1): 20 tickets; 16 rated 5, 4 rated 2; 2 resolved 9 days later (target missed); A20 came back
//                  (B21, same unit and fault, 5 days later: charged to E1); 1 verified complaint.
//     satisfaction 30 × 16/20 = 24; timeliness 25 × 18/20 = 22.5; first-time fix 25 × 19/20 = 23.75;
//     discipline 20 − 10 = 10; total 80.25 -> B.
//   E2 (华东, T1): 21 tickets (B1–B20 and the repeat B21), all rated 5, all on time, all fixed first time;
//     3 verified complaints: discipline 20 − 30 floors at 0. Total 30 + 25 + 25 + 0 = 80 -> B, at the band's edge.
//   E3 (华北, T2): 5 severity-1 tickets of another product line, 2 rated 4–5: 5 < 20 tickets, insufficient data.
//   Case mix: CSAT of severity-3 air-conditioner repairs = (16 + 21) / 41; of E3's cell = 2/5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { scoredQuarterWarehouse } from '../../helpers/scored-quarter.ts';
import { readTechnicianScores, storedScoresTable } from '../../../warehouse/queries/technician-scores.ts';
import { readScoreEvidence } from '../../../warehouse/queries/score-evidence.ts';
import { defaultConfig } from '../../../warehouse/config/config.ts';

describe('technician scores', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await scoredQuarterWarehouse();
  });
  afterAll(() => db.close());

  const scores = () => readTechnicianScores(db, { period: '2025Q3' });

  it('each component, the total, the grade and the rank', async () => {
    const [e1, e2] = await scores();
    expect(e1).toMatchObject({
      technician_id: 'E1',
      name: '甲',
      region: '华东',
      team: 'T1',
      tickets: 20,
      status: 'scored',
      grade: 'B',
      rank: 1,
      rank_in_region: 1,
      rank_in_team: 1,
    });
    expect(e1.satisfaction).toMatchObject({ n: 20, k: 16, rate: 0.8, points: 24 });
    expect(e1.timeliness).toMatchObject({ n: 20, k: 18, rate: 0.9, points: 22.5 });
    expect(e1.first_time_fix).toMatchObject({ n: 20, k: 19, rate: 0.95, points: 23.75 });
    expect(e1.discipline).toEqual({ verified_complaints: 1, points: 10 });
    expect(e1.total).toBeCloseTo(80.25, 10);
    // E2: the deduction floors at 0 (3 × 10 > 20); 80 is exactly B's lower edge.
    expect(e2).toMatchObject({ technician_id: 'E2', tickets: 21, grade: 'B', rank: 2, rank_in_region: 2 });
    expect(e2.discipline).toEqual({ verified_complaints: 3, points: 0 });
    expect(e2.total).toBeCloseTo(80, 10);
  });

  it('95 % Wilson intervals with each rate', async () => {
    const [e1] = await scores();
    expect(e1.satisfaction.wilson![0]).toBeCloseTo(0.584, 3);
    expect(e1.satisfaction.wilson![1]).toBeCloseTo(0.9193, 4);
    expect(e1.timeliness.wilson![0]).toBeCloseTo(0.699, 3);
    expect(e1.first_time_fix.wilson![1]).toBeCloseTo(0.9911, 4);
  });

  it('fewer than 20 counted tickets: insufficient data, neither graded nor ranked', async () => {
    const e3 = (await scores()).find((s) => s.technician_id === 'E3')!;
    expect(e3).toMatchObject({
      tickets: 5,
      status: 'insufficient_data',
      grade: null,
      rank: null,
      rank_in_region: null,
      rank_in_team: null,
    });
    expect(e3.satisfaction).toMatchObject({ n: 5, k: 2, rate: 0.4 });
  });

  it('the rate expected for the case mix, and observed ÷ expected', async () => {
    const all = await scores();
    const e1 = all.find((s) => s.technician_id === 'E1')!;
    const e3 = all.find((s) => s.technician_id === 'E3')!;
    expect(e1.satisfaction.expected_rate).toBeCloseTo(37 / 41, 12);
    expect(e1.satisfaction.observed_expected).toBeCloseTo(0.8 / (37 / 41), 12);
    // E3 alone took the severity-1 refrigerator repairs: 0.4 is what that mix gets, so O/E = 1.
    expect(e3.satisfaction.expected_rate).toBeCloseTo(0.4, 12);
    expect(e3.satisfaction.observed_expected).toBeCloseTo(1, 12);
  });

  it('grade bands, weights and the ticket minimum from the configuration', async () => {
    // Bands X ≥ 80.25 (E1's total, at the edge) and Y ≥ 80.1, else Z: E1 X, E2 (80) Z. Weights 40/20/20/20 and a
    // deduction of 5: E1 = 40 × 0.8 + 20 × 0.9 + 20 × 0.95 + (20 − 5) = 84, E2 = 40 + 20 + 20 + 5 = 85: E2 ranks
    // first. A minimum of 5 tickets scores E3 too: 40 × 0.4 + 20 × 1 + 20 × 1 + 20 = 76 (all five on time, fixed).
    const s = defaultConfig.technicianScore;
    const banded = await scoredQuarterWarehouse({
      settings: {
        technicianScore: {
          ...s,
          grades: [
            { grade: 'X', min: 80.25 },
            { grade: 'Y', min: 80.1 },
          ],
          fallbackGrade: 'Z',
        },
      },
    });
    const weighted = await scoredQuarterWarehouse({
      settings: {
        technicianScore: {
          ...s,
          weights: { satisfaction: 40, timeliness: 20, first_time_fix: 20, discipline: 20 },
          complaintDeduction: 5,
          minTickets: 5,
        },
      },
    });
    try {
      expect((await readTechnicianScores(banded, { period: '2025Q3' })).map((r) => [r.technician_id, r.grade])).toEqual([
        ['E1', 'X'],
        ['E2', 'Z'],
        ['E3', null],
      ]);
      const w = await readTechnicianScores(weighted, { period: '2025Q3' });
      expect(w.map((r) => [r.technician_id, r.status, r.rank])).toEqual([
        ['E2', 'scored', 1],
        ['E1', 'scored', 2],
        ['E3', 'scored', 3],
      ]);
      expect(w.map((r) => r.total)).toEqual([expect.closeTo(85, 10), expect.closeTo(84, 10), expect.closeTo(76, 10)]);
    } finally {
      await banded.close();
      await weighted.close();
    }
  });

  it('the refresh stores every quarter and month with facts, the same rows as the macro; other periods are computed', async () => {
    const periods = await db.all<{ period: string }>(`select distinct period from ${storedScoresTable} order by 1`);
    // The facts are in July and August 2025.
    expect(periods.map((r) => r.period)).toEqual(['2025-07', '2025-08', '2025-Q3']);
    for (const { period } of periods) {
      for (const [a, b] of [
        [`from ${storedScoresTable} where period = '${period}'`, `from metrics.technician_score('${period}')`],
        [`from metrics.technician_score('${period}')`, `from ${storedScoresTable} where period = '${period}'`],
      ])
        expect(await db.all(`select * ${a} except all select * ${b}`), period).toEqual([]);
    }
    // Read from the stored rows: a changed total shows (until the next refresh makes them again).
    await db.run(`update ${storedScoresTable} set total = total + 1 where period = '2025-Q3' and technician_id = 'E1'`);
    db.cache.clear();
    try {
      expect((await scores()).find((r) => r.technician_id === 'E1')?.total).toBeCloseTo(81.25, 10);
    } finally {
      await db.run(`update ${storedScoresTable} set total = total - 1 where period = '2025-Q3' and technician_id = 'E1'`);
      db.cache.clear();
    }
    // The quarter before has no facts of its own: computed, empty.
    expect(await readTechnicianScores(db, { period: '2025Q2' })).toEqual([]);
  });

  it('filters by region and team keep the ranks of the whole company', async () => {
    expect((await readTechnicianScores(db, { period: '2025Q3', region: ['华北'] })).map((s) => s.technician_id)).toEqual(['E3']);
    expect((await readTechnicianScores(db, { period: '2025Q3', team: ['T1'] })).map((s) => [s.technician_id, s.rank])).toEqual([
      ['E1', 1],
      ['E2', 2],
    ]);
  });

  it('every point lost links to its tickets or complaints', async () => {
    const e = await readScoreEvidence(db, 'E1', '2025Q3');
    expect(e.satisfaction.map((t) => [t.ticket_id, t.rating])).toEqual([
      ['A1', 2],
      ['A2', 2],
      ['A3', 2],
      ['A4', 2],
    ]);
    expect(e.timeliness.map((t) => [t.ticket_id, t.sla_target])).toEqual([
      ['A1', 'resolution'],
      ['A2', 'resolution'],
    ]);
    expect(e.first_time_fix).toEqual([{ ticket_id: 'A20', opened_at: '2025-07-21 10:00', repeat_ticket_id: 'B21', visits: 1 }]);
    expect(e.complaints.map((c) => c.complaint_id)).toEqual(['K1']);
    // Not verified (K5) costs nothing.
    expect((await readScoreEvidence(db, 'E2', '2025Q3')).complaints.map((c) => c.complaint_id)).toEqual(['K2', 'K3', 'K4']);
  });

  it('a month is a period too', async () => {
    const july = await readTechnicianScores(db, { period: '2025-07' });
    expect(july.find((s) => s.technician_id === 'E1')!.total).toBeCloseTo(80.25, 10);
    // August: only E3's five tickets.
    expect((await readTechnicianScores(db, { period: '2025-08' })).map((s) => s.technician_id)).toEqual(['E3']);
  });

  it("the installer's part (installationScore.scorecardWeight 20): the rest scaled to 80 points, 20 × the mean project score ÷ 100 added", async () => {
    // P1 (E1 and E2): 27 + 44 + 8 = 79, unrated: 79 × 100 ÷ 90 = 87.78; P2 (E1): 90, unrated: 100.
    const installations = `installation_id,accepted_at,technician_ids,hardware_score,software_score,documents_score
P1,2025-08-01,E1;E2,27,44,8
P2,2025-08-02,E1,30,50,10
`;
    const weighted = await scoredQuarterWarehouse({
      installations,
      settings: { installationScore: { ...defaultConfig.installationScore, scorecardWeight: 20 } },
    });
    try {
      const [e1, e2, e3] = await readTechnicianScores(weighted, { period: '2025Q3' });
      // E1: mean (87.78 + 100) ÷ 2 = 93.89 → 18.78 points; 80.25 × 0.8 + 18.78 = 82.98.
      expect(e1.installation!.projects).toBe(2);
      expect(e1.installation!.mean_score).toBeCloseTo((7900 / 90 + 100) / 2, 10);
      expect(e1.total).toBeCloseTo(80.25 * 0.8 + (20 * (7900 / 90 + 100)) / 2 / 100, 10);
      // E2: 87.78 → 17.56 points; 80 × 0.8 + 17.56 = 81.56. E3 installed nothing: unchanged, no installer's part.
      expect(e2.total).toBeCloseTo(64 + (20 * 7900) / 90 / 100, 10);
      expect(e3.installation).toBeNull();
      expect(e1.installation!.weight).toBe(20);
      expect(e1.installation!.points).toBeCloseTo((20 * (7900 / 90 + 100)) / 2 / 100, 10);
    } finally {
      await weighted.close();
    }
  });

  it("at weight 0 (the default) the installer's projects are shown and count for nothing", async () => {
    const unweighted = await scoredQuarterWarehouse({
      installations: `installation_id,accepted_at,technician_ids,hardware_score,software_score,documents_score
P1,2025-08-01,E1;E2,27,44,8
P2,2025-08-02,E1,30,50,10
`,
    });
    try {
      const [e1, e2, e3] = await readTechnicianScores(unweighted, { period: '2025Q3' });
      // E1: 2 projects, mean 93.89, 0 points; the total stays 80.25 (E2 80: 1 project, 87.78).
      expect(e1.installation).toMatchObject({ projects: 2, weight: 0, points: 0 });
      expect(e1.installation!.mean_score).toBeCloseTo((7900 / 90 + 100) / 2, 10);
      expect(e1.total).toBeCloseTo(80.25, 10);
      expect(e2.installation).toMatchObject({ projects: 1, weight: 0, points: 0 });
      expect(e2.total).toBeCloseTo(80, 10);
      expect(e3.installation).toBeNull();
    } finally {
      await unweighted.close();
    }
  });
});
