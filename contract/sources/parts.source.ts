import { col, notBefore, type RecordKind } from './record-kind.ts';

export const parts: RecordKind = {
  kind: 'parts',
  label: { en: 'parts', zh: '配件' },
  key: 'part_line_id',
  columns: [
    col('part_line_id', 'text', ['领用单号'], { required: true }),
    col('ticket_id', 'text', ['工单编号']),
    col('repair_id', 'text', ['维修单号']),
    col('part_no', 'text', ['配件编号'], { required: true }),
    col('part_name', 'text', ['配件名称']),
    col('quantity', 'decimal', ['数量'], { required: true, min: 0, exclusiveMin: true }),
    col('unit_cost', 'decimal', ['单价'], { min: 0 }),
    col('issued_at', 'timestamp', ['领用时间'], { required: true }),
    col('charge_type', 'enum', ['收费类型'], { values: { warranty: '保内', paid: '保外' } }),
    col('defective_returned_at', 'timestamp', ['旧件返还时间']),
    col('supplier', 'text', ['供应商']),
  ],
  rules: [notBefore('defective_returned_at', 'issued_at', { en: 'returned before it was issued', zh: '旧件返还时间早于领用时间' })],
};
