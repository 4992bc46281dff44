// The service cadence lists over HTTP on the hand-worked fixture (test/helpers/cadence-warehouse.ts): the
// overdue callbacks and inspections most late first, as JSON and CSV; the compliance metrics as series.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { cadenceWarehouse } from '../../../helpers/cadence-warehouse.ts';
import { scoredQuarterWarehouse } from '../../../helpers/scored-quarter.ts';

describe('cadence API', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await cadenceWarehouse();
    app = await buildApp({ db, auth: false });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  const get = (url: string) => app.inject({ method: 'GET', url });

  it('the overdue inspections of team 东一组, most late first, as of the last day', async () => {
    const r = await get('/api/cadence/overdue?kind=inspection&team=东一组');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    // U1: months 4–11 (2025-03-15 … 10-15) and 16–24 (2026-03-15 … 11-15) never visited: 8 + 5 = 13.
    expect(body).toMatchObject({ total: 13, truncated: false });
    expect(body.rows[0]).toMatchObject({
      cadence_kind: 'inspection',
      serial_no: 'U1',
      due_on: '2025-03-15',
      days_late: 716,
      as_of: '2027-03-01',
      team: '东一组',
    });
    expect(body.rows.at(-1)).toMatchObject({ due_on: '2026-11-15', days_late: 106 });
    const csv = await get('/api/cadence/overdue?kind=inspection&team=东一组&format=csv');
    expect(csv.headers['x-total-count']).toBe('13');
    // In Chinese by default: headers and the kind in words, days as they are.
    const zh = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(zh[0]).toBe('类型,序列号,客户编号,区域,班组,工程师编号,安装日期,安装后月数,到期日,逾期天数,截至');
    expect(zh[1]).toBe('巡检,U1,C1,华东,东一组,E1,2024-11-15,4,2025-03-15,716,2027-03-01');
    const en = (await get('/api/cadence/overdue?kind=callback&team=东一组&format=csv&lang=en')).body.replace(/^\uFEFF/, '').split('\r\n');
    expect(en[0]).toBe(
      'Kind,Serial no,Customer id,Region,Team,Technician id,Installed on,Months since installation,Due on,Days late,As of',
    );
    // U1's callbacks from 2025-08-15 (month 9) never made: 2025-08-15 → 2027-03-01 is 563 days.
    expect(en[1]).toBe('Callback,U1,C1,华东,东一组,E1,2024-11-15,9,2025-08-15,563,2027-03-01');
  });

  it('the compliance metrics by team', async () => {
    const r = await get('/api/metrics/inspection_compliance?grain=all&by=team');
    expect(r.statusCode).toBe(200);
    expect(
      r
        .json()
        .rows.map((x: any) => [x.team, x.numerator, x.denominator])
        .sort(),
    ).toEqual([
      ['东一组', 3, 19],
      ['东二组', 0, 22],
    ]);
    expect((await get('/api/metrics/callback_compliance?grain=all')).json().rows).toMatchObject([{ numerator: 2, denominator: 23 }]);
  });

  it('the installation projects as CSV in both languages, lowest score first', async () => {
    // P1 (E1 and E2): 27 + 44 + 8 = 79, unrated: 79 × 100 ÷ 90 = 87.8 (B); P2 (E1): 30 + 50 + 10 = 90 → 100 (A).
    // No ticket: no region; the team is E1's (T1); no rating: no satisfaction points.
    const scored = await scoredQuarterWarehouse({
      installations: `installation_id,accepted_at,technician_ids,hardware_score,software_score,documents_score
P1,2025-08-01,E1;E2,27,44,8
P2,2025-08-02,E1,30,50,10
`,
    });
    const scoredApp = await buildApp({ db: scored, auth: false });
    try {
      const lines = async (lang: string) =>
        (await scoredApp.inject({ method: 'GET', url: `/api/installations/scores?format=csv&lang=${lang}` })).body
          .replace(/^\uFEFF/, '')
          .split('\r\n');
      const zh = await lines('zh');
      expect(zh[0]).toBe(
        '安装项目编号,工单编号,序列号,安装地点,验收日期,区域,班组,安装人员,硬件得分,软件得分,资料规范得分,满意度得分,得分,等级',
      );
      expect(zh.slice(1, 3)).toEqual(['P1,,,,2025-08-01,,T1,E1;E2,27,44,8,,87.8,B', 'P2,,,,2025-08-02,,T1,E1,30,50,10,,100,A']);
      const en = await lines('en');
      expect(en[0]).toBe(
        'Installation id,Ticket id,Serial no,Site,Accepted at,Region,Team,Technician ids,Hardware points,Software points,Documents points,Satisfaction points,Score,Grade',
      );
    } finally {
      await scoredApp.close();
      await scored.close();
    }
  });

  it('the dues behind a compliance figure: done on time, missed, every due, by period and team', async () => {
    // U1's inspections (东一组) on time: month 1 (IS1 2024-12-10), 3 (IS2 2025-01-16), 14 (IS3 2026-01-15); latest first.
    const onTime = (await get('/api/cadence/dues?metric=inspection_compliance&part=numerator&team=东一组')).json();
    expect(onTime.total).toBe(3);
    expect(onTime.rows.map((r: Record<string, unknown>) => [r.due_on, r.due_status, r.visited_on, r.days_late])).toEqual([
      ['2026-01-15', 'on_time', '2026-01-15', 0],
      ['2025-02-15', 'on_time', '2025-01-16', 0],
      ['2024-12-15', 'on_time', '2024-12-10', 0],
    ]);
    // Missed = done late (months 2, 12, 27) + not done (13): 16 of U1's 19; the figure is 3 ÷ 19.
    expect((await get('/api/cadence/dues?metric=inspection_compliance&part=missed&team=东一组&limit=1')).json().total).toBe(16);
    expect((await get('/api/cadence/dues?metric=inspection_compliance&team=东一组&limit=1')).json().total).toBe(19);
    // Due in 2025: months 2–12 (2025-01-15 … 11-15) = 11 — on time month 3; late months 2 (1 day) and 12 (61 days);
    // 8 not done (months 4–11). Oldest first.
    const year = (
      await get('/api/cadence/dues?metric=inspection_compliance&team=东一组&from=2025-01-01&to=2025-12-31&sort=due_on&order=asc')
    ).json();
    expect(year.total).toBe(11);
    const count = (status: string) => year.rows.filter((r: Record<string, unknown>) => r.due_status === status).length;
    expect([count('on_time'), count('late'), count('overdue')]).toEqual([1, 2, 8]);
    expect(year.rows[0]).toMatchObject({
      due_on: '2025-01-15',
      due_status: 'late',
      visited_on: '2025-01-16',
      days_late: 1,
      serial_no: 'U1',
    });
    expect(year.rows.at(-1)).toMatchObject({ due_on: '2025-11-15', due_status: 'late', visited_on: '2026-01-15', days_late: 61 });
    // Callbacks are the other metric's: U1's 2 on time (CB1 for 2024-12-15, CB2 for 2025-05-15).
    const cb = (await get('/api/cadence/dues?metric=callback_compliance&part=numerator')).json();
    expect(cb.rows.map((r: Record<string, unknown>) => [r.cadence_kind, r.due_on])).toEqual([
      ['callback', '2025-05-15'],
      ['callback', '2024-12-15'],
    ]);
  });

  it('the dues as CSV in both languages: the kind and how each was met in words', async () => {
    const lines = async (lang: string) =>
      (await get(`/api/cadence/dues?metric=callback_compliance&part=missed&team=东一组&sort=due_on&order=asc&format=csv&lang=${lang}`)).body
        .replace(/^\uFEFF/, '')
        .split('\r\n');
    // U1's callbacks missed: 2025-02-15 done late (CB2, 1 day), then 7 not done (2025-08-15 … 2027-02-15).
    const zh = await lines('zh');
    expect(zh[0]).toBe('类型,序列号,客户编号,区域,班组,工程师编号,安装日期,到期日,完成情况,访问日期,逾期天数');
    expect(zh[1]).toBe('回访,U1,C1,华东,东一组,E1,2024-11-15,2025-02-15,迟做,2025-02-16,1');
    expect(zh.length).toBe(1 + 8 + 1);
    const en = await lines('en');
    expect(en[0]).toBe('Kind,Serial no,Customer id,Region,Team,Technician id,Installed on,Due on,Status,Visited on,Days late');
    // 2025-08-15 → 2027-03-01: 563 days.
    expect(en[2]).toBe('Callback,U1,C1,华东,东一组,E1,2024-11-15,2025-08-15,Not done,,563');
  });

  it('refuses a dimension the list does not have', async () => {
    expect((await get('/api/cadence/overdue?part_no=X')).statusCode).toBe(400);
  });
});
