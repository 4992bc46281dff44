import { col, yesNo, type RecordKind } from './record-kind.ts';

export const technicians: RecordKind = {
  kind: 'technicians',
  label: { en: 'technicians', zh: '工程师档案' },
  key: 'technician_id',
  columns: [
    col('technician_id', 'text', ['工程师编号'], { required: true }),
    col('name', 'text', ['姓名'], { personal: true }),
    col('region', 'text', ['大区']),
    col('team', 'text', ['班组']),
    col('level', 'text', ['级别']),
    col('hired_at', 'date', ['入职日期']),
    col('active', 'boolean', ['在职'], { values: yesNo }),
  ],
  rules: [],
};
