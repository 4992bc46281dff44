// The hand-worked installed-base fixture (issue 21): three production batches of units and their tickets, the
// data from 2024-01-01 (the first ticket) to 2024-12-31 (the last), times in Asia/Shanghai. The units file has
// the Chinese headers. Ages in days from installation (months in service of 30.4375 days: MIS 1 = ages 0–30,
// 2 = 31–60, 3 = 61–91, …, 7 = 183–213, 8 = 214–243, …, 18 = 518–547, 19 = 548–578):
//   batch A (KF-1, produced 2024-01): U1 installed 02-01, repairs at ages 10 (T1) and 74 (T2); U2 installed
//     02-01, none; U3 installed 03-01, scrapped 05-01, a repair at age 4 (T3).
//   batch B (KF-1, produced 2024-02): U4 installed 06-01, none; U5 installed 06-01, a maintenance visit (not a
//     failure) at age 4 and a repair at age 39 (T5); U9 installed 03-01, scrapped 04-01, a repair on 05-01 after
//     it was scrapped (T9, not counted).
//   batch C (KF-2, produced 2023-06): U6 installed 2023-07-01, before the data begin, repairs at ages 234 (T6,
//     2024-02-20) and 549 (T6b, 2024-12-31); U7 installed 10-01 with a repair on 09-20, before it was installed
//     (an inconsistent record: left out); U8 with no installation day (left out).
// Z0 and Z9 are repairs on a unit not in the installed base; they set the data's first and last day.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';

export const tickets = `ticket_id,opened_at,status,service_type,region,product_line,product_model,serial_no,installed_at
Z0,2024-01-01 09:00,closed,repair,华北,空调,KF-1,X1,,
T1,2024-02-11 10:00,closed,repair,华东,空调,KF-1,U1,2024-02-01
T2,2024-04-15 12:00,closed,repair,华东,空调,KF-1,U1,2024-02-01
T3,2024-03-05 09:00,closed,repair,华东,空调,KF-1,U3,2024-03-01
M5,2024-06-05 09:00,closed,maintenance,华北,空调,KF-1,U5,2024-06-01
T5,2024-07-10 09:00,closed,,华北,空调,KF-1,U5,2024-06-01
T9,2024-05-01 09:00,closed,repair,华北,空调,KF-1,U9,2024-03-01
T6,2024-02-20 18:00,closed,repair,华南,热水器,KF-2,U6,2023-07-01
T6b,2024-12-31 08:00,open,repair,华南,热水器,KF-2,U6,2023-07-01
T7,2024-09-20 09:00,closed,repair,华南,热水器,KF-2,U7,
Z9,2024-12-31 09:00,open,repair,华北,空调,KF-1,X1,
`;

/** 装机档案 with the Chinese headers and labels. */
export const units = `序列号,机型,产品线,大区,客户编号,生产日期,生产批次,销售日期,安装日期,保修到期,状态,报废日期
U1,KF-1,空调,华东,C1,2024-01-05,A,2024-01-20,2024-02-01,2026-02-01,在用,
U2,KF-1,空调,华东,C2,2024-01-10,A,2024-01-20,2024-02-01,2026-02-01,在用,
U3,KF-1,空调,华东,C3,2024-01-20,A,2024-02-20,2024-03-01,2026-03-01,报废,2024-05-01
U4,KF-1,空调,华北,C4,2024-02-03,B,2024-05-20,2024-06-01,2026-06-01,在用,
U5,KF-1,空调,华北,C5,2024-02-15,B,2024-05-20,2024-06-01,2026-06-01,在用,
U9,KF-1,空调,华北,C9,2024-02-20,B,2024-02-25,2024-03-01,2026-03-01,报废,2024-04-01
U6,KF-2,热水器,华南,C6,2023-06-10,C,2023-06-20,2023-07-01,2025-07-01,在用,
U7,KF-2,热水器,华南,C7,2023-06-12,C,2024-09-01,2024-10-01,2026-10-01,在用,
U8,KF-2,热水器,华南,C8,2023-06-15,C,,,,在用,
`;

export async function unitsWarehouse(): Promise<Warehouse> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-units-'));
  const file = (name: string, text: string) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, text);
    return p;
  };
  try {
    const db = await openWarehouse(':memory:');
    for (const [kind, text] of [
      ['tickets', tickets],
      ['units', units],
    ]) {
      const r = await ingestFile(db, kind, file(`${kind}.csv`, text));
      if (r.rowsRejected) throw new Error(`${kind}: ${r.rowsRejected} rows rejected`);
    }
    const r = await runRefresh(db, 'test');
    if (r.status !== 'ok') throw new Error(r.error);
    return db;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
