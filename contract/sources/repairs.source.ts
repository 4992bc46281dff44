import { col, notBefore, type RecordKind } from './record-kind.ts';

export const repairs: RecordKind = {
  kind: 'repairs',
  label: { en: 'repairs', zh: '维修记录' },
  key: 'repair_id',
  columns: [
    col('repair_id', 'text', ['维修单号'], { required: true }),
    col('ticket_id', 'text', ['工单编号'], { required: true }),
    col('technician_id', 'text', ['工程师编号']),
    col('started_at', 'timestamp', ['开始时间'], { required: true }),
    col('finished_at', 'timestamp', ['结束时间']),
    col('outcome', 'enum', ['结果'], { values: { fixed: '已修复', not_fixed: '未修复', parts_pending: '待配件', referred: '转派' } }),
    col('fault_code', 'text', ['故障代码']),
    col('action', 'text', ['维修措施']),
    col('labor_minutes', 'decimal', ['工时(分钟)', '工时'], { min: 0 }),
    col('labor_cost', 'decimal', ['工时费'], { min: 0 }),
    col('travel_cost', 'decimal', ['差旅费'], { min: 0 }),
  ],
  rules: [notBefore('finished_at', 'started_at', { en: 'finished before it started', zh: '结束时间早于开始时间' })],
};
