// Parts by hand: the 15-working-day return due date across the 2025 National Day holiday and its make-up
// working days (Sun 28 Sep, Sat 11 Oct), a part issued on a holiday, a late return, an overdue line, a line
// not yet due, paid lines left out; quantity, cost and warranty share by part; parts per repair ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { readMetricSeries } from '../../../../warehouse/queries/metric-series.ts';
import { readPartsUsage } from '../../../../warehouse/queries/parts-usage.ts';
import { readOverdueParts } from '../../../../warehouse/queries/overdue-parts.ts';
import { listTickets } from '../../../../warehouse/queries/ticket-list.ts';
import { warehouseWithRows } from '../../../helpers/warehouse-with-rows.ts';

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const tickets = `ticket_id,opened_at,status,service_type,serial_no,product_model,fault_code,technician_id,resolved_at,warranty_until
T1,2025-09-24 09:00,closed,repair,U1,M1,F1,E01,2025-09-25 12:00,2027-12-31
T2,${day(-3)} 09:00,closed,repair,U2,M1,F1,E01,${day(-2)} 12:00,2099-12-31
T3,2025-10-03 09:00,closed,repair,U3,M2,F2,E02,2025-12-02 12:00,2027-12-31
T4,2025-10-03 09:00,cancelled,repair,U4,M2,F2,E02,,2027-12-31
T5,2025-10-05 09:00,closed,repair,U5,M2,F2,E02,2025-10-05 12:00,
T6,2025-10-05 09:00,closed,install,U6,M2,,E02,2025-10-05 12:00,2027-12-31
`;
// Due days, counting working days after the issue day: from Thu 25 Sep: 26 Sep (1), Sun 28 Sep make-up (2),
// 29–30 Sep (3–4), 1–8 Oct holiday, 9–10 Oct (5–6), Sat 11 Oct make-up (7), 13–17 Oct (8–12), 20–22 Oct (13–15)
// -> due 22 Oct. From Sat 4 Oct (a holiday): 9, 10, 11, 13–17, 20–24, 27, 28 Oct -> due 28 Oct.
// From Mon 1 Dec: 2–5, 8–12, 15–19, 22 Dec -> due 22 Dec.
const parts = `part_line_id,ticket_id,part_no,part_name,quantity,unit_cost,issued_at,charge_type,defective_returned_at
P1,T1,A,压缩机,2,100,2025-09-25 10:00,warranty,2025-10-22 18:00
P2,T1,B,电容,1,50,2025-09-25 10:00,warranty,2025-10-23 09:00
P5,T1,D,螺丝,3,10,2025-09-25 10:00,paid,
P3,T3,A,压缩机,1,100,2025-10-04 10:00,warranty,2025-10-28 21:00
P4,T3,C,主板,1,300,2025-12-01 10:00,warranty,
P6,T2,A,压缩机,1,100,${day(-2)} 10:00,,
P7,T4,A,压缩机,5,100,2025-10-03 10:00,warranty,
`;

