// The compliance rows of both cadence kinds in one view (metrics.cadence_compliance), the two metric views each a
// filter of it, on the hand-worked fixture (test/helpers/cadence-warehouse.ts; the due days are worked out in
// test/warehouse/models/marts/cadence_due.test.ts).
// U1's 19 inspection dues: on time months 1 (IS1), 3 (IS2 in its window) and 14 (IS3 on its due day) = 3; done late
// months 2 (IS2, 1 day), 12 (IS3, 61 days) and 27 (IS4, 1 day) = 3; overdue the other 13 (months 4–11, 16–24).
// U1's 10 callback dues: on time 2024-12-15 (CB1) and 2025-05-15 (CB2 in its window) = 2; late 2025-02-15 (CB2,
// 1 day) = 1; overdue the other 7. U2 (东二组) had no visit: 22 inspections and 13 callbacks overdue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { cadenceWarehouse } from '../../helpers/cadence-warehouse.ts';

describe('metrics.cadence_compliance: both kinds of dues in one view', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await cadenceWarehouse();
  });
  afterAll(async () => {
    await db.close();
  });

  it('each due on time, done late or overdue, by kind and team', async () => {
    expect(
      await db.all(
        `select cadence_kind, team, due_status as status, count(*)::integer as dues, sum(numerator)::integer as n, sum(missed)::integer as missed
         from metrics.cadence_compliance group by all order by cadence_kind, team, status`,
      ),
    ).toEqual([
      { cadence_kind: 'callback', team: '东一组', status: 'late', dues: 1, n: 0, missed: 1 },
      { cadence_kind: 'callback', team: '东一组', status: 'on_time', dues: 2, n: 2, missed: 0 },
      { cadence_kind: 'callback', team: '东一组', status: 'overdue', dues: 7, n: 0, missed: 7 },
      { cadence_kind: 'callback', team: '东二组', status: 'overdue', dues: 13, n: 0, missed: 13 },
      { cadence_kind: 'inspection', team: '东一组', status: 'late', dues: 3, n: 0, missed: 3 },
      { cadence_kind: 'inspection', team: '东一组', status: 'on_time', dues: 3, n: 3, missed: 0 },
      { cadence_kind: 'inspection', team: '东一组', status: 'overdue', dues: 13, n: 0, missed: 13 },
      { cadence_kind: 'inspection', team: '东二组', status: 'overdue', dues: 22, n: 0, missed: 22 },
    ]);
  });

  it('a late visit does not move the schedule: it also meets the next due, whose day stays installation + months', async () => {
    // U1's late dues (inspections months 2, 12, 27; callback 2025-02-15): each next due is on time, except month 27,
    // the last one due by as_of; the due days stay the hand-worked ones (2025-02-15, 2026-01-15, 2025-05-15).
    expect(
      await db.all(
        `select cadence_kind, strftime(due_on, '%Y-%m-%d') as due_on, strftime(visited_on, '%Y-%m-%d') as visited_on,
                strftime(next_due_on, '%Y-%m-%d') as next_due_on, next_status
         from (select *, lead(due_on) over w as next_due_on, lead(due_status) over w as next_status
               from metrics.cadence_compliance window w as (partition by cadence_kind, serial_no order by due_on))
         where due_status = 'late' order by cadence_kind, due_on`,
      ),
    ).toEqual([
      { cadence_kind: 'callback', due_on: '2025-02-15', visited_on: '2025-02-16', next_due_on: '2025-05-15', next_status: 'on_time' },
      { cadence_kind: 'inspection', due_on: '2025-01-15', visited_on: '2025-01-16', next_due_on: '2025-02-15', next_status: 'on_time' },
      { cadence_kind: 'inspection', due_on: '2025-11-15', visited_on: '2026-01-15', next_due_on: '2026-01-15', next_status: 'on_time' },
      { cadence_kind: 'inspection', due_on: '2027-02-15', visited_on: '2027-02-16', next_due_on: null, next_status: null },
    ]);
  });

  it('callback_compliance and inspection_compliance are its rows of one kind, without the kind column', async () => {
    const count = async (sql: string) => (await db.all<{ n: number }>(sql))[0].n;
    expect(await count(`select count(*)::integer as n from metrics.callback_compliance`)).toBe(10 + 13);
    expect(await count(`select count(*)::integer as n from metrics.inspection_compliance`)).toBe(19 + 22);
    expect(await count(`select count(*)::integer as n from metrics.inspection_compliance where due_id not like 'inspection:%'`)).toBe(0);
    const columns = await db.all<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = 'metrics' and table_name = 'callback_compliance'`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('cadence_kind');
  });
});
