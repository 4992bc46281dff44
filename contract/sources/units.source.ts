import { col, notBefore, type RecordKind } from './record-kind.ts';

// The installed base (装机档案 / 出货记录): one row per unit shipped or installed, by serial number. It gives the
// units at risk that failures are read against (claims per 1,000 units by months in service, reliability with
// suspensions, issue 21). A unit's tickets are the tickets with its serial number.
export const units: RecordKind = {
  kind: 'units',
  label: { en: 'installed base', zh: '装机档案' },
  key: 'serial_no',
  columns: [
    col('serial_no', 'text', ['序列号', '机身编号'], { required: true }),
    col('product_model', 'text', ['机型', '产品型号']),
    col('product_line', 'text', ['产品线']),
    col('region', 'text', ['大区', '区域']),
    col('customer_id', 'text', ['客户编号']),
    col('production_date', 'date', ['生产日期']),
    col('production_batch', 'text', ['生产批次', '批次号']),
    col('sale_date', 'date', ['销售日期', '出货日期']),
    col('installed_at', 'date', ['安装日期']),
    col('warranty_end', 'date', ['保修截止日期', '保修到期', '保修到期日']),
    col('status', 'enum', ['状态', '使用状态'], { values: { in_service: '在用', scrapped: '报废' } }),
    col('scrapped_at', 'date', ['报废日期']),
  ],
  rules: [
    notBefore('installed_at', 'production_date', {
      en: 'installed before it was produced',
      zh: '安装日期早于生产日期',
    }),
    notBefore('scrapped_at', 'installed_at', { en: 'scrapped before it was installed', zh: '报废日期早于安装日期' }),
    notBefore('warranty_end', 'installed_at', { en: 'warranty ends before installation', zh: '保修截止日期早于安装日期' }, 'warning'),
    {
      field: 'scrapped_at',
      failsWhen: "status = 'in_service' and scrapped_at is not null",
      level: 'warning',
      reason: { en: 'a scrapping date on a unit in service', zh: '在用设备填写了报废日期' },
    },
    {
      field: 'status',
      failsWhen: "status = 'scrapped' and scrapped_at is null",
      level: 'warning',
      reason: {
        en: 'scrapped without a scrapping date: counted in service until the data end',
        zh: '报废但无报废日期：按在用计算至数据截止日',
      },
    },
  ],
};
