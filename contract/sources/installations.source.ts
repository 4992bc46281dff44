import { col, type RecordKind } from './record-kind.ts';

// Installation acceptances (安装验收): one row per installation project, with the quality points checked at
// acceptance (seed 002: hardware 30, software 50, documents and norms 10; customer satisfaction 10 comes from
// the project's callbacks or ratings).
export const installations: RecordKind = {
  kind: 'installations',
  label: { en: 'installations', zh: '安装验收' },
  key: 'installation_id',
  columns: [
    col('installation_id', 'text', ['安装项目编号', '项目编号'], { required: true }),
    col('ticket_id', 'text', ['工单编号']),
    col('serial_no', 'text', ['序列号', '机身编号']),
    col('site', 'text', ['安装地点', '项目地点']),
    col('accepted_at', 'date', ['验收日期'], { required: true }),
    col('team', 'text', ['安装班组', '班组']),
    col('technician_ids', 'text', ['安装人员', '安装工程师']),
    col('hardware_score', 'decimal', ['硬件得分'], { min: 0, max: 30 }),
    col('software_score', 'decimal', ['软件得分'], { min: 0, max: 50 }),
    col('documents_score', 'decimal', ['资料规范得分', '文档得分'], { min: 0, max: 10 }),
  ],
  rules: [],
};
