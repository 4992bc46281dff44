// The small scored quarter of test/warehouse/queries/technician-scores.test.ts (its header works the scores
// out by hand): three technicians, 46 tickets, 5 complaints, loaded into an in-memory warehouse.
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import type { AnalysisSettings } from '../../warehouse/config/config.ts';
import { warehouseWithRows } from './warehouse-with-rows.ts';

export function ticketsCsv(): string {
  const rows = [
    'ticket_id,opened_at,status,service_type,severity,product_line,serial_no,fault_code,technician_id,resolved_at,satisfaction',
  ];
  for (let i = 1; i <= 20; i++) {
    const day = String(i + 1).padStart(2, '0');
    const resolved = i <= 2 ? `2025-07-${String(i + 10).padStart(2, '0')} 10:00` : `2025-07-${day} 12:00`;
    rows.push(`A${i},2025-07-${day} 10:00,closed,repair,3,空调,SA${i},F1,E1,${resolved},${i <= 4 ? 2 : 5}`);
    rows.push(`B${i},2025-07-${day} 10:00,closed,repair,3,空调,SB${i},F1,E2,2025-07-${day} 12:00,5`);
  }
  rows.push('B21,2025-07-26 10:00,closed,repair,3,空调,SA20,F1,E2,2025-07-26 12:00,5');
  for (let i = 1; i <= 5; i++)
    rows.push(`C${i},2025-08-0${i} 10:00,closed,repair,1,冰箱,SC${i},F9,E3,2025-08-0${i} 11:00,${i <= 2 ? 5 : 1}`);
  return `${rows.join('\n')}\n`;
}
export const technicians = `technician_id,name,region,team
E1,甲,华东,T1
E2,乙,华东,T1
E3,丙,华北,T2
`;
export const complaints = `complaint_id,ticket_id,technician_id,received_at,category,verified
K1,A5,E1,2025-07-10 09:00,attitude,yes
K2,B5,E2,2025-07-10 09:00,attitude,yes
K3,B6,E2,2025-07-11 09:00,late,yes
K4,B7,E2,2025-07-12 09:00,late,yes
K5,B8,E2,2025-07-12 09:00,late,no
`;

/** With `installations` (CSV) and `settings`: the installer's part of the score (issue 19). */
export async function scoredQuarterWarehouse(o: { installations?: string; settings?: Partial<AnalysisSettings> } = {}): Promise<Warehouse> {
  const rows = { technicians, tickets: ticketsCsv(), complaints, ...(o.installations ? { installations: o.installations } : {}) };
  return warehouseWithRows(rows, { allowRejects: true, settings: o.settings });
}
