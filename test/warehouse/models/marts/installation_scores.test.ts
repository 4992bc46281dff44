// Installation-project scores worked out by hand (issue 19, seed 002): 100 = hardware 30 + software 50 +
// documents 10 + satisfaction 10 (the project's rating × 2); grades A ≥ 90, B ≥ 80, C ≥ 60, else D.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../../../ingest/run-ingest.ts';
import { runRefresh } from '../../../../warehouse/refresh/run-refresh.ts';
import { readMetricSeries } from '../../../../warehouse/queries/metric-series.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-install-score-'));
const file = (name: string, text: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, text);
  return p;
};

// I1 rated 4 on the ticket; I2 unrated on the ticket, its latest callback says 3 (an earlier one 5); I3 unrated.
const tickets = `ticket_id,opened_at,status,service_type,region,serial_no,installed_at,technician_id,resolved_at,satisfaction
I1,2025-04-02 09:00,closed,install,华东,U1,2025-04-03,E1,2025-04-03 12:00,4
I2,2025-05-02 09:00,closed,install,华东,U2,2025-05-03,E2,2025-05-03 12:00,
I3,2025-06-02 09:00,closed,install,华北,U3,2025-06-03,E3,2025-06-03 12:00,
`;
const callbacks = `callback_id,ticket_id,called_at,satisfaction
CB1,I2,2025-05-10 10:00,5
CB2,I2,2025-05-20 10:00,3
`;
const technicians = `technician_id,region,team
E1,华东,东一组
E2,华东,东一组
E3,华北,北一组
`;
// 安装验收 with the Chinese headers.
const installations = `安装项目编号,工单编号,序列号,安装地点,验收日期,安装班组,安装人员,硬件得分,软件得分,资料规范得分
P1,I1,U1,杭州某小区,2025-04-05,,E1;E2,27,44,8
P2,I2,U2,上海某大厦,2025-05-06,东一组,E2,30,50,10
P3,I3,U3,北京某园区,2025-06-06,,E3,20,35,5
`;

describe('installation-project quality score', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    await ingestFile(db, 'technicians', file('e.csv', technicians));
    await ingestFile(db, 'tickets', file('t.csv', tickets));
    await ingestFile(db, 'callbacks', file('c.csv', callbacks));
    const r = await ingestFile(db, 'installations', file('i.csv', installations));
    expect(r.rowsRejected).toBe(0);
    const f = await runRefresh(db, 'test');
    if (f.status !== 'ok') throw new Error(f.error);
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('scores each project by hand', async () => {
    expect(
      await db.all(
        `select installation_id, team, technician_id, quality_points, satisfaction_points, round(score, 2) as score, grade from marts.installation_scores order by 1`,
      ),
    ).toEqual([
      // 27 + 44 + 8 = 79; rating 4 → 8; 87 → B. Team from E1's record.
      { installation_id: 'P1', team: '东一组', technician_id: 'E1', quality_points: 79, satisfaction_points: 8, score: 87, grade: 'B' },
      // 90; the latest callback's 3 → 6; 96 → A.
      { installation_id: 'P2', team: '东一组', technician_id: 'E2', quality_points: 90, satisfaction_points: 6, score: 96, grade: 'A' },
      // 60 unrated: 60 × 100 ÷ 90 = 66.67 → C.
      {
        installation_id: 'P3',
        team: '北一组',
        technician_id: 'E3',
        quality_points: 60,
        satisfaction_points: null,
        score: 66.67,
        grade: 'C',
      },
    ]);
  });

  it('the metric is the mean score, by team', async () => {
    const r = await readMetricSeries(db, { metric: 'installation_score', grain: 'all', by: ['team'], filters: {} });
    const byTeam = Object.fromEntries(r.rows.map((x) => [x.team, Math.round(Number(x.value) * 100) / 100]));
    expect(byTeam).toEqual({ 东一组: 91.5, 北一组: 66.67 });
  });
});
