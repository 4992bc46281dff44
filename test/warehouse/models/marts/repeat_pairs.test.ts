// Repeat repairs and first-time fix, worked out by hand: a chain A -> B -> C on one unit, the window's edge
// (exactly 30 days: a repeat; 30 days and a minute: not), strict vs loose, the category standing in for a
// missing fault code, cancelled tickets on either side, a ticket without a serial number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { readMetricSeries } from '../../../../warehouse/queries/metric-series.ts';
import { listTickets } from '../../../../warehouse/queries/ticket-list.ts';
import { warehouseWithRows } from '../../../helpers/warehouse-with-rows.ts';

const tickets = `ticket_id,opened_at,status,service_type,serial_no,fault_code,fault_category,technician_id,resolved_at
R1,2025-03-01 09:00,closed,repair,U1,E1,制冷,E010,2025-03-01 12:00
R2,2025-03-20 09:00,closed,repair,U1,E1,制冷,E011,2025-03-21 09:00
R3,2025-04-10 09:00,closed,repair,U1,E1,制冷,E012,2025-04-10 15:00
R4,2025-05-01 08:00,closed,repair,U2,E1,制冷,E010,2025-05-01 10:00
R5,2025-05-31 10:00,closed,repair,U2,E1,制冷,E011,2025-05-31 12:00
R6,2025-06-01 08:00,closed,repair,U3,E1,制冷,E011,2025-06-01 10:00
R7,2025-07-01 10:01,closed,repair,U3,E1,制冷,E012,2025-07-01 12:00
R8,2025-06-05 08:00,closed,repair,U4,E1,制冷,E013,2025-06-05 10:00
R9,2025-06-10 09:00,closed,repair,U4,E2,电气,E013,2025-06-10 12:00
R10,2025-06-01 09:00,cancelled,repair,U5,E1,制冷,E014,2025-06-01 12:00
R11,2025-06-05 09:00,closed,repair,U5,E1,制冷,E014,2025-06-05 12:00
R12,2025-04-20 09:00,cancelled,repair,U1,E1,制冷,E015,
R13,2025-06-05 09:00,closed,repair,,E1,制冷,E015,2025-06-05 12:00
R14,2025-08-01 09:00,closed,repair,U7,,制冷,E016,2025-08-01 12:00
R15,2025-08-10 09:00,closed,repair,U7,,制冷,E017,2025-08-10 12:00
`;
const repairs = `repair_id,ticket_id,started_at,outcome
V1,R6,2025-06-01 08:30,not_fixed
V2,R6,2025-06-01 09:30,fixed
V3,R7,2025-07-01 11:00,fixed
`;

describe('repeat repairs and first-time fix', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await warehouseWithRows({ tickets, repairs });
  });
  afterAll(async () => {
    await db.close();
  });

  const pairs = (mode: string) =>
    db.all<{ ticket_id: string; previous_ticket_id: string; previous_technician_id: string; days_between: number }>(
      `select ticket_id, previous_ticket_id, previous_technician_id, round(days_between, 4) as days_between from marts.repeat_pairs where repeat_mode = $1 order by ticket_id`,
      [mode],
    );

  it('strict pairs: the chain, the exact window edge, the category standing in for the code', async () => {
    expect(await pairs('strict')).toEqual([
      // R2 opened 18 d 21 h after R1 was resolved; charged to R1's technician.
      { ticket_id: 'R15', previous_ticket_id: 'R14', previous_technician_id: 'E016', days_between: 8.875 },
      { ticket_id: 'R2', previous_ticket_id: 'R1', previous_technician_id: 'E010', days_between: 18.875 },
      // R3 repeats R2, not R1 (the latest earlier fix); R12 (cancelled) is nobody's repeat or predecessor.
      { ticket_id: 'R3', previous_ticket_id: 'R2', previous_technician_id: 'E011', days_between: 20 },
      // Exactly 30 days after R4's resolution: still a repeat. R7 (30 days and a minute after R6): not.
      { ticket_id: 'R5', previous_ticket_id: 'R4', previous_technician_id: 'E010', days_between: 30 },
    ]);
  });

  it('loose pairs also match another fault on the same unit', async () => {
    expect((await pairs('loose')).map((p) => `${p.previous_ticket_id}->${p.ticket_id}`)).toEqual([
      'R14->R15',
      'R1->R2',
      'R2->R3',
      'R4->R5',
      'R8->R9',
    ]);
  });

  it('repeat rate: strict by default, loose on request, charged to the earlier technician', async () => {
    // Counted tickets with a serial: R1–R9, R11, R14, R15 = 12 (R10, R12 cancelled; R13 has none).
    const rate = async (extra = {}) => (await readMetricSeries(db, { metric: 'repeat_rate', grain: 'all', ...extra })).rows;
    expect(await rate()).toEqual([{ period: 'all', numerator: 4, denominator: 12, value: 4 / 12 }]);
    expect((await rate({ filters: { repeat_mode: ['loose'] } }))[0]).toMatchObject({ numerator: 5, denominator: 12 });
    // E010 fixed R1 and R4, both came back (R2, R5); E010's own tickets: R1, R4 -> 2 / 2.
    const byTech = await rate({ by: ['technician_id'] });
    expect(byTech.find((r) => r.technician_id === 'E010')).toMatchObject({ numerator: 2, denominator: 2 });
    // E011 handled R2, R5, R6 (3) and R2's fix came back as R3 (1).
    expect(byTech.find((r) => r.technician_id === 'E011')).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('first-time fix rate: resolved repairs, at most one visit, no strict repeat after', async () => {
    // Resolved counted repairs: R1–R9, R11, R13, R14, R15 = 13. Not first-time: R1, R2, R4, R14 (came back)
    // and R6 (two visits): 8 / 13. R8 came back only with another fault (loose), so it counts as fixed.
    const r = (await readMetricSeries(db, { metric: 'first_time_fix_rate', grain: 'all' })).rows[0];
    expect(r).toMatchObject({ numerator: 8, denominator: 13 });
  });

  it('drill-down: the repeat tickets, those charged to a technician, the first-time-fix misses', async () => {
    const ids = async (q: Partial<Parameters<typeof listTickets>[1]>) =>
      (await listTickets(db, { limit: 100, offset: 0, sort: 'ticket_id', order: 'asc', ...q })).rows.map((r) => r.ticket_id);
    expect(await ids({ metric: 'repeat_rate', part: 'numerator' })).toEqual(['R15', 'R2', 'R3', 'R5']);
    // Charged to E010 (the earlier fixes R1 and R4), though R2 and R5 were handled by E011.
    expect(await ids({ metric: 'repeat_rate', part: 'numerator', repeatOfTechnician: ['E010'] })).toEqual(['R2', 'R5']);
    expect(await ids({ metric: 'first_time_fix_rate', part: 'missed' })).toEqual(['R1', 'R14', 'R2', 'R4', 'R6']);
    expect(await ids({ filters: { serial_no: ['U1'] } })).toEqual(['R1', 'R12', 'R2', 'R3']);
  });
});