describe('parts', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await warehouseWithRows({ tickets, parts });
  });
  afterAll(async () => {
    await db.close();
  });

  it('due days count working days across the holiday and its make-up days', async () => {
    const rows = await db.all<{ part_line_id: string; due: string; is_due: boolean; on_time: boolean; overdue: boolean }>(
      `select part_line_id, strftime(due_day, '%Y-%m-%d') as due, is_due, returned_on_time as on_time, is_overdue as overdue
       from marts.part_returns order by part_line_id`,
    );
    expect(rows.filter((r) => r.part_line_id !== 'P6')).toEqual([
      { part_line_id: 'P1', due: '2025-10-22', is_due: true, on_time: true, overdue: false }, // back on its due day
      { part_line_id: 'P2', due: '2025-10-22', is_due: true, on_time: false, overdue: false }, // a day late
      { part_line_id: 'P3', due: '2025-10-28', is_due: true, on_time: true, overdue: false }, // issued on a holiday
      { part_line_id: 'P4', due: '2025-12-22', is_due: true, on_time: false, overdue: true }, // never back
      // P7 (issued Fri 3 Oct, a holiday, on a ticket later cancelled) is still a warranty part that must come back.
      { part_line_id: 'P7', due: '2025-10-28', is_due: true, on_time: false, overdue: true },
    ]);
    // P5 is paid: no return due. P6 was issued two days ago (charge type empty, ticket in warranty): not due yet.
    expect(rows.find((r) => r.part_line_id === 'P6')).toMatchObject({ is_due: false, overdue: false });
    expect(rows.some((r) => r.part_line_id === 'P5')).toBe(false);
  });

  it('parts_return_on_time: on-time returns over due lines, by the issue day', async () => {
    const s = await readMetricSeries(db, { metric: 'parts_return_on_time', grain: 'quarter' });
    // Q3: P1 on time, P2 late. Q4: P3 on time; P4 and P7 overdue.
    expect(s.rows.map((r) => [r.period, r.numerator, r.denominator])).toEqual([
      ['2025-Q3', 1, 2],
      ['2025-Q4', 1, 3],
    ]);
    const byPart = await readMetricSeries(db, { metric: 'parts_return_on_time', grain: 'all', by: ['part_no'] });
    expect(byPart.rows.map((r) => [r.part_no, r.value])).toEqual([
      ['A', 2 / 3],
      ['B', 0],
      ['C', 0],
    ]);
  });

  it('the overdue list: lines past their due day and not back, oldest first', async () => {
    const { rows } = await readOverdueParts(db, {});
    expect(rows.map((r) => [r.part_line_id, r.due_day])).toEqual([
      ['P7', '2025-10-28'],
      ['P4', '2025-12-22'],
    ]);
    expect((await readOverdueParts(db, { filters: { part_no: ['C'] } })).rows.map((r) => r.part_line_id)).toEqual(['P4']);
  });

  it('parts_usage: quantity, cost and warranty share by part; parts per repair ticket', async () => {
    const u = await readPartsUsage(db, {});
    // The cancelled ticket's part (P7) is not usage. A: P1 2×100 + P3 100 + P6 100; all warranty.
    expect(u.rows.map((r) => [r.part_no, r.quantity, r.cost, r.warranty_share])).toEqual([
      ['A', 4, 400, 1],
      ['C', 1, 300, 1],
      ['B', 1, 50, 1],
      ['D', 3, 30, 0],
    ]);
    // Counted repair tickets: T1, T2, T3, T5 (T4 cancelled, T6 an install) = 4; quantity on them 2+1+3+1+1+1 = 9.
    expect(u.overall).toEqual({ quantity: 9, cost: 780, warranty_share: 750 / 780, repair_tickets: 4, parts_per_repair_ticket: 9 / 4 });
    const m2 = await readPartsUsage(db, { by: ['product_model'], filters: { product_model: ['M2'] } });
    expect(m2.rows).toEqual([{ product_model: 'M2', quantity: 2, cost: 400, lines: 2, tickets: 1, warranty_share: 1 }]);
    // M2's counted repair tickets: T3, T5.
    expect(m2.overall.parts_per_repair_ticket).toBe(1);
  });

  it('drill-down: the tickets that used a part', async () => {
    const ids = async (partNo: string[], metric?: string) =>
      (await listTickets(db, { partNo, metric, limit: 50, offset: 0, sort: 'ticket_id', order: 'asc' })).rows.map((r) => r.ticket_id);
    expect(await ids(['A'])).toEqual(['T1', 'T2', 'T3', 'T4']);
    // Counted tickets only, as parts_usage counts them: T4 is cancelled.
    expect(await ids(['A'], 'opened')).toEqual(['T1', 'T2', 'T3']);
    expect(await ids(['C', 'D'])).toEqual(['T1', 'T3']);
  });
});
