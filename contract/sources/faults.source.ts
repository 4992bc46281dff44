import { col, type RecordKind } from './record-kind.ts';

// The company's own fault code list (故障代码表): each code's name in Chinese and/or English and its category.
// Its names take precedence over those derived from the tickets' fault descriptions (warehouse/models/marts/
// fault_names.sql), so every screen shows "AC08 压缩机异响" as the company names it. A later load of a code
// replaces its row (the key is the code).
export const faults: RecordKind = {
  kind: 'faults',
  label: { en: 'fault codes', zh: '故障代码表' },
  key: 'fault_code',
  columns: [
    col('fault_code', 'text', ['故障代码', '故障编码', '故障编号'], { required: true }),
    col('name_zh', 'text', ['故障名称', '中文名称', '故障名称（中文）']),
    col('name_en', 'text', ['英文名称', '故障名称（英文）', 'English name']),
    col('category', 'text', ['故障类别', '故障分类', '类别']),
  ],
  rules: [
    {
      field: 'name_zh',
      failsWhen: "trim(coalesce(name_zh, '')) = '' and trim(coalesce(name_en, '')) = ''",
      level: 'error',
      reason: { en: 'a fault code needs its name (in Chinese or in English)', zh: '故障代码须有名称（中文或英文）' },
    },
  ],
};
