// The service cadence worked out by hand (issue 19, seed 002). Unit U1 was installed 2024-11-15, U2 2024-01-31;
// the data run from 2024-01-01 (ticket Z0) to 2027-03-01 (ticket Z1), the as_of day.
// U1's inspections fall due monthly to month 12 (2024-12-15 … 2025-11-15, across the 2024/25 year end), every 2
// months to 24 (2026-01-15 … 2026-11-15, across the next year end), then every 3 (2027-02-15); month 30 is after
// as_of. U2's due days show the month-end rule: 01-31 + 1 month = 2024-02-29 (a leap year), + 2 = 03-31.
// The fixture's records: test/helpers/cadence-warehouse.ts (inspections IS1 2024-12-10, IS2 2025-01-16, IS3 2026-01-15
// naming U1 only, IS4 2027-02-16 naming the customer C1 only; callbacks CB1 2024-12-01 to C1, CB2 2025-02-16 on ticket I1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { cadenceWarehouse } from '../../../helpers/cadence-warehouse.ts';

interface Due {
  due_month: number;
  due_on: string;
  on_time: boolean;
  days_late: number;
  is_overdue: boolean;
  done_late_on: string | null;
}

describe('service cadence: due callbacks and inspections', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await cadenceWarehouse();
  });
  afterAll(async () => {
    await db.close();
  });

  const dues = (kind: string, serial: string) =>
    db.all<Due>(
      `select due_month, strftime(due_on, '%Y-%m-%d') as due_on, on_time, days_late, is_overdue, strftime(done_late_on, '%Y-%m-%d') as done_late_on
       from marts.cadence_due where cadence_kind = $1 and serial_no = $2 order by due_on`,
      [kind, serial],
    );

  it('installation tickets give the units, their day, technician and team', async () => {
    expect(
      await db.all(
        `select serial_no, strftime(installed_on, '%Y-%m-%d') as installed_on, technician_id, team from marts.installed_units order by serial_no`,
      ),
    ).toEqual([
      { serial_no: 'U1', installed_on: '2024-11-15', technician_id: 'E1', team: '东一组' },
      { serial_no: 'U2', installed_on: '2024-01-31', technician_id: 'E2', team: '东二组' },
    ]);
  });

  it('inspection due days across the 12- and 24-month boundaries and the year ends', async () => {
    const u1 = await dues('inspection', 'U1');
    expect(u1.map((d) => `${d.due_month}:${d.due_on}`)).toEqual([
      '1:2024-12-15',
      '2:2025-01-15',
      '3:2025-02-15',
      '4:2025-03-15',
      '5:2025-04-15',
      '6:2025-05-15',
      '7:2025-06-15',
      '8:2025-07-15',
      '9:2025-08-15',
      '10:2025-09-15',
      '11:2025-10-15',
      '12:2025-11-15',
      '14:2026-01-15',
      '16:2026-03-15',
      '18:2026-05-15',
      '20:2026-07-15',
      '22:2026-09-15',
      '24:2026-11-15',
      '27:2027-02-15',
    ]);
    const u2 = await dues('inspection', 'U2');
    expect(u2.slice(0, 3).map((d) => d.due_on)).toEqual(['2024-02-29', '2024-03-31', '2024-04-30']);
    // Months 1–12, 14–24 by 2, 27–36 by 3 (month 36 = 2027-01-31 ≤ as_of; 39 is after it).
    expect(u2.length).toBe(12 + 6 + 4);
    expect(u2.at(-1)!.due_on).toBe('2027-01-31');
  });

  it('judges each due: on time in its window, late by the days to the first visit up to the next due, else overdue to as_of', async () => {
    const byMonth = Object.fromEntries((await dues('inspection', 'U1')).map((d) => [d.due_month, d]));
    // IS1 2024-12-10: in month 1's window (2024-11-15 … 12-15).
    expect(byMonth[1]).toMatchObject({ on_time: true, days_late: 0, is_overdue: false });
    // IS2 2025-01-16: one day late for 2025-01-15; it falls in month 3's window (01-16 … 02-15), so month 3 is on time.
    expect(byMonth[2]).toMatchObject({ on_time: false, days_late: 1, is_overdue: false, done_late_on: '2025-01-16' });
    expect(byMonth[3]).toMatchObject({ on_time: true, days_late: 0 });
    // Nothing from 2025-02-16 until IS3 (2026-01-15): month 4 … 11 overdue, late to as_of 2027-03-01 (month 4: 716 days).
    expect(byMonth[4]).toMatchObject({ on_time: false, days_late: 716, is_overdue: true, done_late_on: null });
    // Month 12 (2025-11-15): IS3 came on 2026-01-15, the next due day: 61 days late. Month 14: IS3 on its due day.
    expect(byMonth[12]).toMatchObject({ on_time: false, days_late: 61, is_overdue: false, done_late_on: '2026-01-15' });
    expect(byMonth[14]).toMatchObject({ on_time: true, days_late: 0 });
    // Month 24 (2026-11-15): IS4 (2027-02-16) is after the next due day: overdue, 106 days to as_of.
    expect(byMonth[24]).toMatchObject({ on_time: false, days_late: 106, is_overdue: true });
    // Month 27 (2027-02-15): IS4 names only the customer; one day late.
    expect(byMonth[27]).toMatchObject({ on_time: false, days_late: 1, is_overdue: false, done_late_on: '2027-02-16' });
  });

  it('callbacks: the first within 30 days of installation, then quarterly', async () => {
    const u1 = await dues('callback', 'U1');
    expect(u1.map((d) => d.due_on)).toEqual([
      '2024-12-15',
      '2025-02-15',
      '2025-05-15',
      '2025-08-15',
      '2025-11-15',
      '2026-02-15',
      '2026-05-15',
      '2026-08-15',
      '2026-11-15',
      '2027-02-15',
    ]);
    // CB1 (2024-12-01) on time; CB2 (2025-02-16, found through its ticket I1's customer) one day late for the first
    // quarter, and in the second quarter's window.
    expect(u1.slice(0, 3).map((d) => [d.on_time, d.days_late])).toEqual([
      [true, 0],
      [false, 1],
      [true, 0],
    ]);
    // U2 installed 2024-01-31: first callback due 2024-03-01 (30 days, leap February), then 12 quarters to 2027-01-31.
    const u2 = await dues('callback', 'U2');
    expect(u2[0].due_on).toBe('2024-03-01');
    expect(u2.length).toBe(13);
  });

  it('compliance = done on time ÷ due, by team', async () => {
    const rows = await db.all<{ metric: string; team: string; n: number; d: number }>(
      `select 'inspection' as metric, team, sum(numerator)::integer as n, sum(denominator)::integer as d from metrics.inspection_compliance group by all
       union all
       select 'callback', team, sum(numerator)::integer, sum(denominator)::integer from metrics.callback_compliance group by all
       order by metric, team`,
    );
    expect(rows).toEqual([
      { metric: 'callback', team: '东一组', n: 2, d: 10 },
      { metric: 'callback', team: '东二组', n: 0, d: 13 },
      { metric: 'inspection', team: '东一组', n: 3, d: 19 },
      { metric: 'inspection', team: '东二组', n: 0, d: 22 },
    ]);
  });
});
