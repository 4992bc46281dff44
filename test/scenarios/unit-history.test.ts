// Chronic units, one unit's timeline, the fault -> solution table and failures by time in service, by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { readChronicUnits } from '../../warehouse/queries/chronic-units.ts';
import { readUnitTimeline } from '../../warehouse/queries/unit-timeline.ts';
import { readFaultSolutions } from '../../warehouse/queries/fault-solutions.ts';
import { readFailuresByAge } from '../../warehouse/queries/failures-by-age.ts';
import { listTickets } from '../../warehouse/queries/ticket-list.ts';
import { warehouseWithRows } from '../helpers/warehouse-with-rows.ts';

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const header =
  'ticket_id,opened_at,status,service_type,serial_no,product_model,fault_code,technician_id,resolved_at,resolution_code,resolution,installed_at,warranty_until';
const tickets = `${header}
C1,2024-01-10 10:00,closed,repair,U1,M1,F7,E01,2024-01-10 12:00,S7,,2023-01-10,2024-12-31
C2,2024-06-01 10:00,closed,repair,U1,M1,F7,E01,2024-06-01 12:00,S7,,2023-01-10,2024-12-31
C3,2025-01-10 10:00,closed,repair,U1,M1,F8,E02,2025-01-10 12:00,S8,,2023-01-10,2024-12-31
C4,2025-03-01 10:00,closed,repair,U1,M1,F7,E02,2025-03-01 12:00,S7,,2023-01-10,2024-12-31
D1,2025-01-01 10:00,closed,repair,U2,M1,F7,E01,2025-01-01 12:00,S7,,2024-12-01,
D2,2025-06-01 10:00,closed,repair,U2,M1,F7,E01,2025-06-01 12:00,S7,,2024-12-01,
D3,2026-01-01 10:00,closed,repair,U2,M1,F7,E01,2026-01-01 12:00,S7,,2024-12-01,
X1,2025-02-01 10:00,closed,repair,U3,M1,F7,E01,2025-02-01 12:00,S7,,,
X2,2025-03-01 10:00,cancelled,repair,U3,M1,F7,E01,,,,,
X3,2025-04-01 10:00,closed,repair,U3,M1,F7,E01,2025-04-01 12:00,S7,,,
A1,2025-01-30 09:00,closed,repair,V1,M2,F1,E03,2025-02-01 09:00,S1,更换电容,,
A2,2025-02-10 09:00,closed,repair,V1,M2,F1,E04,2025-02-10 12:00,S2,更换主板,,
B1,2025-03-01 09:00,closed,repair,V2,M2,F1,E03,2025-03-01 12:00,S1,更换电容,,
B2,2025-03-05 09:00,closed,repair,V3,M2,F1,E03,2025-03-05 12:00,S1,更换电容,,
B3,2025-03-05 09:00,closed,repair,V4,M2,F1,E04,2025-03-05 12:00,S2,更换主板,,
B4,2025-03-10 09:00,closed,repair,V4,M2,F2,E04,2025-03-10 12:00,S9,,,
B5,${day(-3)} 09:00,closed,repair,V5,M2,F1,E03,${day(-2)} 09:00,S1,更换电容,,
B6,2025-04-01 09:00,closed,repair,V6,M2,F1,E04,2025-04-01 12:00,S2,更换主板,,
B7,2025-04-02 09:00,closed,repair,V7,M2,F1,E04,2025-04-02 12:00,S2,更换主板,,
B8,2025-04-03 09:00,closed,repair,V8,M2,F1,E04,2025-04-03 12:00,S2,更换主板,,
B9,2025-04-04 09:00,closed,repair,V9,M2,F1,E04,2025-04-04 12:00,S2,更换主板,,
B10,2025-04-05 09:00,closed,repair,V10,M2,F1,E04,2025-04-05 12:00,S2,更换主板,,
`;
const repairs = `repair_id,ticket_id,started_at,outcome,technician_id
R1,C4,2025-03-01 10:30,not_fixed,E02
R2,C4,2025-03-01 11:30,fixed,E02
`;
const parts = `part_line_id,ticket_id,part_no,quantity,issued_at
P1,C4,A,1,2025-03-01 11:00
`;
const complaints = `complaint_id,ticket_id,received_at,category,verified
K1,C4,2025-03-02 09:00,quality,true
`;

