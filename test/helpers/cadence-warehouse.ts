// The hand-worked service-cadence fixture (issue 19): units U1 (installed 2024-11-15, team 东一组) and U2
// (2024-01-31, 东二组), the data from 2024-01-01 to 2027-03-01; see test/warehouse/models/cadence-due.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';
import { runRefresh } from '../../warehouse/refresh/run-refresh.ts';

export const tickets = `ticket_id,opened_at,status,service_type,customer_id,region,product_line,product_model,serial_no,installed_at,technician_id,resolved_at,satisfaction
Z0,2024-01-01 09:00,closed,repair,C9,华北,空调,KF-1,U9,,E2,2024-01-01 12:00,
I1,2024-10-20 09:00,closed,install,C1,华东,空调,KF-1,U1,2024-11-15,E1,2024-11-15 12:00,5
I2,2024-01-05 09:00,closed,install,C2,华东,空调,KF-1,U2,2024-01-31,E2,2024-01-31 12:00,
Z1,2027-03-01 09:00,open,repair,C9,华北,空调,KF-1,U9,,E2,,
`;
export const technicians = `technician_id,region,team
E1,华东,东一组
E2,华东,东二组
`;
export const inspections = `inspection_id,serial_no,customer_id,inspected_at,technician_id,result,findings
IS1,U1,C1,2024-12-10 10:00,E1,normal,
IS2,U1,C1,2025-01-16 10:00,E1,normal,
IS3,U1,,2026-01-15 10:00,E1,issue_found,滤网堵塞
IS4,,C1,2027-02-16 10:00,E1,normal,
`;
export const callbacks = `callback_id,ticket_id,customer_id,called_at,method,satisfaction
CB1,,C1,2024-12-01 10:00,phone,5
CB2,I1,,2025-02-16 10:00,phone,4
`;

export async function cadenceWarehouse(): Promise<Warehouse> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-cadence-'));
  const file = (name: string, text: string) => {
    const p = path.join(tmp, name);
    fs.writeFileSync(p, text);
    return p;
  };
  try {
    const db = await openWarehouse(':memory:');
    await ingestFile(db, 'technicians', file('e.csv', technicians));
    await ingestFile(db, 'tickets', file('t.csv', tickets));
    await ingestFile(db, 'inspections', file('i.csv', inspections));
    await ingestFile(db, 'callbacks', file('c.csv', callbacks));
    const r = await runRefresh(db, 'test');
    if (r.status !== 'ok') throw new Error(r.error);
    return db;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
