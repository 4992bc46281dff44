import { col, notBefore, yesNo, type RecordKind } from './record-kind.ts';

export const complaints: RecordKind = {
  kind: 'complaints',
  label: { en: 'complaints', zh: '投诉' },
  key: 'complaint_id',
  columns: [
    col('complaint_id', 'text', ['投诉编号'], { required: true }),
    col('received_at', 'timestamp', ['投诉时间'], { required: true }),
    col('ticket_id', 'text', ['工单编号']),
    col('technician_id', 'text', ['被投诉人']),
    col('customer_id', 'text', ['客户编号']),
    col('channel', 'text', ['投诉渠道']),
    col('category', 'enum', ['投诉类别'], {
      values: {
        attitude: '服务态度',
        solicitation: '索要财物',
        not_timely: '未及时服务',
        late: '未按时到达',
        repeat_repair: '重复维修',
        unreachable: '关机/拒接',
        quality: '维修质量',
        price: '收费',
        product: '产品质量',
        other: '其他',
      },
    }),
    col('verified', 'boolean', ['是否查实'], { values: yesNo }),
    col('responded_at', 'timestamp', ['答复时间']),
    col('resolved_at', 'timestamp', ['处理完成时间']),
    col('escalated', 'boolean', ['是否上报'], { values: yesNo }),
    col('description', 'text', ['投诉内容']),
  ],
  rules: [
    notBefore('responded_at', 'received_at', { en: 'answered before the complaint was received', zh: '答复时间早于投诉时间' }),
    notBefore('resolved_at', 'received_at', { en: 'resolved before the complaint was received', zh: '处理完成时间早于投诉时间' }),
  ],
};