describe('units, solutions and time in service', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await warehouseWithRows({ tickets, repairs, parts, complaints });
  });
  afterAll(async () => {
    await db.close();
  });

  it('chronic units: 3 counted tickets within 365 days, both ends included', async () => {
    // U1: C1 (2024-01-10) is 366 days before C3 (2025-01-10, 2024 being a leap year): C3 is only the 2nd in
    // its window; C4 (2025-03-01) is the 3rd with C2 and C3. U2: D3 is exactly 365 days after D1: the 3rd.
    // U3: X2 is cancelled, so two counted tickets.
    const all = (await readChronicUnits(db, {})).rows;
    expect(all.map((u) => [u.serial_no, u.most_in_window, u.tickets, u.first_opened_at, u.last_opened_at])).toEqual([
      ['U1', 3, 4, '2024-01-10 10:00', '2025-03-01 10:00'],
      ['U2', 3, 3, '2025-01-01 10:00', '2026-01-01 10:00'],
    ]);
    expect(all[0]).toMatchObject({ product_model: 'M1', fault_codes: ['F7', 'F8'], technician_ids: ['E01', 'E02'] });
    // Reached in 2025: U1 only (U2 reaches 3 on 2026-01-01).
    expect((await readChronicUnits(db, { from: '2025-01-01', to: '2025-12-31' })).rows.map((u) => u.serial_no)).toEqual(['U1']);
    expect((await readChronicUnits(db, { filters: { technician_id: ['E01'] } })).rows.map((u) => u.serial_no)).toEqual(['U2']);
  });

  it("a unit's timeline: tickets in order with visits, parts, complaints and what each repeats", async () => {
    const u = (await readUnitTimeline(db, 'U1'))!;
    expect(u).toMatchObject({ serial_no: 'U1', product_model: 'M1', installed_at: '2023-01-10', warranty_until: '2024-12-31' });
    expect(u.tickets.map((t) => [t.ticket_id, t.repeats_ticket_id, t.repeat_mode, t.days_since_previous_fix])).toEqual([
      ['C1', null, null, null],
      ['C2', null, null, null], // 143 days after C1: outside the 30-day window
      ['C3', null, null, null],
      ['C4', null, null, null],
    ]);
    const c4 = u.tickets[3];
    expect(c4.visits.map((v) => v.outcome)).toEqual(['not_fixed', 'fixed']);
    expect(c4.parts).toEqual([{ part_line_id: 'P1', part_no: 'A', part_name: null, quantity: 1, issued_at: '2025-03-01 11:00' }]);
    expect(c4.complaints).toEqual([{ complaint_id: 'K1', received_at: '2025-03-02 09:00', category: 'quality', is_verified: true }]);
    // V4: B4 (another fault, 5 days after B3's fix) is a loose repeat only; V1: A2 a strict repeat of A1.
    expect(
      (await readUnitTimeline(db, 'V4'))!.tickets.map((t) => [t.ticket_id, t.repeats_ticket_id, t.repeat_mode, t.days_since_previous_fix]),
    ).toEqual([
      ['B3', null, null, null],
      ['B4', 'B3', 'loose', 4.9],
    ]);
    expect((await readUnitTimeline(db, 'V1'))!.tickets[1]).toMatchObject({
      repeats_ticket_id: 'A1',
      repeat_mode: 'strict',
      days_since_previous_fix: 9,
    });
    expect(await readUnitTimeline(db, 'nope')).toBeNull();
  });

  it('fault solutions: uses, share, how often each held, the best among those known 5+ times', async () => {
    const f1 = (await readFaultSolutions(db, { filters: { product_model: ['M2'] } })).filter((r) => r.fault_code === 'F1');
    // S2: A2, B3, B6–B10 = 7 uses, all past the window, none came back with F1 (B4 is another fault).
    // S1: A1 (came back as A2), B1, B2 (held), B5 (resolved two days ago: pending) = 4 uses, 3 known, 2 held.
    expect(f1.map((r) => [r.solution, r.solution_text, r.uses, r.known, r.held, r.came_back, r.held_rate, r.best])).toEqual([
      ['S2', '更换主板', 7, 7, 7, 0, 1, true],
      ['S1', '更换电容', 4, 3, 2, 1, 2 / 3, false],
    ]);
    expect(f1.map((r) => r.share)).toEqual([7 / 11, 4 / 11]);
    // Fewer than 5 known outcomes: no best, whatever the rate.
    const f2 = (await readFaultSolutions(db, { filters: { product_model: ['M2'] } })).filter((r) => r.fault_code === 'F2');
    expect(f2.map((r) => [r.solution, r.uses, r.held_rate, r.best])).toEqual([['S9', 1, 1, false]]);
  });

  it('failures by months in service, in and out of warranty', async () => {
    const a = await readFailuresByAge(db, { filters: { product_model: ['M1'] } });
    // U1 installed 2023-01-10: C1 365 d = month 11 (in warranty), C2 508 d = 16, C3 731 d = 24, C4 781 d = 25
    // (out of warranty after 2024-12-31). U2 installed 2024-12-01: D1 31 d = 1, D2 182 d = 5, D3 396 d = 13
    // (no warranty date: paid). U3 has no installed_at.
    expect(a.rows.map((r) => [r.months_in_service, r.warranty, r.tickets])).toEqual([
      [1, 'paid', 1],
      [5, 'paid', 1],
      [11, 'warranty', 1],
      [13, 'paid', 1],
      [16, 'warranty', 1],
      [24, 'paid', 1],
      [25, 'paid', 1],
    ]);
    // First failures: U1 at 365 d, U2 at 31 d; two units are too few for a fit.
    expect(a.models).toEqual([{ product_model: 'M1', units: 2, median_days: 198, fit: null }]);
  });

  it('a bar of failures by age opens its tickets', async () => {
    const ids = async (q: { monthsInService?: number; warranty?: 'warranty' | 'paid' }) =>
      (await listTickets(db, { metric: 'failures_by_age', filters: { product_model: ['M1'] }, ...q, limit: 50, offset: 0 })).rows
        .map((r) => r.ticket_id)
        .sort();
    expect(await ids({ monthsInService: 16 })).toEqual(['C2']);
    expect(await ids({ warranty: 'paid' })).toEqual(['C3', 'C4', 'D1', 'D2', 'D3']);
    expect(await ids({ monthsInService: 16, warranty: 'paid' })).toEqual([]);
    // Without a bar: every ticket the figure counts (U3's tickets have no installed_at, so none of them).
    expect(await ids({})).toEqual(['C1', 'C2', 'C3', 'C4', 'D1', 'D2', 'D3']);
  });
});
