import { col, type RecordKind } from './record-kind.ts';

export const callbacks: RecordKind = {
  kind: 'callbacks',
  label: { en: 'callbacks', zh: '回访记录' },
  key: 'callback_id',
  columns: [
    col('callback_id', 'text', ['回访编号'], { required: true }),
    col('ticket_id', 'text', ['工单编号']),
    col('customer_id', 'text', ['客户编号']),
    col('called_at', 'timestamp', ['回访时间'], { required: true }),
    col('method', 'enum', ['回访方式'], { values: { phone: '电话', onsite: '上门', sms: '短信', online: '在线' } }),
    col('satisfaction', 'integer', ['满意度'], { min: 1, max: 5 }),
    col('comments', 'text', ['回访意见']),
  ],
  rules: [],
};
