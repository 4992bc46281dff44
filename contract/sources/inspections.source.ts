import { col, type RecordKind } from './record-kind.ts';

// Inspections (巡检): one row per visit to an installed unit (or a customer's site) by the service cadence of
// seed 002 (monthly in the first 12 months, every 2 months in months 12–24, every 3 months after that).
export const inspections: RecordKind = {
  kind: 'inspections',
  label: { en: 'inspections', zh: '巡检记录' },
  key: 'inspection_id',
  columns: [
    col('inspection_id', 'text', ['巡检编号'], { required: true }),
    col('serial_no', 'text', ['序列号', '机身编号']),
    col('customer_id', 'text', ['客户编号']),
    col('inspected_at', 'timestamp', ['巡检时间', '巡检日期'], { required: true }),
    col('technician_id', 'text', ['工程师编号', '巡检人']),
    col('result', 'enum', ['巡检结果'], { values: { normal: '正常', issue_found: '发现问题', fault: '故障' } }),
    col('findings', 'text', ['巡检发现', '问题描述']),
  ],
  rules: [
    {
      field: 'serial_no',
      failsWhen: 'serial_no is null and customer_id is null',
      level: 'error',
      reason: { en: 'an inspection needs the unit (serial number) or the customer', zh: '巡检记录须有序列号或客户编号' },
    },
  ],
};
